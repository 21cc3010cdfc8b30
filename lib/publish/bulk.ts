/**
 * Bulk export for the administrator: every approved or published department budget of a year as one zip of PDFs
 * and workbooks (published ones: the frozen bytes of the current version; approved ones: rendered now), with a
 * SHA256SUMS manifest.
 *
 * Each approved budget's PDF comes from `deps.renderPdf`: on the server, a `bulk` job of the machine-wide render
 * queue (lib/publish/render.ts), claimed after publications and before clerks' exports and never refused for the
 * queue's length, so the zip is not at the mercy of a burst of exports.
 *
 * The job's state lives in export_jobs (status, progress, total, result), so a page reload can follow it. The job
 * runs in-process, asynchronously, after its row is created (a module-level registry of running jobs). A job left
 * `queued`/`running` by a previous server process (not in this process's registry and not updated for
 * STALE_AFTER_MS) is marked failed when jobs are next read.
 */
import 'server-only';
import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { budgets, departments, exportJobs, users } from '../../db/schema';
import { bulkExportRefusal, canBulkExport, type Actor, type BudgetStatus } from '../auth/authorize';
import type { JobStatus } from '../jobStatus';
import { ChromiumNotFoundError } from '../pdf/chromium';
import { forbidden, invalid, ok, refused, type Result } from '../result';
import { buildBudgetWorkbook, isPdf, type PdfRenderer } from './prepare';
import { currentPublication, sha256 } from './snapshots';
import { buildZip, zipSafeName, type ZipEntry } from './zip';

const BULK_KIND = 'disclosure-zip';
const STALE_AFTER_MS = 10 * 60_000;
export const INTERRUPTED_MESSAGE = '服务器重启或任务中断，导出未完成，请重新导出';

const g = globalThis as unknown as { __bulkExportJobs?: Map<number, Promise<void>> };
const running = (g.__bulkExportJobs ??= new Map());


export interface ExportJobView {
  id: number;
  year: number;
  status: JobStatus;
  progress: number;
  total: number;
  error: string | null;
  resultSize: number | null;
  createdAt: number;
  updatedAt: number;
  createdByName: string | null;
}

interface BulkCandidate {
  budgetId: number;
  status: BudgetStatus;
  departmentCode: string;
  departmentName: string;
  year: number;
}

/** The budgets a bulk export of `year` contains: approved and published, by department code. */
export function bulkCandidates(db: Db, year: number): BulkCandidate[] {
  return db
    .select({ budgetId: budgets.id, status: budgets.status, departmentCode: departments.code, departmentName: departments.name, year: budgets.year })
    .from(budgets)
    .innerJoin(departments, eq(departments.id, budgets.departmentId))
    .where(and(eq(budgets.year, year), inArray(budgets.status, ['approved', 'published'])))
    .orderBy(departments.code)
    .all();
}

/** A started (or already running) job: its id, and its end (which the server action does not wait for). */
interface StartedExport {
  jobId: number;
  done: Promise<void>;
  existing: boolean;
}

/** Marks jobs orphaned by a previous server process as failed; returns how many. */
export function failStaleJobs(db: Db, now = Date.now(), staleMs = STALE_AFTER_MS): number {
  const stale = db
    .select({ id: exportJobs.id })
    .from(exportJobs)
    .where(and(or(eq(exportJobs.status, 'queued'), eq(exportJobs.status, 'running')), lt(exportJobs.updatedAt, now - staleMs)))
    .all()
    .filter((j) => !running.has(j.id));
  for (const j of stale)
    db.update(exportJobs).set({ status: 'failed', error: INTERRUPTED_MESSAGE, updatedAt: now }).where(eq(exportJobs.id, j.id)).run();
  return stale.length;
}

