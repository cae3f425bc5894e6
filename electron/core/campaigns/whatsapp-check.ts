import type { Logger } from 'pino';
import type { WhatsAppCheckProgressDto } from '../../../shared/contract/campaign-dto';
import { AppError } from '../../../shared/errors';
import type { Orm } from '../db/orm';
import type { Clock } from '../whatsapp/account-supervisor';
import type { WhatsAppSocket } from '../whatsapp/socket-factory';
import { DAY_MS } from './pacing';

/** A yes is kept a month; a no a week (people join WhatsApp). */
export const KNOWN_ON_WHATSAPP_MS = 30 * DAY_MS;
export const KNOWN_NOT_ON_WHATSAPP_MS = 7 * DAY_MS;
/**
 * Numbers per question and the wait between questions. Asking WhatsApp about thousands of unknown
 * numbers at once is itself what gets a number flagged, so the check goes at a steady pace.
 */
const BATCH = 50;
const GAP_MS = 1_000;

export type NumberLookupSocket = Pick<WhatsAppSocket, 'onWhatsApp'>;

export interface WhatsAppCheckDeps {
  orm: Orm;
  clock: Clock;
  logger: Logger;
  /** The account's socket while connected. */
  socketFor: (accountId: string) => NumberLookupSocket | undefined;
  /** Practice accounts talk to the local practice server, which cannot answer this. */
  isPractice: (accountId: string) => boolean;
  onProgress: (progress: WhatsAppCheckProgressDto) => void;
  batchSize?: number;
  gapMs?: number;
}

/** Digits of a phone JID (`5215512345678@s.whatsapp.net`, device suffix dropped). */
const digitsOf = (jid: string) => jid.slice(0, jid.indexOf('@')).split(':')[0] ?? '';

/**
 * The optional "is it on WhatsApp?" check before a campaign: asks WhatsApp (USync, through one
 * connected account of the campaign) about numbers it has no fresh answer for, and keeps every
 * answer in `whatsapp_numbers`, batch by batch, so a check that stops half-way goes on from there.
 */
export function createWhatsAppCheck(deps: WhatsAppCheckDeps) {
  const { orm, clock } = deps;
  const batchSize = deps.batchSize ?? BATCH;
  const gapMs = deps.gapMs ?? GAP_MS;
  let queue: Promise<unknown> = Promise.resolve();
  /** Set by `stop()`: the running check ends after the batch on the wire, keeping what it learnt. */
  let stopRequested = false;
  let running = false;

  const fresh = orm.$client.prepare(
    `SELECT phone, on_whatsapp AS onWhatsApp FROM whatsapp_numbers
     WHERE checked_at > CASE on_whatsapp WHEN 1 THEN ? ELSE ? END`,
  );
  const save = orm.$client.prepare(
    `INSERT INTO whatsapp_numbers (phone, on_whatsapp, checked_at) VALUES (?, ?, ?)
     ON CONFLICT (phone) DO UPDATE SET on_whatsapp = excluded.on_whatsapp, checked_at = excluded.checked_at`,
  );
  const prune = orm.$client.prepare('DELETE FROM whatsapp_numbers WHERE checked_at <= ?');

  /** Every answer still fresh: phone digits → on WhatsApp. */
  const answers = (): Map<string, boolean> => {
    const now = clock.now();
    const rows = fresh.all(now - KNOWN_ON_WHATSAPP_MS, now - KNOWN_NOT_ON_WHATSAPP_MS) as { phone: string; onWhatsApp: number }[];
    return new Map(rows.map((r) => [r.phone, r.onWhatsApp === 1]));
  };

  const pickSocket = (accountIds: readonly string[]): NumberLookupSocket => {
    const real = accountIds.filter((id) => !deps.isPractice(id));
    if (real.length === 0) throw new AppError('UNSUPPORTED', 'The practice server cannot tell which numbers use WhatsApp: choose a real number to check.');
    for (const id of real) {
      const socket = deps.socketFor(id);
      if (socket) return socket;
    }
    throw new AppError('ACCOUNT_NOT_CONNECTED', 'Connect one of the chosen numbers to check which numbers use WhatsApp.');
  };

  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

  const run = async (phones: readonly string[], accountIds: readonly string[]) => {
    const known = answers();
    const toAsk = [...new Set(phones)].filter((p) => !known.has(p));
    if (toAsk.length === 0) {
      deps.onProgress({ checked: 0, total: 0, done: true });
      return;
    }
    const socket = pickSocket(accountIds);
    prune.run(clock.now() - KNOWN_ON_WHATSAPP_MS);
    deps.onProgress({ checked: 0, total: toAsk.length, done: false });
    for (let start = 0; start < toAsk.length; start += batchSize) {
      if (start > 0 && gapMs > 0) await sleep(gapMs);
      if (stopRequested) {
        deps.onProgress({ checked: start, total: toAsk.length, done: true });
        return;
      }
      const batch = toAsk.slice(start, start + batchSize);
      let results: { jid: string; exists: boolean }[] | undefined;
      try {
        results = await socket.onWhatsApp(...batch.map((p) => `${p}@s.whatsapp.net`));
      } catch (error) {
        deps.logger.warn({ err: error, checked: start, total: toAsk.length }, 'the WhatsApp number check stopped');
        deps.onProgress({ checked: start, total: toAsk.length, done: true });
        throw new AppError('ACCOUNT_NOT_CONNECTED', `The check stopped after ${start} of ${toAsk.length} numbers (the connection failed); what was checked is kept: check again to go on.`);
      }
      // WhatsApp answers per number it understood; a number it gave no answer for stays unknown.
      const asked = new Set(batch);
      const at = clock.now();
      orm.$client.transaction(() => {
        for (const { jid, exists } of results ?? []) {
          const phone = digitsOf(jid);
          if (asked.has(phone)) save.run(phone, exists ? 1 : 0, at);
        }
      })();
      deps.onProgress({ checked: Math.min(start + batchSize, toAsk.length), total: toAsk.length, done: start + batchSize >= toAsk.length });
    }
  };

  return {
    answers,
    /** Asks WhatsApp about the numbers it has no fresh answer for; one check at a time. */
    check(phones: readonly string[], accountIds: readonly string[]): Promise<void> {
      const next = queue.then(async () => {
        running = true;
        try {
          await run(phones, accountIds);
        } finally {
          running = false;
          stopRequested = false;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
    /** The person stopped the check: it ends now and the audience is summarised with what is known. */
    stop() {
      if (running) stopRequested = true;
    },
  };
}

export type WhatsAppCheck = ReturnType<typeof createWhatsAppCheck>;
