import { initAuthCreds, jidNormalizedUser, type WAMessage, type WAMessageKey, type WAVersion } from '@whiskeysockets/baileys';
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AccountDto, AccountSettings, HistoryChoice, PairingDto } from '../../../shared/contract';
import { accountReasonCodes, defaultAccountSettings, MAX_ACCOUNTS } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Orm } from '../db/orm';
import type { EventBus } from '../events/event-bus';
import { findMessage } from '../inbox/message-store';
import type { SecretBox } from '../secrets/secret-box';
import {
  createAccountSupervisor,
  decodeStoredProto,
  phoneOfUser,
  type AccountSupervisor,
  type Clock,
  systemClock,
  type InboxSink,
} from '../whatsapp/account-supervisor';
import { createSqliteAuthState, storedSessionLink, wipeSqliteAuth } from '../whatsapp/auth-state';
import type { PracticeServer, PracticeServerFactory } from '../whatsapp/practice-server';
import { baileysSocketFactory, type SocketFactory, type WhatsAppSocket } from '../whatsapp/socket-factory';
import { openUpsertSpool } from '../whatsapp/upsert-spool';
import { createWaWebVersionResolver } from '../whatsapp/wa-web-version';
import {
  deleteAccountRow,
  getAccountRow,
  insertAccountRow,
  listAccountRows,
  nextAccountColor,
  parseAccountSettings,
  retireAccountRow,
  updateAccountRow,
  type AccountRow,
} from './account-store';
import { fetchAvatarDataUrl } from './avatar';
import { countryOfPhone, normalizeCustomerPhone, normalizePhone, phoneToJid } from './phone-number';
import { createReachOutLocks } from './reach-out-lock';

export interface AccountManagerDeps {
  orm: Orm;
  box: SecretBox;
  bus: EventBus;
  inbox: InboxSink;
  logger: Logger;
  dataDir: string;
  socketFactory: SocketFactory;
  /** Sockets for real numbers; tests and the scripted browser test swap in a fake. */
  whatsappSocketFactory?: SocketFactory;
  practiceServerFactory: PracticeServerFactory;
  clock?: Clock;
  /** WhatsApp Web's current version for real numbers; by default fetched only when they use real Baileys sockets. */
  resolveWaWebVersion?: () => Promise<WAVersion>;
}

interface LiveAccount {
  supervisor: AccountSupervisor;
  practice?: Promise<PracticeServer>;
}

