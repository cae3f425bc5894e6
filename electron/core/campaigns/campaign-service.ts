import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { CountryCode } from 'libphonenumber-js';
import type { Logger } from 'pino';
import {
  type AudienceCheckDto,
  type AudienceDraftDto,
  type AudienceSource,
  type CampaignDto,
  type CampaignExportDto,
  type CampaignFunnel,
  type CampaignPacing,
  type CampaignReportDto,
  type CampaignWindow,
  type ImportStage,
} from '../../../shared/contract/campaign-dto';
import { renderVariant, templateVariables } from '../../../shared/campaign-text';
import { AppError } from '../../../shared/errors';
import { getAccountRow } from '../accounts/account-store';
import { practiceCarriesNoFiles } from '../accounts/practice-limits';
import type { Orm } from '../db/orm';
import { campaignAccounts, campaignRecipients, campaigns, chatLabels, chats } from '../db/schema';
import type { EventBus } from '../events/event-bus';
import type { Clock } from '../whatsapp/account-supervisor';
import { countryOfPhone, createAudienceBuilder, summarize, type AudienceEntry, type BuiltAudience } from './audience';
import { createAudienceDrafts, type AudienceDraft } from './audience-drafts';
import { parseAudienceFile } from './audience-file';
import { attachmentOf, stageAttachment, type AttachmentRequest, type StagedAttachment } from './campaign-attachment';
import type { CampaignRunner } from './campaign-runner';
import {
  accountsThatKnow,
  campaignAccountRows,
  clearBrakes,
  getCampaignRow,
  insertRecipients,
  listCampaignRows,
  pacingOf,
  pendingByAccount,
  queuedInCampaign,
  queuedTimes,
  setCampaignStatus,
  suppressedPhones,
  windowOf,
  type CampaignRow,
} from './campaign-store';
import { figuresOf } from './campaign-figures';
import { DAY_MS, estimateLaneFinish, isKnownTimeZone, windowEverOpens, windowState } from './pacing';
import type { WhatsAppCheck } from './whatsapp-check';

/** Campaign summaries (counts, estimate) are recomputed at most this often while recipients change. */
const SUMMARY_EVERY_MS = 500;
/**
 * The finish estimate walks every remaining message through the pacing rules (linear in the
 * recipients left): while a campaign sends it is refreshed this often, not at every summary.
 */
const ESTIMATE_EVERY_MS = 30_000;
/** People checked between two yields to the event loop (progress events, other requests). */
const CHECK_SLICE = 10_000;

export interface CreateCampaignRequest {
  name: string;
  audience: AudienceSource;
  template: string;
  accountIds: string[];
  pacing: CampaignPacing;
  window: CampaignWindow;
  startAt?: number | undefined;
  attachment?: AttachmentRequest | undefined;
  skipNotOnWhatsApp?: boolean | undefined;
  /** Country of numbers written without a country code (the audience step's selector). */
  defaultCountry?: string | undefined;
}

export interface CampaignServiceDeps {
  orm: Orm;
  bus: EventBus;
  logger: Logger;
  clock: Clock;
  runner: () => CampaignRunner;
  /** Where a campaign's attachment is kept (media/campaigns/ under it). */
  dataDir: string;
  whatsAppCheck: WhatsAppCheck;
}

