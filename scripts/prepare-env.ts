/**
 * What `npm start` and `npm test` set up before the server starts: the database file (migrated, seeded when
 * empty) and a session secret (AUTH_SECRET from the environment, else one generated once and kept beside the
 * database with owner-only permissions).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR_MODE, DATA_FILE_MODE, openDatabase } from '../db/client';
import { seedIfEmpty } from '../db/seed';
import { configuredAuthSecret, databasePath } from '../lib/env';

export function prepareDatabase(file = databasePath()): { file: string; seeded: boolean } {
  const db = openDatabase(file);
  const seeded = seedIfEmpty(db);
  db.$client.close();
  return { file, seeded };
}

export function ensureAuthSecret(dbFile = databasePath()): string {
  const configured = configuredAuthSecret();
  if (configured) return configured;
  const file = path.join(path.dirname(dbFile), 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: DATA_DIR_MODE });
    // 'wx': created owner-only, never over a file another process wrote in the meantime
    try {
      fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: DATA_FILE_MODE, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  // whoever can read the secret can forge any session: a file from an older version is tightened too
  fs.chmodSync(file, DATA_FILE_MODE);
  return fs.readFileSync(file, 'utf8').trim();
}