/** Creates the job row and starts it in this process. An unfinished job of the same year is returned instead. */
export function startBulkExport(db: Db, actor: Actor, input: { year: number }, deps: { renderPdf: PdfRenderer }): Result<StartedExport> {
  const refusal = bulkExportRefusal(actor);
  if (refusal) return forbidden(refusal);
  const year = Number(input?.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return invalid({ year: '年度无效' }, '年度无效');
  failStaleJobs(db);
  const active = db
    .select({ id: exportJobs.id })
    .from(exportJobs)
    .where(and(eq(exportJobs.kind, BULK_KIND), eq(exportJobs.year, year), or(eq(exportJobs.status, 'queued'), eq(exportJobs.status, 'running'))))
    .orderBy(desc(exportJobs.id))
    .get();
  if (active) return ok({ jobId: active.id, done: running.get(active.id) ?? Promise.resolve(), existing: true });
  const candidates = bulkCandidates(db, year);
  if (candidates.length === 0) return refused(`${year}年度没有已批复或已公开的部门预算`);
  const now = Date.now();
  const job = db
    .insert(exportJobs)
    .values({ kind: BULK_KIND, year, status: 'queued', progress: 0, total: candidates.length, createdBy: actor.userId, createdAt: now, updatedAt: now })
    .returning({ id: exportJobs.id })
    .get();
  const done = runBulkExport(db, job.id, year, deps).finally(() => running.delete(job.id));
  running.set(job.id, done);
  return ok({ jobId: job.id, done, existing: false });
}

function setJob(db: Db, id: number, values: Partial<typeof exportJobs.$inferInsert>): void {
  db.update(exportJobs).set({ ...values, updatedAt: Date.now() }).where(eq(exportJobs.id, id)).run();
}

/** Runs one job to the end; never throws (a failure is recorded on the job). */
async function runBulkExport(db: Db, jobId: number, year: number, deps: { renderPdf: PdfRenderer }): Promise<void> {
  try {
    const candidates = bulkCandidates(db, year);
    setJob(db, jobId, { status: 'running', total: candidates.length, progress: 0 });
    const entries: ZipEntry[] = [];
    const sums: string[] = [];
    let done = 0;
    for (const c of candidates) {
      const base = zipSafeName(`${c.departmentCode}-${c.departmentName}-${year}年部门预算公开`);
      const frozen = c.status === 'published' ? currentPublication(db, c.budgetId) : undefined;
      let pdf: Buffer;
      let xlsx: Buffer;
      if (frozen?.pdf && frozen.xlsx) {
        pdf = Buffer.from(frozen.pdf);
        xlsx = Buffer.from(frozen.xlsx);
      } else {
        pdf = await deps.renderPdf(c.budgetId);
        if (!isPdf(pdf)) throw new Error(`${c.departmentName}：渲染结果不是 PDF 文件`);
        xlsx = await buildBudgetWorkbook(db, c.budgetId);
      }
      entries.push({ name: `${base}.pdf`, data: pdf }, { name: `${base}表.xlsx`, data: xlsx });
      sums.push(`${sha256(pdf)}  ${base}.pdf`, `${sha256(xlsx)}  ${base}表.xlsx`);
      done += 1;
      setJob(db, jobId, { progress: done });
    }
    entries.push({ name: 'SHA256SUMS.txt', data: sums.join('\n') + '\n' });
    const zip = await buildZip(entries);
    setJob(db, jobId, { status: 'done', progress: candidates.length, result: zip, error: null });
  } catch (e) {
    const message = e instanceof ChromiumNotFoundError ? e.message : `导出失败：${e instanceof Error ? e.message : String(e)}`;
    if (!(e instanceof ChromiumNotFoundError)) console.error('bulk export failed', e);
    try {
      setJob(db, jobId, { status: 'failed', error: message });
    } catch (inner) {
      console.error('bulk export: could not record the failure', inner);
    }
  }
}

const viewColumns = {
  id: exportJobs.id,
  year: exportJobs.year,
  status: exportJobs.status,
  progress: exportJobs.progress,
  total: exportJobs.total,
  error: exportJobs.error,
  createdAt: exportJobs.createdAt,
  updatedAt: exportJobs.updatedAt,
  createdByName: users.displayName,
};

function toView(r: Omit<ExportJobView, 'resultSize'>, size: number | null): ExportJobView {
  return { ...r, resultSize: size };
}

function resultSize(db: Db, id: number): number | null {
  const r = db.select({ result: exportJobs.result }).from(exportJobs).where(eq(exportJobs.id, id)).get();
  return r?.result ? r.result.length : null;
}

/** One job's state (no bytes); null for a non-administrator or an unknown job. */
export function getExportJob(db: Db, actor: Actor, id: number): ExportJobView | null {
  if (!canBulkExport(actor) || !Number.isSafeInteger(id) || id <= 0) return null;
  failStaleJobs(db);
  const r = db.select(viewColumns).from(exportJobs).leftJoin(users, eq(users.id, exportJobs.createdBy)).where(and(eq(exportJobs.id, id), eq(exportJobs.kind, BULK_KIND))).get();
  return r ? toView(r, r.status === 'done' ? resultSize(db, id) : null) : null;
}

/** The most recent jobs, newest first. */
export function listExportJobs(db: Db, actor: Actor, limit = 10): ExportJobView[] {
  if (!canBulkExport(actor)) return [];
  failStaleJobs(db);
  return db
    .select(viewColumns)
    .from(exportJobs)
    .leftJoin(users, eq(users.id, exportJobs.createdBy))
    .where(eq(exportJobs.kind, BULK_KIND))
    .orderBy(desc(exportJobs.id))
    .limit(limit)
    .all()
    .map((r) => toView(r, r.status === 'done' ? resultSize(db, r.id) : null));
}

/** A finished job's zip; null otherwise. */
export function exportJobResult(db: Db, actor: Actor, id: number): { bytes: Buffer; year: number } | null {
  if (!canBulkExport(actor) || !Number.isSafeInteger(id) || id <= 0) return null;
  const r = db
    .select({ result: exportJobs.result, year: exportJobs.year, status: exportJobs.status })
    .from(exportJobs)
    .where(and(eq(exportJobs.id, id), eq(exportJobs.kind, BULK_KIND)))
    .get();
  return r && r.status === 'done' && r.result ? { bytes: Buffer.from(r.result), year: r.year } : null;
}
