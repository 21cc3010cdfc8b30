/**
 * Operator tasks run from the command line on the server (scripts/cli.ts): the first administrator, a password reset
 * when nobody can sign in, an online backup and a restore. Whoever runs them has the database file, so there is no
 * actor; the audit log records them with no user and the reason "命令行".
 */
import 'server-only';
import Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { writeAudit } from '../audit';
import { hashPassword, passwordProblem } from '../auth/password';
import { clearFailures } from '../auth/throttle';
import { USERNAME_PATTERN } from './users';

export class MaintenanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaintenanceError';
  }
}

/** Creates an active administrator (no forced password change: the operator chose the password). */
export async function createAdminAccount(
  db: Db,
  input: { username: string; displayName?: string; password: string },
): Promise<{ id: number }> {
  const username = input.username.trim();
  if (!USERNAME_PATTERN.test(username)) throw new MaintenanceError('用户名为 2–32 位字母、数字或 _ . -，以字母或数字开头');
  const displayName = (input.displayName ?? '').trim() || '系统管理员';
  if (displayName.length > 30) throw new MaintenanceError('显示名不能超过 30 个字');
  const problem = passwordProblem(input.password);
  if (problem) throw new MaintenanceError(problem);
  const exists = () => db.select().from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`).get();
  if (exists()) throw new MaintenanceError(`用户 ${username} 已存在；如需重置其密码，请使用 reset-password`);
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    if (exists()) throw new MaintenanceError(`用户 ${username} 已存在`);
    const { id } = tx
      .insert(users)
      .values({ username, displayName, passwordHash, role: 'admin', departmentId: null, createdAt: Date.now() })
      .returning({ id: users.id })
      .get();
    writeAudit(tx, {
      userId: null,
      action: 'user.create',
      entity: 'user',
      entityId: id,
      newValue: JSON.stringify({ username, displayName, role: 'admin' }),
      reason: '命令行 create-admin',
    });
    return { id };
  });
}

/**
 * Sets a user's password: open sessions end, sign-in throttling for the name is cleared. With `mustChange` the user
 * must choose a new one at the next sign-in; with `activate` a deactivated user is reactivated.
 */
export async function resetPasswordByName(
  db: Db,
  input: { username: string; password: string; mustChange?: boolean; activate?: boolean },
): Promise<{ id: number; reactivated: boolean }> {
  const user = db.select().from(users).where(eq(users.username, input.username.trim())).get();
  if (!user) throw new MaintenanceError(`用户 ${input.username} 不存在`);
  const problem = passwordProblem(input.password);
  if (problem) throw new MaintenanceError(problem);
  const passwordHash = await hashPassword(input.password);
  const reactivated = !!input.activate && !user.active;
  db.transaction((tx) => {
    tx.update(users)
      .set({
        passwordHash,
        mustChangePassword: !!input.mustChange,
        active: reactivated ? true : user.active,
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, user.id))
      .run();
    writeAudit(tx, { userId: null, action: 'user.reset_password', entity: 'user', entityId: user.id, reason: '命令行 reset-password' });
    if (reactivated)
      writeAudit(tx, {
        userId: null,
        action: 'user.reactivate',
        entity: 'user',
        entityId: user.id,
        field: 'active',
        oldValue: 'false',
        newValue: 'true',
        reason: '命令行 reset-password --activate',
      });
  });
  clearFailures(db, user.username);
  return { id: user.id, reactivated };
}

/** Tables every database of this app has; a file without them is not ours. */
const REQUIRED_TABLES = [
  '__drizzle_migrations',
  'fiscal_years',
  'departments',
  'units',
  'users',
  'budgets',
  'functional_codes',
  'audit_log',
] as const;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Whether the file is an intact SQLite database of this app; the problems found otherwise. */
export function checkAppDatabase(file: string): { ok: true; users: number; budgets: number } | { ok: false; problems: string[] } {
  if (!fs.existsSync(file)) return { ok: false, problems: [`文件不存在：${file}`] };
  const stat = fs.statSync(file);
  if (!stat.isFile()) return { ok: false, problems: [`不是文件：${file}`] };
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(16);
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  if (head.toString('latin1') !== SQLITE_MAGIC) return { ok: false, problems: ['不是 SQLite 数据库文件'] };
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = sqlite.pragma('integrity_check') as { integrity_check: string }[];
    const problems: string[] = [];
    if (!(integrity.length === 1 && integrity[0].integrity_check === 'ok')) {
      problems.push('完整性检查未通过：' + integrity.slice(0, 5).map((r) => r.integrity_check).join('；'));
    }
    const tables = new Set(
      (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) problems.push('缺少本系统的数据表：' + missing.join('、'));
    if (problems.length > 0) return { ok: false, problems };
    const n = (table: string) => (sqlite!.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    return { ok: true, users: n('users'), budgets: n('budgets') };
  } catch (e) {
    return { ok: false, problems: ['无法读取数据库：' + (e instanceof Error ? e.message : String(e))] };
  } finally {
    sqlite?.close();
  }
}

function tempNameBeside(target: string, tag: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${tag}-${process.pid}-${Date.now()}`);
}

