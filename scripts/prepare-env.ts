/**
 * What `npm start` and `npm test` set up before the server starts: the database file (migrated, seeded when
 * empty) and a session secret (AUTH_SECRET from the environment, else one generated once and kept beside the
 * database with owner-only permissions).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/client';
import { seedIfEmpty } from '../db/seed';
import { databasePath } from '../lib/env';

export function prepareDatabase(file = databasePath()): { file: string; seeded: boolean } {
  const db = openDatabase(file);
  const seeded = seedIfEmpty(db);
  db.$client.close();
  return { file, seeded };
}

export function ensureAuthSecret(dbFile = databasePath()): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(path.dirname(dbFile), 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

