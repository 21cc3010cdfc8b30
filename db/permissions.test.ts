/**
 * The database, its WAL and shared-memory files and the session secret are owner-only: on a shared machine another
 * account must not read the budgets, the password hashes or the key that signs sessions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { ensureAuthSecret } from '../scripts/prepare-env';

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('owner-only data files', () => {
  let root: string;
  let umask: number;
  let secret: string | undefined;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-perm-'));
    // the loosest umask: the modes below must not depend on the one the server was started with
    umask = process.umask(0);
    secret = process.env.AUTH_SECRET;
    delete process.env.AUTH_SECRET;
  });
  afterEach(() => {
    process.umask(umask);
    if (secret !== undefined) process.env.AUTH_SECRET = secret;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('creates the data directory 0700 and the database, its -wal and -shm 0600', () => {
    const file = path.join(root, 'data', 'nested', 'app.db');
    const db = openDatabase(file);
    db.$client.exec('CREATE TABLE probe (x); INSERT INTO probe VALUES (1);');
    expect(mode(path.join(root, 'data'))).toBe(0o700);
    expect(mode(path.dirname(file))).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
    db.$client.close();
  });

  it('tightens a database and WAL files left world-readable by an older version', () => {
    const file = path.join(root, 'old.db');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE probe (x); INSERT INTO probe VALUES (1);');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.chmodSync(f, 0o644);
    const db = openDatabase(file);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
    db.$client.close();
    old.close();
  });

  it('writes the generated session secret 0600 and tightens an existing one', () => {
    const dbFile = path.join(root, 'fresh', 'app.db');
    const key = ensureAuthSecret(dbFile);
    const file = path.join(root, 'fresh', 'auth-secret');
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    fs.chmodSync(file, 0o644);
    expect(ensureAuthSecret(dbFile)).toBe(key);
    expect(mode(file)).toBe(0o600);
  });
});
