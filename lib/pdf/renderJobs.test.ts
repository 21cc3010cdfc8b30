/**
 * The store with two "server processes": two connections on one database file, claiming in turns and
 * interleaved, as cluster workers do.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type Db } from '../../db/client';
import { budgets, renderJobs, users } from '../../db/schema';
import { seedIfEmpty } from '../../db/seed';
import { RENDER_LIMITS } from './queue';
import {
  abandonRenderJob,
  awaitRenderJob,
  claimRenderJob,
  completeRenderJob,
  enqueueRenderJob,
  failRenderJob,
  purgeRenderJobs,
  releaseBrowser,
  renderJobState,
  RenderFailedError,
  renewLease,
  takeRenderResult,
} from './renderJobs';

let template: string;
const opened: Db[] = [];

beforeAll(() => {
  // one seeded file, copied for each test (seeding takes a second)
  template = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'render-queue-')), 'seed.db');
  const db = openDatabase(template);
  seedIfEmpty(db, { passwordHasher: (p) => `plain:${p}` });
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
});

afterEach(() => {
  for (const db of opened.splice(0)) db.$client.close();
});

/** Two connections ("processes") on a fresh copy of the seeded file, with the ids the jobs need. */
function twoProcesses() {
  const file = path.join(path.dirname(template), `t-${Math.random().toString(36).slice(2)}.db`);
  fs.copyFileSync(template, file);
  const a = openDatabase(file);
  const b = openDatabase(file);
  opened.push(a, b);
  const user = (name: string) => a.select().from(users).where(eq(users.username, name)).get()!.id;
  const budget = a.select().from(budgets).get()!.id;
  return { a, b, budget, clerk: user('renshe'), other: user('dangan'), reviewer: user('shenhe'), admin: user('admin') };
}

const runningCount = (db: Db) => db.select().from(renderJobs).where(eq(renderJobs.status, 'running')).all().length;
const T0 = 1_700_000_000_000;

