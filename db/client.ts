/**
 * The database: one embedded SQLite file, opened lazily (next build imports modules without needing it),
 * migrated on first open, WAL mode, foreign keys on. The file and its -wal/-shm are owner-only (0600).
 */
import 'server-only';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';
import { databasePath } from '../lib/env';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Owner-only: the database holds every department's figures and everyone's password hashes. */
export const DATA_FILE_MODE = 0o600;
export const DATA_DIR_MODE = 0o700;

/**
 * Makes the database file owner-only before SQLite opens it: a new file is created 0600 (so it never exists with
 * looser rights, whatever the umask), an existing one is tightened. SQLite gives the -wal and -shm files it creates
 * the database file's permissions; ones left by an older version are tightened after the open.
 */
function ownerOnly(file: string): void {
  // a directory created here is 0700; an existing one (possibly shared, e.g. the working directory) is left alone
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: DATA_DIR_MODE });
  try {
    fs.closeSync(fs.openSync(file, 'wx', DATA_FILE_MODE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  tighten(file);
}

/** chmod 0600 when the file exists; a file of another owner (EPERM) is reported, not fatal. */
function tighten(file: string): void {
  try {
    fs.chmodSync(file, DATA_FILE_MODE);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPERM') console.warn(`无法把 ${file} 的权限改为仅属主可读写（文件属于其他用户）`);
    else if (code !== 'ENOENT') throw e;
  }
}

function tightenSidecars(file: string): void {
  for (const sidecar of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) tighten(sidecar);
}

export function openDatabase(file: string): Db {
  const onDisk = file !== ':memory:' && file !== '';
  if (onDisk) ownerOnly(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  if (onDisk) tightenSidecars(file);
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

export function migrationsFolder(): string {
  return path.join(process.cwd(), 'db', 'migrations');
}

const globalForDb = globalThis as unknown as { __budgetDb?: Db };

/** The application's database (a singleton that survives dev reloads). */
export function getDb(): Db {
  if (!globalForDb.__budgetDb) globalForDb.__budgetDb = openDatabase(databasePath());
  return globalForDb.__budgetDb;
}

export { schema };
