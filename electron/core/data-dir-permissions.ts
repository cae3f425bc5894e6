import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';

/** Owner only: the folder holds WhatsApp sessions, customers' messages and their files. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** Born private: SQLite's WAL and SHM, media, Chromium's profile and every other file the process writes. */
export const PRIVATE_UMASK = 0o077;

/**
 * Creates the data folder 0700 and narrows anything in it that other local users could read
 * (a folder made by an older version under umask 022, a copied backup), saying what it fixed.
 * Symbolic links are left alone (chmod would follow them out of the folder). POSIX only: Windows
 * keeps the folder private through its profile's ACL.
 */
export function makeDataDirPrivate(dataDir: string, logger: Pick<Logger, 'warn'>, platform = process.platform): string[] {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (platform === 'win32') return [];
  const fixed: string[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== PRIVATE_DIR_MODE) {
        chmodSync(path, PRIVATE_DIR_MODE);
        fixed.push(path);
      }
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (stat.isFile() && (stat.mode & 0o077) !== 0) {
      chmodSync(path, PRIVATE_FILE_MODE);
      fixed.push(path);
    }
  };
  visit(dataDir);
  if (fixed.length > 0) {
    logger.warn({ dataDir, fixed: fixed.length, examples: fixed.slice(0, 5) }, `the data folder was readable by other users: narrowed ${fixed.length} folders and files to owner only`);
  }
  return fixed;
}

/** For the shells, first thing: every file this process creates from now on is owner-only. */
export function bePrivateByDefault(proc: Pick<NodeJS.Process, 'umask'> = process): void {
  proc.umask(PRIVATE_UMASK);
}
