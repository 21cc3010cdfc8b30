/**
 * The database: one embedded SQLite file, opened lazily (next build imports modules without needing it),
 * migrated on first open, WAL mode, foreign keys on.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';
import { databasePath } from '../lib/env';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
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
