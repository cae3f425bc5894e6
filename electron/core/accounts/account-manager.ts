import { initAuthCreds, type AuthenticationCreds, type WAMessage } from '@whiskeysockets/baileys';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AccountDto } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Orm } from '../db/orm';
import type { EventBus } from '../events/event-bus';
import type { InboxIngest } from '../inbox/inbox-ingest';
import { findMessage } from '../inbox/inbox-store';
import type { SecretBox } from '../secrets/secret-box';
import { createAccountSupervisor, decodeStoredProto, type AccountSupervisor, type Clock } from '../whatsapp/account-supervisor';
import { createSqliteAuthState } from '../whatsapp/auth-state';
import type { PracticeServer, PracticeServerFactory } from '../whatsapp/practice-server';
import type { SocketFactory } from '../whatsapp/socket-factory';
import {
  deleteAccountRow,
  getAccountRow,
  insertAccountRow,
  listAccountRows,
  nextAccountColor,
  updateAccountProfile,
  type AccountRow,
} from './account-store';
import { normalizePhone, phoneToJid } from './phone-number';

export const MAX_ACCOUNTS = 10;

export interface AccountManagerDeps {
  orm: Orm;
  box: SecretBox;
  bus: EventBus;
  ingest: InboxIngest;
  logger: Logger;
  dataDir: string;
  socketFactory: SocketFactory;
  practiceServerFactory: PracticeServerFactory;
  clock?: Clock;
}

interface LiveAccount {
  supervisor: AccountSupervisor;
  practice?: Promise<PracticeServer>;
}

/** Owns every account's supervisor (and practice server) and answers the accounts methods. */
export function createAccountManager(deps: AccountManagerDeps) {
  const { orm, logger } = deps;
  const live = new Map<string, LiveAccount>();

  const toDto = (row: AccountRow): AccountDto => {
    const status = live.get(row.id)?.supervisor.status() ?? { state: 'disconnected', attempt: null, nextRetryAt: null, reason: null };
    return { id: row.id, kind: row.kind, label: row.label, color: row.color, phone: row.phone, pushName: row.pushName, createdAt: row.createdAt, ...status };
  };

  const emitStatus = (id: string) => {
    if (!live.has(id)) return; // removed: the renderer hears 'account.removed' and nothing after it
    const row = getAccountRow(orm, id);
    if (row) deps.bus.emit('account.status', toDto(row));
  };

  const practiceRecorderPath = (id: string) => join(deps.dataDir, 'practice', `${id}.jsonl`);

  const practiceServerFor = (row: AccountRow): Promise<PracticeServer> => {
    const entry = live.get(row.id)!;
    entry.practice ??= deps.practiceServerFactory({ selfJid: phoneToJid(row.phone!), recorderPath: practiceRecorderPath(row.id) });
    return entry.practice;
  };

  const startAccount = (row: AccountRow, makeCreds?: () => AuthenticationCreds) => {
    const auth = createSqliteAuthState(deps.orm.$client, deps.box, row.id, makeCreds);
    if (makeCreds) auth.saveCreds();
    const entry: LiveAccount = {} as LiveAccount;
    live.set(row.id, entry);
    entry.supervisor = createAccountSupervisor({
      accountId: row.id,
      auth,
      socketFactory: deps.socketFactory,
      ingest: deps.ingest,
      loadMessage: (key) => (key.id ? decodeStoredProto(findMessage(orm, row.id, key.id)?.proto) : undefined),
      onStatus: () => emitStatus(row.id),
      onProfile: (profile) => {
        updateAccountProfile(orm, row.id, row.kind === 'practice' ? { pushName: profile.pushName } : profile);
      },
      ...(row.kind === 'practice' ? { resolveUrl: async () => (await practiceServerFor(row)).wsUrl } : {}),
      logger: logger.child({ accountId: row.id }),
      ...(deps.clock ? { clock: deps.clock } : {}),
    });
    entry.supervisor.start();
  };

  const requireLive = (id: string) => {
    const row = getAccountRow(orm, id);
    const entry = live.get(id);
    if (!row || !entry) throw new AppError('NOT_FOUND', `No account ${id}`);
    return { row, entry };
  };

  return {
    /** Brings every stored account back (no QR needed: their auth is in the database). */
    startAll() {
      for (const row of listAccountRows(orm)) startAccount(row);
    },

    list: (): AccountDto[] => listAccountRows(orm).map(toDto),

    addPractice(label?: string): AccountDto {
      const existing = listAccountRows(orm);
      if (existing.length >= MAX_ACCOUNTS) {
        throw new AppError('LIMIT_REACHED', `Mostrador runs up to ${MAX_ACCOUNTS} accounts at once; remove one first.`);
      }
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
        createdAt: Date.now(),
      });
      startAccount(row, () => {
        // Pre-registered creds: the practice server accepts them without a QR.
        const creds = initAuthCreds();
        creds.me = { id: `${phone}:1@s.whatsapp.net`, name: row.pushName ?? 'Mostrador' };
        creds.registered = true;
        return creds;
      });
      return toDto(row);
    },

    async remove(id: string): Promise<boolean> {
      const entry = live.get(id);
      if (entry) {
        live.delete(id);
        entry.supervisor.stop();
        await (await entry.practice?.catch(() => undefined))?.close();
      }
      const removed = deleteAccountRow(orm, id);
      if (removed) deps.bus.emit('account.removed', { id });
      return removed;
    },

    async simulateInbound(input: { accountId: string; customerName: string; phone: string; text: string }) {
      const { row } = requireLive(input.accountId);
      if (row.kind !== 'practice') throw new AppError('NOT_PRACTICE_ACCOUNT', 'Only practice accounts can simulate customers.');
      const digits = normalizePhone(input.phone);
      if (digits === row.phone) throw new AppError('INVALID_PHONE', 'The customer needs a number other than the practice account’s own.');
      const server = await practiceServerFor(row);
      return server.simulateInbound({ customerJid: phoneToJid(digits), customerName: input.customerName, text: input.text });
    },

    /** Sends through the account's live socket; refuses at once when it is not connected. */
    async sendText(accountId: string, jid: string, text: string): Promise<WAMessage> {
      const { entry } = requireLive(accountId);
      const socket = entry.supervisor.connectedSocket();
      if (!socket) throw new AppError('ACCOUNT_NOT_CONNECTED', 'This account is not connected right now; try again when it is.');
      const sent = await socket.sendMessage(jid, { text });
      if (!sent) throw new Error('Baileys returned no message');
      return sent;
    },

    async close() {
      for (const entry of live.values()) entry.supervisor.stop();
      const servers = [...live.values()].map((e) => e.practice?.then((s) => s.close()).catch(() => undefined));
      live.clear();
      await Promise.all(servers);
    },
  };
}

export type AccountManager = ReturnType<typeof createAccountManager>;