describe('render queue store', () => {
  it('never runs more than two jobs across two processes, exports on one page only, publication first', () => {
    const { a, b, budget, clerk, other, reviewer, admin } = twoProcesses();
    for (const u of [clerk, clerk, other, other, reviewer]) expect(enqueueRenderJob(a, { kind: 'export', budgetId: budget, requestedBy: u }, T0).ok).toBe(true);
    const bulk = enqueueRenderJob(b, { kind: 'bulk', budgetId: budget, requestedBy: admin }, T0);
    const pub = enqueueRenderJob(b, { kind: 'publication', budgetId: budget, requestedBy: admin, digest: 'd1' }, T0);
    if (!bulk.ok || !pub.ok) throw new Error('refused');

    // the publication is claimed first, then the bulk export; then both pages are taken
    const first = claimRenderJob(a, 'pa', T0)!;
    expect(first).toMatchObject({ id: pub.id, kind: 'publication', digest: 'd1', attempts: 1 });
    expect(claimRenderJob(b, 'pb', T0)).toMatchObject({ id: bulk.id, kind: 'bulk' });
    expect(claimRenderJob(a, 'pa', T0)).toBeNull();
    expect(claimRenderJob(b, 'pb', T0)).toBeNull();
    expect(runningCount(a)).toBe(2);

    // one page free: an export may take it; the next export waits although a page is free
    expect(completeRenderJob(a, first.id, 'pa', Buffer.from('%PDF-1'), T0 + 1)).toBe(true);
    const e1 = claimRenderJob(b, 'pb', T0 + 2)!;
    expect(e1.kind).toBe('export');
    expect(completeRenderJob(b, bulk.id, 'pb', Buffer.from('%PDF-2'), T0 + 3)).toBe(true);
    expect(claimRenderJob(a, 'pa', T0 + 4)).toBeNull();
    expect(runningCount(b)).toBe(1);
    // a new publication still finds the second page
    const pub2 = enqueueRenderJob(a, { kind: 'publication', budgetId: budget, requestedBy: admin }, T0 + 5);
    expect(claimRenderJob(a, 'pa', T0 + 6)).toMatchObject({ id: pub2.ok ? pub2.id : -1 });
    expect(runningCount(a)).toBe(2);
  });

  it('interleaved claims of two processes never exceed the limits, and follow the priorities', () => {
    const { a, b, budget, clerk, other, reviewer, admin } = twoProcesses();
    for (const u of [clerk, other, reviewer, admin, clerk, other, reviewer, admin])
      expect(enqueueRenderJob(a, { kind: 'export', budgetId: budget, requestedBy: u }, T0).ok).toBe(true);
    for (const kind of ['bulk', 'publication', 'bulk', 'publication'] as const) enqueueRenderJob(b, { kind, budgetId: budget, requestedBy: admin }, T0);
    const held: { db: Db; owner: string; id: number }[] = [];
    const claimed: string[] = [];
    let t = T0;
    while (claimed.length < 12 && t < T0 + 100) {
      t += 1;
      const [db, owner] = t % 2 ? [a, 'pa'] : [b, 'pb'];
      const job = claimRenderJob(db, owner, t);
      if (job) {
        held.push({ db, owner, id: job.id });
        claimed.push(job.kind);
      } else if (held.length) {
        // nothing claimable: the oldest rendering ends (in the process that holds it)
        const done = held.shift()!;
        expect(completeRenderJob(done.db, done.id, done.owner, Buffer.from('%PDF-'), t)).toBe(true);
      }
      const running = b.select().from(renderJobs).where(eq(renderJobs.status, 'running')).all();
      expect(running.length).toBeLessThanOrEqual(RENDER_LIMITS.pages);
      expect(running.filter((r) => r.kind === 'export').length).toBeLessThanOrEqual(RENDER_LIMITS.exportPages);
    }
    expect(claimed).toEqual(['publication', 'publication', 'bulk', 'bulk', ...Array(8).fill('export')]);
  });

  it('refuses a third export of one user and a ninth queued export, in Chinese; never a publication', () => {
    const { a, b, budget, clerk, admin } = twoProcesses();
    expect(enqueueRenderJob(a, { kind: 'export', budgetId: budget, requestedBy: clerk }, T0).ok).toBe(true);
    expect(enqueueRenderJob(b, { kind: 'export', budgetId: budget, requestedBy: clerk }, T0).ok).toBe(true);
    expect(enqueueRenderJob(a, { kind: 'export', budgetId: budget, requestedBy: clerk }, T0)).toMatchObject({
      ok: false,
      refusal: { code: 'userLimit', message: '您已有 2 个 PDF 正在生成，请等待完成' },
    });
    // a finished export frees the user's slot
    const j = claimRenderJob(a, 'pa', T0)!;
    completeRenderJob(a, j.id, 'pa', Buffer.from('%PDF-'), T0);
    expect(enqueueRenderJob(a, { kind: 'export', budgetId: budget, requestedBy: clerk }, T0).ok).toBe(true);

    // fill the queue to 8 with other requesters (the per-user limit does not apply across users)
    const others = a.select().from(users).all().map((u) => u.id).filter((id) => id !== clerk);
    const extra = a.insert(users).values(Array.from({ length: 6 }, (_, i) => ({ username: `q${i}`, displayName: `q${i}`, passwordHash: 'x', role: 'reviewer' as const, createdAt: T0 }))).returning().all();
    const requesters = [...others, ...extra.map((u) => u.id)];
    let queued = 2;
    for (const u of requesters) {
      if (queued >= 8) break;
      if (enqueueRenderJob(b, { kind: 'export', budgetId: budget, requestedBy: u }, T0).ok) queued += 1;
    }
    expect(queued).toBe(8);
    expect(enqueueRenderJob(a, { kind: 'export', budgetId: budget, requestedBy: requesters.at(-1)! }, T0)).toMatchObject({
      ok: false,
      refusal: { code: 'queueFull', message: '导出排队已满，请稍后再试' },
    });
    expect(enqueueRenderJob(a, { kind: 'publication', budgetId: budget, requestedBy: admin }, T0).ok).toBe(true);
    expect(enqueueRenderJob(a, { kind: 'bulk', budgetId: budget, requestedBy: admin }, T0).ok).toBe(true);
  });

  it('queues a job whose process died once more, then fails it in Chinese; the dead process cannot write it', () => {
    const { a, b, budget, clerk } = twoProcesses();
    const q = enqueueRenderJob(a, { kind: 'export', budgetId: budget, requestedBy: clerk }, T0);
    if (!q.ok) throw new Error('refused');
    expect(claimRenderJob(a, 'dead-1', T0)).toMatchObject({ id: q.id, attempts: 1 });
    // renewed while alive
    expect(renewLease(a, q.id, 'dead-1', T0 + 20_000)).toBe(true);
    expect(claimRenderJob(b, 'pb', T0 + 20_000 + RENDER_LIMITS.leaseMs - 1)).toBeNull();
    // the process died: after its lease, the other process takes the job (second attempt)
    const t1 = T0 + 20_000 + RENDER_LIMITS.leaseMs + 1;
    expect(claimRenderJob(b, 'dead-2', t1)).toMatchObject({ id: q.id, attempts: 2 });
    expect(completeRenderJob(a, q.id, 'dead-1', Buffer.from('%PDF-late'), t1)).toBe(false);
    expect(renewLease(a, q.id, 'dead-1', t1)).toBe(false);
    // that one died too: failed, not queued a third time
    const t2 = t1 + RENDER_LIMITS.leaseMs + 1;
    expect(claimRenderJob(a, 'pa', t2)).toBeNull();
    expect(renderJobState(a, q.id)).toMatchObject({ status: 'failed', error: '生成 PDF 的服务进程中断，重试后仍未完成，请重新导出', attempts: 2 });
  });

  it('a third process without a browser waits while two others hold one', () => {
    const { a, b, budget, admin } = twoProcesses();
    for (let i = 0; i < 3; i++) enqueueRenderJob(a, { kind: 'bulk', budgetId: budget, requestedBy: admin }, T0);
    const j1 = claimRenderJob(a, 'p1', T0)!;
    const j2 = claimRenderJob(b, 'p2', T0)!;
    completeRenderJob(a, j1.id, 'p1', Buffer.from('%PDF-'), T0 + 1);
    completeRenderJob(b, j2.id, 'p2', Buffer.from('%PDF-'), T0 + 1);
    // p1 and p2 keep their (idle) browsers: p3 may not open a third
    expect(claimRenderJob(a, 'p3', T0 + 2)).toBeNull();
    expect(claimRenderJob(b, 'p2', T0 + 2)).not.toBeNull();
    // once p1 closed its browser, p3 may open one
    releaseBrowser(a, 'p1');
    enqueueRenderJob(a, { kind: 'bulk', budgetId: budget, requestedBy: admin }, T0 + 3);
    expect(claimRenderJob(a, 'p3', T0 + 3)).not.toBeNull();
  });

  it('hands a result out once, and drops results nobody downloaded after ten minutes', () => {
    const { a, b, budget, clerk, other } = twoProcesses();
    const q1 = enqueueRenderJob(a, { kind: 'export', budgetId: budget, requestedBy: clerk }, T0);
    const q2 = enqueueRenderJob(a, { kind: 'export', budgetId: budget, requestedBy: other }, T0);
    if (!q1.ok || !q2.ok) throw new Error('refused');
    expect(renderJobState(b, q2.id)).toMatchObject({ status: 'queued', ahead: 1 });
    const j = claimRenderJob(a, 'pa', T0)!;
    expect(renderJobState(b, q2.id)).toMatchObject({ status: 'queued', ahead: 0 });
    completeRenderJob(a, j.id, 'pa', Buffer.from('%PDF-one'), T0 + 1);
    expect(renderJobState(b, q1.id)).toMatchObject({ status: 'done', hasResult: true });
    expect(takeRenderResult(b, q1.id)!.toString()).toBe('%PDF-one');
    expect(takeRenderResult(a, q1.id)).toBeNull();
    const j2 = claimRenderJob(b, 'pb', T0 + 2)!;
    completeRenderJob(b, j2.id, 'pb', Buffer.from('%PDF-two'), T0 + 2);
    purgeRenderJobs(a, T0 + 2 + RENDER_LIMITS.resultTtlMs - 1);
    expect(renderJobState(a, q2.id)!.hasResult).toBe(true);
    purgeRenderJobs(a, T0 + 2 + RENDER_LIMITS.resultTtlMs + 1);
    expect(renderJobState(a, q2.id)).toMatchObject({ status: 'done', hasResult: false });
  });

  it('a waiter gets the PDF rendered by the other process, or the failure, or gives up and abandons the job', async () => {
    const { a, b, budget, admin } = twoProcesses();
    const q = enqueueRenderJob(a, { kind: 'publication', budgetId: budget, requestedBy: admin });
    if (!q.ok) throw new Error('refused');
    const waiting = awaitRenderJob(a, q.id, { pollMs: 1 });
    const j = claimRenderJob(b, 'pb')!;
    completeRenderJob(b, j.id, 'pb', Buffer.from('%PDF-pub'));
    expect((await waiting).toString()).toBe('%PDF-pub');

    const f = enqueueRenderJob(a, { kind: 'publication', budgetId: budget, requestedBy: admin });
    if (!f.ok) throw new Error('refused');
    const failing = awaitRenderJob(a, f.id, { pollMs: 1 });
    const jf = claimRenderJob(b, 'pb')!;
    failRenderJob(b, jf.id, 'pb', '发布期间内容发生变化，请重新发布');
    await expect(failing).rejects.toThrow(new RenderFailedError('发布期间内容发生变化，请重新发布'));

    const g = enqueueRenderJob(a, { kind: 'bulk', budgetId: budget, requestedBy: admin });
    if (!g.ok) throw new Error('refused');
    let clock = 0;
    await expect(awaitRenderJob(a, g.id, { timeoutMs: 10, now: () => (clock += 6), sleep: async () => undefined })).rejects.toThrow(/等待 PDF 生成超过/);
    expect(renderJobState(b, g.id)!.status).toBe('failed');
    expect(abandonRenderJob(b, g.id, 'x')).toBe(false);
  });
});