/** Owns every account's supervisor (and practice server) and answers the accounts methods. */
export function createAccountManager(deps: AccountManagerDeps) {
  const { orm, logger } = deps;
  const live = new Map<string, LiveAccount>();
  const connectedListeners = new Set<(accountId: string, socket: WhatsAppSocket) => void>();
  const realNumberSockets = deps.whatsappSocketFactory ?? deps.socketFactory;
  // One resolver (one cache) for every account; fake sockets in tests never reach web.whatsapp.com.
  const resolveWaWebVersion =
    deps.resolveWaWebVersion ??
    (realNumberSockets === baileysSocketFactory ? createWaWebVersionResolver({ logger: logger.child({ component: 'wa-web-version' }) }) : undefined);
  const reachOut = createReachOutLocks({
    orm,
    clock: deps.clock ?? systemClock,
    logger: logger.child({ component: 'reach-out-lock' }),
    socketFor: (accountId) => live.get(accountId)?.supervisor.connectedSocket(),
    onChanged: (accountId) => emitStatus(accountId),
  });

  const toDto = (row: AccountRow): AccountDto => {
    const status = live.get(row.id)?.supervisor.status() ?? { state: 'disconnected', attempt: null, nextRetryAt: null, reason: null };
    return {
      id: row.id,
      kind: row.kind,
      label: row.label,
      color: row.color,
      phone: row.phone,
      pushName: row.pushName,
      avatar: row.avatar,
      settings: parseAccountSettings(row.settings),
      createdAt: row.createdAt,
      ...status,
      // Messages waiting to be stored matter more than why a socket closed: say it even while connected.
      ...(live.get(row.id)?.supervisor.storageFailing() ? { reason: accountReasonCodes.storageFull } : {}),
      reachOutLockedUntil: reachOut.lockedUntil(row.id),
    };
  };

  const emitStatus = (id: string) => {
    if (!live.has(id)) return; // removed: the renderer hears 'account.removed' and nothing after it
    const row = getAccountRow(orm, id);
    if (row) deps.bus.emit('account.status', toDto(row));
  };

  const requireRow = (id: string) => {
    const row = getAccountRow(orm, id);
    const entry = live.get(id);
    if (!row || !entry) throw new AppError('NOT_FOUND', `No account ${id}`);
    return { row, entry };
  };

  const practiceServerFor = (row: AccountRow): Promise<PracticeServer> => {
    const entry = live.get(row.id)!;
    entry.practice ??= deps.practiceServerFactory({
      selfJid: phoneToJid(row.phone!),
      recorderPath: join(deps.dataDir, 'practice', `${row.id}.jsonl`),
    });
    return entry.practice;
  };

  /** Practice numbers need no QR: their creds are made pre-registered with the number filled in. */
  const practiceCreds = (row: AccountRow) => () => {
    const creds = initAuthCreds();
    creds.me = { id: `${row.phone}:1@s.whatsapp.net`, name: row.pushName ?? 'Mostrador' };
    creds.registered = true;
    return creds;
  };

  const onConnected = (id: string, socket: WhatsAppSocket) => {
    const row = getAccountRow(orm, id);
    if (!row) return;
    const me = socket.user;
    updateAccountRow(orm, id, row.kind === 'practice' ? { pushName: me?.name ?? row.pushName } : { phone: phoneOfUser(me?.id), pushName: me?.name ?? null });
    emitStatus(id);
    for (const listener of connectedListeners) {
      try {
        listener(id, socket);
      } catch (error) {
        logger.error({ err: error, accountId: id }, 'an account-connected listener failed');
      }
    }
    // Practice servers do not know the query (and may drop the connection on it).
    if (row.kind === 'whatsapp') void reachOut.check(id);
    if (row.kind === 'whatsapp' && me?.id) {
      // Best effort: a missing picture or a slow CDN never holds up the account.
      void fetchAvatarDataUrl(socket, jidNormalizedUser(me.id))
        .then((avatar) => {
          if (avatar === undefined || !live.has(id)) return;
          updateAccountRow(orm, id, { avatar });
          emitStatus(id);
        })
        .catch((error: unknown) => logger.debug({ err: error, accountId: id }, 'no profile picture'));
    }
  };

  const spoolPath = (id: string) => join(deps.dataDir, 'spool', `${id}.jsonl`);

  const startAccount = (row: AccountRow, { atAppStart = false } = {}) => {
    const isPractice = row.kind === 'practice';
    const entry = {} as LiveAccount;
    live.set(row.id, entry);
    entry.supervisor = createAccountSupervisor({
      accountId: row.id,
      openAuth: () => {
        const auth = createSqliteAuthState(orm.$client, deps.box, row.id, isPractice ? practiceCreds(row) : undefined);
        if (!auth.hasStoredCreds()) auth.saveCreds();
        return auth;
      },
      wipeAuth: () => wipeSqliteAuth(orm.$client, row.id),
      socketFactory: isPractice ? deps.socketFactory : realNumberSockets,
      inbox: deps.inbox,
      loadMessage: (key: WAMessageKey) => (key.id ? decodeStoredProto(findMessage(orm, row.id, key.id)?.proto) : undefined),
      settings: () => parseAccountSettings(getAccountRow(orm, row.id)?.settings ?? '{}'),
      onStatus: () => emitStatus(row.id),
      onPairing: (pairing) => deps.bus.emit('account.pairing', pairing),
      onHistory: (progress) => deps.bus.emit('account.history', progress),
      onConnected: (socket) => onConnected(row.id, socket),
      onReachOutLock: (state) => reachOut.fromWhatsApp(row.id, state),
      onMessageCap: (info) => reachOut.fromMessageCap(row.id, info),
      // Practice accounts talk to their local server only: they never fetch WhatsApp's version.
      ...(isPractice ? { resolveUrl: async () => (await practiceServerFor(row)).wsUrl } : resolveWaWebVersion ? { resolveVersion: resolveWaWebVersion } : {}),
      spool: openUpsertSpool(spoolPath(row.id), logger.child({ accountId: row.id, component: 'spool' })),
      onStorageProblem: () => emitStatus(row.id),
      logger: logger.child({ accountId: row.id }),
      ...(deps.clock ? { clock: deps.clock } : {}),
    });
    // A number never linked (left after "Hacerlo más tarde", or whose QR expired) is not dialled
    // when the app opens: nobody is there to scan, and without internet it would spin all day.
    if (atAppStart && !isPractice && storedSessionLink(orm.$client, deps.box, row.id) === 'never_linked') entry.supervisor.waitForLink();
    else entry.supervisor.start();
  };

  const checkRoomForOneMore = (existing: AccountRow[]) => {
    if (existing.length >= MAX_ACCOUNTS) {
      throw new AppError('LIMIT_REACHED', `Mostrador runs up to ${MAX_ACCOUNTS} accounts at once; remove one first.`);
    }
  };

  const stopLive = async (id: string) => {
    const entry = live.get(id);
    if (!entry) return;
    live.delete(id);
    entry.supervisor.stop();
    await (await entry.practice?.catch(() => undefined))?.close();
  };

  return {
    /** Brings every linked account back (no QR needed: their auth is in the database); never-linked ones wait for "Vincular". */
    startAll() {
      for (const row of listAccountRows(orm)) startAccount(row, { atAppStart: true });
      reachOut.restore();
    },

    /**
     * WhatsApp refused messages of this account with 463 (`firstContact`: at least one went to
     * someone it never talked with). Locks the number for new contacts and asks WhatsApp until when.
     */
    reachOutRefused(accountId: string, firstContact: boolean): Promise<void> {
      return reachOut.refused(accountId, firstContact);
    },

    list: (): AccountDto[] => listAccountRows(orm).map(toDto),

    addPractice(label?: string): AccountDto {
      const existing = listAccountRows(orm);
      checkRoomForOneMore(existing);
      // 555 numbers are reserved for fiction: a practice number can never be a real person's.
      const phone = `1555${randomBytes(4).readUInt32BE(0).toString().padStart(7, '0').slice(-7)}`;
      const practiceCount = existing.filter((a) => a.kind === 'practice').length;
      const row = insertAccountRow(orm, {
        id: randomUUID(),
        kind: 'practice',
        label: label ?? `Practice ${practiceCount + 1}`,
        color: nextAccountColor(existing),
        phone,
        pushName: label ?? 'Mostrador',
        settings: JSON.stringify(defaultAccountSettings),
        createdAt: Date.now(),
      });
      startAccount(row);
      return toDto(row);
    },

    addWhatsApp(label: string | undefined, history: HistoryChoice): AccountDto {
      const existing = listAccountRows(orm);
      checkRoomForOneMore(existing);
      const row = insertAccountRow(orm, {
        id: randomUUID(),
        kind: 'whatsapp',
        label: label ?? `WhatsApp ${existing.filter((a) => a.kind === 'whatsapp').length + 1}`,
        color: nextAccountColor(existing),
        settings: JSON.stringify({ ...defaultAccountSettings, history }),
        createdAt: Date.now(),
      });
      startAccount(row);
      return toDto(getAccountRow(orm, row.id)!);
    },

    pairing: (id: string): PairingDto | null => requireRow(id).entry.supervisor.pairing(),

    async requestPairingCode(id: string, phone: string): Promise<PairingDto> {
      const { row, entry } = requireRow(id);
      if (row.kind === 'practice') throw new AppError('NOT_FOUND', 'Practice accounts need no pairing.');
      const state = entry.supervisor.status().state;
      if (state !== 'waiting_qr') throw new AppError('ACCOUNT_NOT_CONNECTED', 'The number can be linked by code only while it waits for pairing.');
      return entry.supervisor.requestPairingCode(normalizePhone(phone));
    },

    reconnect(id: string): AccountDto {
      const { row, entry } = requireRow(id);
      entry.supervisor.reconnectNow();
      return toDto(row);
    },

    disconnect(id: string): AccountDto {
      const { row, entry } = requireRow(id);
      entry.supervisor.stop();
      return toDto(row);
    },

    async logout(id: string): Promise<AccountDto> {
      const { entry } = requireRow(id);
      await entry.supervisor.logout();
      return toDto(requireRow(id).row);
    },

    update(id: string, patch: { label?: string; color?: string; settings?: Partial<AccountSettings> }): AccountDto {
      const { row, entry } = requireRow(id);
      const settings = patch.settings ? { ...parseAccountSettings(row.settings), ...patch.settings } : undefined;
      updateAccountRow(orm, id, {
        ...(patch.label !== undefined ? { label: patch.label } : {}),
        ...(patch.color !== undefined ? { color: patch.color.toLowerCase() } : {}),
        ...(settings ? { settings: JSON.stringify(settings) } : {}),
      });
      if (patch.settings) entry.supervisor.applySettings(patch.settings);
      emitStatus(id);
      return toDto(getAccountRow(orm, id)!);
    },

    async remove(id: string, deleteConversations: boolean): Promise<boolean> {
      await stopLive(id);
      const removed = deleteConversations ? deleteAccountRow(orm, id) : retireAccountRow(orm, id, Date.now());
      if (removed) rmSync(spoolPath(id), { force: true });
      if (removed) deps.bus.emit('account.removed', { id });
      return removed;
    },

    async simulateInbound(input: { accountId: string; customerName: string; phone: string; text: string }) {
      const { row } = requireRow(input.accountId);
      if (row.kind !== 'practice') throw new AppError('NOT_PRACTICE_ACCOUNT', 'Only practice accounts can simulate customers.');
      const digits = normalizeCustomerPhone(input.phone, countryOfPhone(row.phone));
      if (digits === row.phone) throw new AppError('INVALID_PHONE', 'The customer needs a number other than the practice account’s own.');
      const server = await practiceServerFor(row);
      return server.simulateInbound({ customerJid: phoneToJid(digits), customerName: input.customerName, text: input.text });
    },

    /** Sends through the account's live socket; refuses at once when it is not connected. */
    async sendText(accountId: string, jid: string, text: string): Promise<WAMessage> {
      const entry = live.get(accountId);
      if (!entry) throw new AppError('ACCOUNT_NOT_CONNECTED', 'The number of this conversation was removed from Mostrador.');
      const socket = entry.supervisor.connectedSocket();
      if (!socket) throw new AppError('ACCOUNT_NOT_CONNECTED', 'This account is not connected right now; try again when it is.');
      const sent = await socket.sendMessage(jid, { text });
      if (!sent) throw new Error('Baileys returned no message');
      return sent;
    },

    /** The account's live socket, only while it is connected (the outbox and media downloads use it). */
    connectedSocket: (accountId: string): WhatsAppSocket | undefined => live.get(accountId)?.supervisor.connectedSocket(),

    /** Called with the live socket each time an account (re)connects; returns unsubscribe. */
    onAccountConnected(listener: (accountId: string, socket: WhatsAppSocket) => void): () => void {
      connectedListeners.add(listener);
      return () => connectedListeners.delete(listener);
    },

    /** Blue ticks for the customer, when the account allows it and is online; best effort. */
    sendReadReceipts(accountId: string, keys: WAMessageKey[]) {
      const row = getAccountRow(orm, accountId);
      const socket = live.get(accountId)?.supervisor.connectedSocket();
      if (!row || !socket || keys.length === 0 || !parseAccountSettings(row.settings).sendReadReceipts) return;
      void socket.readMessages(keys).catch((error: unknown) => logger.warn({ err: error, accountId }, 'read receipts not sent'));
    },

    /** Resolves once every account's socket events so far are in the store. */
    async drained() {
      await Promise.all([...live.values()].map((e) => e.supervisor.drained()));
    },

    async close() {
      reachOut.stop();
      const ids = [...live.keys()];
      for (const id of ids) live.get(id)!.supervisor.stop();
      await Promise.all([...live.values()].map((e) => e.supervisor.drained()));
      const servers = [...live.values()].map((e) => e.practice?.then((s) => s.close()).catch(() => undefined));
      live.clear();
      await Promise.all(servers);
    },
  };
}

export type AccountManager = ReturnType<typeof createAccountManager>;
