import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { DatabaseOpenError } from './db/open-database';

/**
 * The OS app-data folder, the same one Electron's `app.getPath('userData')` gives for
 * productName "Mostrador", so browser mode and the desktop app share their data.
 * `MOSTRADOR_DATA_DIR` overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.MOSTRADOR_DATA_DIR) return env.MOSTRADOR_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Mostrador');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Mostrador');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Mostrador');
}

/**
 * One workstation process per data folder: two would fight over the same WhatsApp sessions.
 * The lock is a folder proper-lockfile keeps fresh; a crashed process's lock goes stale in 20 s.
 */
export async function lockDataDir(dataDir: string, onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, { lockfilePath: join(dataDir, 'mostrador.lock'), stale: 20_000, onCompromised });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new DatabaseOpenError('locked', dataDir, error);
    throw error;
  }
}