export function createCampaignService(deps: CampaignServiceDeps) {
  const { orm, bus, clock } = deps;
  const drafts = createAudienceDrafts();
  const dirty = new Set<number>();
  const estimates = new Map<number, { at: number; status: string; value: number | null }>();
  let summaryTimer: unknown;
  let stopped = false;

  const inTransaction = <T>(work: () => T): T => orm.$client.transaction(work).immediate();

  const estimateOf = (row: CampaignRow): number | null => {
    const cached = estimates.get(row.id);
    if (cached && cached.status === row.status && clock.now() - cached.at < ESTIMATE_EVERY_MS) return cached.value;
    const value = computeEstimate(row);
    estimates.set(row.id, { at: clock.now(), status: row.status, value });
    return value;
  };

  const computeEstimate = (row: CampaignRow): number | null => {
    if (row.status === 'cancelled' || row.status === 'finished') return null;
    const pacing = pacingOf(row);
    const window = windowOf(row);
    const now = Math.max(clock.now(), row.startAt);
    let finish: number | null = null;
    for (const [accountId, remaining] of pendingByAccount(orm, row.id)) {
      const account = getAccountRow(orm, accountId);
      if (!account) continue;
      const sent = queuedTimes(orm, accountId, now - DAY_MS);
      const lane = estimateLaneFinish(pacing, window, { sent, pairedAt: account.createdAt, remaining, sentInCampaign: queuedInCampaign(orm, row.id, accountId), lastSentAt: sent.at(-1) ?? null }, now);
      if (lane !== null) finish = Math.max(finish ?? 0, lane);
    }
    return finish;
  };

  const attachmentDto = (row: CampaignRow): CampaignDto['attachment'] => {
    const attachment = attachmentOf(row);
    return attachment ? { kind: attachment.kind, fileName: attachment.fileName, mime: attachment.mime } : null;
  };

  const toDto = (row: CampaignRow): CampaignDto => ({
    id: row.id,
    name: row.name,
    status: row.status,
    template: row.template,
    attachment: attachmentDto(row),
    pacing: pacingOf(row),
    window: windowOf(row),
    startAt: row.startAt,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    accounts: campaignAccountRows(orm, row.id).map((a) => ({
      accountId: a.accountId,
      pausedReason: (a.pausedReason as CampaignDto['accounts'][number]['pausedReason']) ?? null,
      pausedDetail: a.pausedDetail,
    })),
    ...countsAndFigures(row.id),
    waitingUntil: waitingUntil(row),
    estimatedFinishAt: estimateOf(row),
  });

  const countsAndFigures = (id: number) => {
    const { counts, figures } = figuresOf(orm, id);
    return { counts, figures };
  };

  /** "Waiting for its hours" rather than "Sending": the start, or the window's next opening. */
  const waitingUntil = (row: CampaignRow): number | null => {
    if (row.status !== 'running' && row.status !== 'scheduled') return null;
    const from = Math.max(clock.now(), row.startAt);
    const state = windowState(windowOf(row), from);
    if (state.open) return row.startAt > clock.now() ? row.startAt : null;
    return state.opensAt;
  };

  const requireCampaign = (id: number): CampaignRow => {
    const row = getCampaignRow(orm, id);
    if (!row) throw new AppError('NOT_FOUND', `No campaign ${id}`);
    return row;
  };

  const flushSummaries = () => {
    summaryTimer = undefined;
    for (const id of [...dirty]) {
      dirty.delete(id);
      const row = getCampaignRow(orm, id);
      if (row) bus.emit('campaigns.upserted', toDto(row));
    }
  };

  const campaignChanged = (id: number) => {
    // After stop() the database is about to close: a summary timer set now would fire into it.
    if (stopped) return;
    dirty.add(id);
    summaryTimer ??= clock.setTimeout(flushSummaries, SUMMARY_EVERY_MS);
  };

  const requireAccounts = (accountIds: readonly string[]) => {
    const rows = [...new Set(accountIds)].map((id) => {
      const row = getAccountRow(orm, id);
      if (!row || row.removedAt !== null) throw new AppError('NOT_FOUND', `No account ${id}`);
      return row;
    });
    if (rows.length === 0) throw new AppError('BAD_REQUEST', 'Choose at least one account to send from');
    return rows;
  };

  /** The people of a source, as entries with their variables (file columns, or the chat's name). */
  const entriesOf = (
    source: AudienceSource,
  ): { entries: AudienceEntry[]; variables: string[]; blankRows: number | null; progressId: string | null; readings: AudienceDraft['readings'] | null } => {
    if (source.kind === 'file') {
      const draft = drafts.get(source.draftId);
      if (!draft) throw new AppError('NOT_FOUND', 'The file is no longer loaded: choose it again');
      const { rows, columns, lines, extraFieldRows, blankRows } = draft.file;
      for (const c of [...source.phoneColumns, ...source.variables.map((v) => v.column)]) {
        if (c >= columns.length) throw new AppError('BAD_REQUEST', `The file has no column ${c + 1}`);
      }
      const nameVar = source.variables.find((v) => /^(nombre|name)$/i.test(v.name));
      const phoneColumns = [...new Set(source.phoneColumns)];
      const entries = rows.map((row, i): AudienceEntry => {
        const variables: Record<string, string> = {};
        for (const v of source.variables) variables[v.name] = row[v.column] ?? '';
        // Several phone columns are one list of candidates, as a " ::: " cell is.
        const raw = phoneColumns.length === 1 ? (row[phoneColumns[0]!] ?? '') : phoneColumns.map((c) => row[c] ?? '').filter(Boolean).join(' ::: ');
        const entry: AudienceEntry = { line: lines[i]!, raw, name: nameVar ? (row[nameVar.column] ?? null) || null : null, variables };
        if (extraFieldRows.has(i)) entry.extraFields = true;
        return entry;
      });
      return { entries, variables: source.variables.map((v) => v.name), blankRows, progressId: source.draftId, readings: draft.readings };
    }
    const where =
      source.kind === 'labels'
        ? inArray(chats.id, orm.select({ id: chatLabels.chatId }).from(chatLabels).where(inArray(chatLabels.labelId, source.labelIds)))
        : inArray(chats.id, source.chatIds);
    const rows = orm.select({ id: chats.id, accountId: chats.accountId, jid: chats.jid, pnJid: chats.pnJid, name: chats.name }).from(chats).where(where).orderBy(chats.id).all();
    const entries = rows.flatMap((chat) => {
      const pn = chat.pnJid ?? (chat.jid.endsWith('@s.whatsapp.net') ? chat.jid : null);
      // Groups and people known only by LID have no number to send a campaign to.
      if (!pn) return [];
      const digits = pn.slice(0, pn.indexOf('@'));
      return [{ line: chat.id, raw: `+${digits}`, whatsappPhone: digits, name: chat.name, variables: { nombre: chat.name ?? '' }, accountHint: chat.accountId }];
    });
    return { entries, variables: ['nombre'], blankRows: null, progressId: null, readings: null };
  };

  const progress = (draftId: string | null, stage: ImportStage, rows: number, total: number | null, done: boolean) => {
    if (draftId) bus.emit('campaigns.import', { draftId, stage, rows, total, done });
  };

  /**
   * `whatsApp`: the cached answers of the "is it on WhatsApp?" check, when it is wanted. The
   * country chosen on the audience step wins; else the sending numbers' own; else none (local
   * numbers are then reported, not guessed). Checks in slices, yielding between them, with progress.
   */
  const build = async (
    source: AudienceSource,
    request: { accountIds: readonly string[]; defaultCountry?: string | undefined },
    whatsApp?: ReadonlyMap<string, boolean>,
  ): Promise<{ built: BuiltAudience; variables: string[]; blankRows: number | null; defaultCountry: CountryCode | undefined }> => {
    const accounts = requireAccounts(request.accountIds);
    const { entries, variables, blankRows, progressId, readings } = entriesOf(source);
    const defaultCountry = (request.defaultCountry as CountryCode | undefined) ?? accounts.map((a) => countryOfPhone(a.phone)).find(Boolean);
    const countryKey = defaultCountry ?? '';
    if (readings && !readings.has(countryKey)) readings.set(countryKey, new Map());
    const builder = createAudienceBuilder({
      accountIds: accounts.map((a) => a.id),
      defaultCountry,
      suppressed: suppressedPhones(orm),
      knownBy: accountsThatKnow(orm, accounts.map((a) => a.id)),
      ...(whatsApp ? { onWhatsApp: whatsApp } : {}),
      ...(readings ? { readings: readings.get(countryKey)! } : {}),
    });
    for (let i = 0; i < entries.length; i += CHECK_SLICE) {
      for (const entry of entries.slice(i, i + CHECK_SLICE)) builder.add(entry);
      if (entries.length > CHECK_SLICE) {
        progress(progressId, 'checking', Math.min(entries.length, i + CHECK_SLICE), entries.length, false);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    progress(progressId, 'checking', entries.length, entries.length, true);
    return { built: builder.result(), variables, blankRows, defaultCountry };
  };

  /** The campaign row, its accounts, its file and every recipient (valid ones pending, the rest skipped with the reason). */
  const createRows = (
    request: CreateCampaignRequest,
    built: BuiltAudience,
    at: { now: number; startAt: number; accountIds: string[]; attachment: StagedAttachment | undefined },
  ): number => {
    const { now, startAt, accountIds, attachment } = at;
    const row = orm
      .insert(campaigns)
      .values({
        name: request.name.trim(),
        status: startAt > now ? 'scheduled' : 'running',
        template: request.template,
        pacing: JSON.stringify(request.pacing),
        window: JSON.stringify(request.window),
        startAt,
        createdAt: now,
      })
      .returning()
      .get();
    if (attachment) {
      orm
        .update(campaigns)
        .set({ attachmentKind: attachment.kind, attachmentPath: attachment.place(row.id), attachmentMime: attachment.mime, attachmentName: attachment.fileName, attachmentSize: attachment.size })
        .where(eq(campaigns.id, row.id))
        .run();
    }
    orm.insert(campaignAccounts).values(accountIds.map((accountId) => ({ campaignId: row.id, accountId }))).run();
    insertRecipients(orm, row.id, [
      ...built.valid.map((v) => ({ phone: v.phone, name: v.name, variables: v.variables, accountId: v.accountId, state: 'pending' as const, reason: null })),
      ...built.problems.map((p) => ({
        phone: p.phone ?? p.value,
        name: p.entry.name,
        variables: p.entry.variables,
        accountId: null,
        state: 'skipped' as const,
        reason: p.reason === 'empty' ? 'invalid' : p.reason,
      })),
    ]);
    return row.id;
  };

  const dtoOf = (id: number) => toDto(requireCampaign(id));

  return {
    campaignChanged,
    toDto,

    async parseFile(request: { draftId: string; fileName: string; dataBase64: string }): Promise<AudienceDraftDto> {
      const bytes = Buffer.from(request.dataBase64, 'base64');
      const file = await parseAudienceFile(bytes, request.fileName, (rows) => progress(request.draftId, 'reading', rows, null, false));
      progress(request.draftId, 'reading', file.rows.length, file.rows.length, true);
      drafts.set(request.draftId, { fileName: request.fileName, file, readings: new Map() });
      return {
        draftId: request.draftId,
        fileName: request.fileName,
        encoding: file.encoding,
        delimiter: file.delimiter,
        columns: file.columns,
        rowCount: file.rows.length,
        blankRows: file.blankRows,
        extraFieldRows: file.extraFieldRows.size,
        phoneColumns: file.phoneColumns,
        sample: file.rows.slice(0, 5),
      };
    },

    /** With `checkWhatsApp`, numbers without a cached answer are asked of WhatsApp first (may take minutes: progress events). */
    async checkAudience(request: { audience: AudienceSource; accountIds: string[]; checkWhatsApp?: boolean | undefined; defaultCountry?: string | undefined }): Promise<AudienceCheckDto> {
      const summaryOf = (result: Awaited<ReturnType<typeof build>>, onWhatsApp: ReadonlyMap<string, boolean> | null) =>
        summarize(result.built, { variables: result.variables, onWhatsApp, blankRows: result.blankRows, defaultCountry: result.defaultCountry ?? null });
      if (!request.checkWhatsApp) return summaryOf(await build(request.audience, request), null);
      const first = await build(request.audience, request);
      await deps.whatsAppCheck.check(first.built.valid.map((v) => v.phone), request.accountIds);
      const answers = deps.whatsAppCheck.answers();
      return summaryOf(await build(request.audience, request, answers), answers);
    },

    stopWhatsAppCheck(): { stopped: true } {
      deps.whatsAppCheck.stop();
      return { stopped: true };
    },

    estimate(request: { recipients: number; accountIds: string[]; pacing: CampaignPacing; window: CampaignWindow; startAt?: number | undefined }): { finishAt: number | null } {
      const accounts = requireAccounts(request.accountIds);
      if (!windowEverOpens(request.window)) throw new AppError('WINDOW_NEVER_OPENS', 'The sending window never opens: choose a day and an end after the start');
      const now = Math.max(clock.now(), request.startAt ?? 0);
      let finish: number | null = null;
      accounts.forEach((account, i) => {
        const remaining = Math.floor(request.recipients / accounts.length) + (i < request.recipients % accounts.length ? 1 : 0);
        const sent = queuedTimes(orm, account.id, now - DAY_MS);
        const lane = estimateLaneFinish(request.pacing, request.window, { sent, pairedAt: account.createdAt, remaining, sentInCampaign: 0, lastSentAt: sent.at(-1) ?? null }, now);
        if (lane !== null) finish = Math.max(finish ?? 0, lane);
      });
      return { finishAt: finish };
    },

    /** Checks everything first, then writes the campaign, its file and all its recipients in one transaction. */
    async create(request: CreateCampaignRequest): Promise<CampaignDto> {
      if (!request.template.trim()) throw new AppError('EMPTY_MESSAGE', 'The message is empty');
      if (!isKnownTimeZone(request.window.timeZone)) throw new AppError('BAD_REQUEST', `Unknown time zone ${request.window.timeZone}`);
      if (!windowEverOpens(request.window)) throw new AppError('WINDOW_NEVER_OPENS', 'The sending window never opens: choose a day and an end after the start');
      if (request.attachment && requireAccounts(request.accountIds).some((a) => a.kind === 'practice')) {
        throw practiceCarriesNoFiles();
      }
      const { built, variables } = await build(request.audience, request, request.skipNotOnWhatsApp ? deps.whatsAppCheck.answers() : undefined);
      if (built.valid.length === 0) throw new AppError('NO_VALID_RECIPIENTS', 'No recipient has a valid number that has not opted out');
      const missing = templateVariables(request.template).filter((v) => !variables.includes(v));
      if (missing.length > 0) throw new AppError('BAD_REQUEST', `The message uses {{${missing[0]}}}, which no column provides`);
      const attachment = request.attachment ? await stageAttachment(deps.dataDir, request.attachment) : undefined;
      const now = clock.now();
      const startAt = Math.max(now, request.startAt ?? now);
      const accountIds = [...new Set(request.accountIds)];
      let id: number;
      const progressId = request.audience.kind === 'file' ? request.audience.draftId : null;
      const people = built.valid.length + built.problems.length;
      progress(progressId, 'creating', 0, people, false);
      try {
        // One transaction, so a crash never leaves half a campaign: its progress is the stage and the size.
        id = inTransaction(() => createRows(request, built, { now, startAt, accountIds, attachment }));
        progress(progressId, 'creating', people, people, true);
      } catch (error) {
        attachment?.discard();
        throw error;
      }
      const dto = dtoOf(id);
      bus.emit('campaigns.upserted', dto);
      deps.runner().wake(accountIds);
      return dto;
    },

    list: (): CampaignDto[] => listCampaignRows(orm).map(toDto),
    get: (id: number): CampaignDto => dtoOf(id),

    pause(id: number): CampaignDto {
      const row = requireCampaign(id);
      if (row.status === 'running' || row.status === 'scheduled') setCampaignStatus(orm, id, 'paused');
      const dto = dtoOf(id);
      bus.emit('campaigns.upserted', dto);
      return dto;
    },

    /** Resumes a paused campaign, and every account the brake had stopped (the person has seen why). */
    resume(id: number): CampaignDto {
      const row = requireCampaign(id);
      if (row.status === 'cancelled' || row.status === 'finished') throw new AppError('BAD_REQUEST', 'A finished or cancelled campaign cannot be resumed');
      inTransaction(() => {
        clearBrakes(orm, id);
        setCampaignStatus(orm, id, row.startAt > clock.now() ? 'scheduled' : 'running');
      });
      const dto = dtoOf(id);
      bus.emit('campaigns.upserted', dto);
      deps.runner().wake(dto.accounts.map((a) => a.accountId));
      return dto;
    },

    /** Nobody else is messaged; a message already handed to the outbox goes (it may be on the wire). */
    cancel(id: number): CampaignDto {
      const row = requireCampaign(id);
      if (row.status !== 'finished' && row.status !== 'cancelled') {
        inTransaction(() => {
          orm
            .update(campaignRecipients)
            .set({ state: 'skipped', reason: 'cancelled' })
            .where(sql`${campaignRecipients.campaignId} = ${id} AND ${campaignRecipients.state} = 'pending'`)
            .run();
          setCampaignStatus(orm, id, 'cancelled', clock.now());
        });
      }
      const dto = dtoOf(id);
      bus.emit('campaigns.upserted', dto);
      return dto;
    },

    report(id: number): CampaignReportDto {
      const row = requireCampaign(id);
      // The same query as the campaign's own figures: the report never contradicts the chips.
      const { figures, perAccount, perVariant } = figuresOf(orm, id);
      const funnel: CampaignFunnel = {
        recipients: figures.recipients,
        sent: figures.sent,
        delivered: figures.delivered,
        read: figures.read,
        replied: figures.replied,
        optedOut: figures.optedOut,
        failed: figures.failed,
        skipped: figures.skipped,
        cancelled: figures.cancelled,
      };
      const rate = (n: number) => (funnel.sent === 0 ? 0 : n / funnel.sent);
      // Variants are shown with their variables as typed: "Hola {{nombre}}".
      const placeholders = Object.fromEntries(templateVariables(row.template).map((v) => [v, `{{${v}}}`]));
      return {
        campaignId: id,
        funnel,
        perAccount: [...perAccount].map(([accountId, f]) => ({ accountId, ...f })),
        perVariant: [...perVariant]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([variant, f]) => ({ variant, example: renderVariant(row.template, placeholders, variant), ...f })),
        replyRate: rate(funnel.replied),
        optOutRate: rate(funnel.optedOut),
      };
    },

    /** Every recipient's result; the renderer writes the CSV in the person's language and time. */
    exportCsv(id: number): CampaignExportDto {
      const row = requireCampaign(id);
      const rows = orm.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, id)).orderBy(campaignRecipients.id).all();
      const parsed = rows.map((r) => JSON.parse(r.variables) as Record<string, string>);
      const variables = [...new Set(parsed.flatMap((v) => Object.keys(v)))];
      const safeName = row.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60) || 'campaign';
      return {
        fileName: `${safeName}-${id}.csv`,
        variables,
        rows: rows.map((r, i) => ({
          phone: r.phone,
          name: r.name,
          accountId: r.accountId,
          state: r.state,
          reason: r.reason,
          variant: r.variant,
          queuedAt: r.queuedAt,
          repliedAt: r.repliedAt,
          optedOutAt: r.optedOutAt,
          values: variables.map((v) => parsed[i]![v] ?? ''),
        })),
      };
    },

    /** Drops pending summaries (shutdown). */
    stop() {
      stopped = true;
      if (summaryTimer !== undefined) clock.clearTimeout(summaryTimer);
      summaryTimer = undefined;
      drafts.clear();
    },

    newDraftId: () => randomUUID(),
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;