/**
 * An online, consistent copy of the database (SQLite's backup API: the server may keep running). Written beside the
 * destination first, checked, then renamed into place.
 */
export async function backupDatabase(
  source: string,
  dest: string,
  opts: { overwrite?: boolean } = {},
): Promise<{ file: string; bytes: number }> {
  if (!fs.existsSync(source)) throw new MaintenanceError(`数据库文件不存在：${source}`);
  const target = path.resolve(dest);
  if (path.resolve(source) === target) throw new MaintenanceError('备份文件不能是数据库文件本身');
  if (fs.existsSync(target) && !opts.overwrite) throw new MaintenanceError(`文件已存在：${target}（如需覆盖请加 --force）`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tempNameBeside(target, 'backup');
  const sqlite = new Database(source, { fileMustExist: true });
  try {
    await sqlite.backup(tmp);
  } finally {
    sqlite.close();
  }
  try {
    // a standalone file: no WAL beside it
    const copy = new Database(tmp);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const check = checkAppDatabase(tmp);
    if (!check.ok) throw new MaintenanceError('备份文件检查未通过：' + check.problems.join('；'));
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return { file: target, bytes: fs.statSync(target).size };
}

/**
 * Replaces the database with a backup. Refuses a file that is not an intact database of this app. The current
 * database is first saved beside it (`<name>.before-restore-<time>`), then the backup is copied next to the target
 * and renamed into place (atomic on one file system); the old WAL files are removed so they cannot be replayed onto
 * the restored file. The server must be stopped.
 */
export async function restoreDatabase(source: string, target: string): Promise<{ savedCurrentAs: string | null }> {
  const src = path.resolve(source);
  const dst = path.resolve(target);
  if (src === dst) throw new MaintenanceError('恢复文件不能是数据库文件本身');
  const check = checkAppDatabase(src);
  if (!check.ok) throw new MaintenanceError('拒绝恢复：' + check.problems.join('；'));
  fs.mkdirSync(path.dirname(dst), { recursive: true });

  // a consistent standalone copy beside the target, so the final step is a rename
  const tmp = tempNameBeside(dst, 'restore');
  const from = new Database(src, { readonly: true, fileMustExist: true });
  try {
    await from.backup(tmp);
  } finally {
    from.close();
  }
  let savedCurrentAs: string | null = null;
  try {
    const copy = new Database(tmp);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    if (fs.existsSync(dst)) {
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
      savedCurrentAs = `${dst}.before-restore-${stamp}`;
      const current = new Database(dst, { fileMustExist: true });
      try {
        await current.backup(savedCurrentAs);
        current.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        current.close();
      }
    }
    for (const side of ['-wal', '-shm', '-journal']) fs.rmSync(dst + side, { force: true });
    fs.renameSync(tmp, dst);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return { savedCurrentAs };
}
