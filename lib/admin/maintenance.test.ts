import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { auditLog, departments, users } from '../../db/schema';
import { verifyPassword } from '../auth/password';
import { recordFailure, remainingLockMs } from '../auth/throttle';
import {
  backupDatabase,
  checkAppDatabase,
  createAdminAccount,
  MaintenanceError,
  resetPasswordByName,
  restoreDatabase,
} from './maintenance';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('accounts from the command line', () => {
  it('creates an administrator and refuses a taken name or weak password', async () => {
    const db = openDatabase(':memory:');
    seedIfEmpty(db, { passwordHasher: () => 'x' });
    const { id } = await createAdminAccount(db, { username: 'ops', displayName: '运维', password: 'Ops2025pass' });
    const u = db.select().from(users).where(eq(users.id, id)).get()!;
    expect(u).toMatchObject({ role: 'admin', active: true, mustChangePassword: false, departmentId: null, displayName: '运维' });
    expect(await verifyPassword(u.passwordHash, 'Ops2025pass')).toBe(true);
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, String(id))).get()).toMatchObject({
      userId: null,
      action: 'user.create',
      reason: '命令行 create-admin',
    });
    await expect(createAdminAccount(db, { username: 'ADMIN', password: 'Ops2025pass' })).rejects.toThrow(/已存在/);
    await expect(createAdminAccount(db, { username: 'ops2', password: 'short' })).rejects.toThrow(MaintenanceError);
  });

  it('resets a password: sessions end, throttling is cleared, optionally reactivates', async () => {
    const db = openDatabase(':memory:');
    seedIfEmpty(db, { passwordHasher: () => 'x' });
    const before = db.select().from(users).where(eq(users.username, 'admin')).get()!;
    db.update(users).set({ active: false }).where(eq(users.id, before.id)).run();
    for (let i = 0; i < 8; i++) recordFailure(db, 'admin');
    expect(remainingLockMs(db, 'admin')).toBeGreaterThan(0);
    const r = await resetPasswordByName(db, { username: 'admin', password: 'Recover2025', activate: true });
    expect(r.reactivated).toBe(true);
    const after = db.select().from(users).where(eq(users.id, before.id)).get()!;
    expect(after).toMatchObject({ active: true, mustChangePassword: false, sessionVersion: before.sessionVersion + 1 });
    expect(await verifyPassword(after.passwordHash, 'Recover2025')).toBe(true);
    expect(remainingLockMs(db, 'admin')).toBe(0);
    await expect(resetPasswordByName(db, { username: 'nobody', password: 'Recover2025' })).rejects.toThrow(/不存在/);
  });
});

describe('backup and restore', () => {
  it('backs up online and consistently, and restores it in place keeping the replaced database', async () => {
    const live = path.join(dir, 'live', 'app.db');
    const db = openDatabase(live);
    seedIfEmpty(db, { passwordHasher: () => 'x' });
    const backup = path.join(dir, 'backups', 'b1.db');
    // the server keeps its connection open while the backup runs
    const r = await backupDatabase(live, backup);
    expect(r.bytes).toBeGreaterThan(0);
    expect(checkAppDatabase(backup)).toMatchObject({ ok: true, users: 4, budgets: 2 });
    await expect(backupDatabase(live, backup)).rejects.toThrow(/已存在/);

    // a change after the backup ...
    db.update(departments).set({ name: '备份后改的名字' }).where(eq(departments.code, '054')).run();
    db.$client.close();
    // ... is undone by the restore; the replaced database is kept beside it
    const { savedCurrentAs } = await restoreDatabase(backup, live);
    expect(savedCurrentAs && fs.existsSync(savedCurrentAs)).toBeTruthy();
    expect(fs.existsSync(live + '-wal')).toBe(false);
    const restored = openDatabase(live);
    expect(restored.select().from(departments).where(eq(departments.code, '054')).get()!.name).toBe('泽州县人力资源和社会保障局');
    restored.$client.close();
    const saved = new Database(savedCurrentAs!, { readonly: true });
    expect((saved.prepare("select name from departments where code = '054'").get() as { name: string }).name).toBe('备份后改的名字');
    saved.close();
  });

  it('refuses to restore a file that is not an intact database of this app', async () => {
    const target = path.join(dir, 'target.db');
    const notSqlite = path.join(dir, 'notes.txt');
    fs.writeFileSync(notSqlite, 'hello, this is not a database at all');
    await expect(restoreDatabase(notSqlite, target)).rejects.toThrow(/不是 SQLite 数据库文件/);

    const other = path.join(dir, 'other.db');
    const o = new Database(other);
    o.exec('create table things (id integer primary key)');
    o.close();
    await expect(restoreDatabase(other, target)).rejects.toThrow(/缺少本系统的数据表：__drizzle_migrations/);

    const corrupt = path.join(dir, 'corrupt.db');
    const c = openDatabase(corrupt);
    seedIfEmpty(c, { passwordHasher: () => 'x' });
    c.$client.pragma('wal_checkpoint(TRUNCATE)');
    c.$client.pragma('journal_mode = DELETE');
    c.$client.close();
    const bytes = fs.readFileSync(corrupt);
    // scribble over the middle of the file (keeping the header)
    bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 8192);
    fs.writeFileSync(corrupt, bytes);
    const check = checkAppDatabase(corrupt);
    expect(check.ok).toBe(false);
    await expect(restoreDatabase(corrupt, target)).rejects.toThrow(/拒绝恢复/);
    expect(fs.existsSync(target)).toBe(false);
    await expect(restoreDatabase(path.join(dir, 'missing.db'), target)).rejects.toThrow(/文件不存在/);
  });
});
