import { homedir } from 'node:os';
import { join } from 'node:path';

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
