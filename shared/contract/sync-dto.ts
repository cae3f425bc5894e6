import { z } from 'zod';

/** The central server card: whether sync is on, reachable, and how much waits to be sent. */
export const syncStatusSchema = z.object({
  /** Off until the workstation is enrolled with a server; the workstation works the same without one. */
  configured: z.boolean(),
  url: z.string().nullable(),
  agentName: z.string().nullable(),
  /** The last request to the server succeeded. */
  connected: z.boolean(),
  lastSyncAt: z.number().nullable(),
  /** Changes recorded here and not yet accepted by the server. */
  waiting: z.number().int(),
  /** The last failure in plain words (never a token). */
  lastError: z.string().nullable(),
});
export type SyncStatusDto = z.infer<typeof syncStatusSchema>;
