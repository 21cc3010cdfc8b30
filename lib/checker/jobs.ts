/**
 * The check queue: each uploaded disclosure is one row of check_jobs (db/schema/checker.ts), read and checked in the
 * background by the server process that claims it, so a batch of files shows its progress file by file and a page
 * reload can follow it. Bounded everywhere:
 * - a file is at most MAX_CHECK_FILE_BYTES (the request guard's upload class, decided before any body byte is read;
 *   the readers' own limits bound pages, entries and time);
 * - a user has at most MAX_OUTSTANDING_PER_USER files queued or running (more is refused, not queued);
 * - at most MAX_RUNNING_CHECKS files are read at once machine-wide, one per process (the claim is one immediate
 *   transaction, so the bound holds across the cluster's workers);
 * - a job older than JOB_TTL_MS is deleted with its file; a job a dead process left running is failed after
 *   STALE_AFTER_MS.
 */
import 'server-only';
import { and, count, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { checkJobs } from '../../db/schema';
import { disclosureCheckRefusal, type Actor } from '../auth/authorize';
import { currentYear } from '../budget/access';
import { loadYearCodes } from '../codebook/store';
import type { JobStatus } from '../jobStatus';
import { forbidden, invalid, notFound, ok, refused, type Result } from '../result';
import { summarize } from '../rules';
import { z } from '../zod';
import { checkDisclosure, type CheckReport } from './check';
import type { CheckerProfile, ExtractedDocument } from './model';
import { readDisclosure } from './read';

export const MAX_CHECK_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FILES_PER_BATCH = 20;
const MAX_OUTSTANDING_PER_USER = MAX_FILES_PER_BATCH;
const MAX_RUNNING_CHECKS = 2;
const STALE_AFTER_MS = 5 * 60_000;
const JOB_TTL_MS = 24 * 60 * 60_000;
const INTERRUPTED = '服务器重启或任务中断，核查未完成，请重新上传';

const PROFILES = ['shanxi-13', 'shanghai-9'] as const satisfies readonly CheckerProfile[];

/** What a finished check keeps: the document as read (without its page texts) and the report. */
export interface CheckJobResult {
  document: Omit<ExtractedDocument, 'pages'>;
  report: CheckReport;
}

interface CheckJobView {
  id: number;
  fileName: string;
  status: JobStatus;
  /** Place in the queue (1 = next) while queued. */
  position: number | null;
  error: string | null;
  createdAt: number;
  /** Profile, department and counts by severity, once done. */
  summary: { profile: CheckerProfile; department: string | null; year: number | null; error: number; warning: number; info: number; notChecked: number } | null;
}

const OWNER = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

function refusalOf(actor: Actor) {
  const r = disclosureCheckRefusal(actor);
  return r ? forbidden(r) : null;
}

const enqueueSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  size: z.number().int().min(1).max(MAX_CHECK_FILE_BYTES),
  profile: z.enum(PROFILES).nullable(),
});

/** Queues one uploaded file (the bytes are kept for a re-check with the other profile). */
export function enqueueCheck(
  db: Db,
  actor: Actor,
  input: { fileName: string; bytes: Uint8Array; profile: string | null },
): Result<{ jobId: number }> {
  const denied = refusalOf(actor);
  if (denied) return denied;
  const parsed = enqueueSchema.safeParse({ fileName: input.fileName.slice(0, 200), size: input.bytes.length, profile: input.profile || null });
  if (!parsed.success) {
    if (input.bytes.length > MAX_CHECK_FILE_BYTES) return refused(`“${input.fileName.slice(0, 60)}”超过 5 MB，无法核查`);
    return invalid({ file: input.bytes.length === 0 ? '文件是空的' : '文件名或核查格式无效' });
  }
  const now = Date.now();
  const id = db.transaction(
    (tx) => {
      tx.delete(checkJobs).where(lt(checkJobs.createdAt, now - JOB_TTL_MS)).run();
      const outstanding = tx
        .select({ n: count() })
        .from(checkJobs)
        .where(and(eq(checkJobs.requestedBy, actor.userId), inArray(checkJobs.status, ['queued', 'running'])))
        .get()!.n;
      if (outstanding >= MAX_OUTSTANDING_PER_USER) return null;
      return tx
        .insert(checkJobs)
        .values({ requestedBy: actor.userId, fileName: parsed.data.fileName, profile: parsed.data.profile, status: 'queued', createdAt: now, file: Buffer.from(input.bytes) })
        .returning({ id: checkJobs.id })
        .get().id;
    },
    { behavior: 'immediate' },
  );
  if (id === null) return refused(`已有 ${MAX_OUTSTANDING_PER_USER} 个文件在排队核查，请等这些文件核查完再上传`);
  kickCheckQueue(db);
  return ok({ jobId: id });
}

const recheckSchema = z.object({ jobId: z.number().int().positive(), profile: z.enum(PROFILES) });

/** Checks the same file again with the profile asked for. */
export function recheckWithProfile(db: Db, actor: Actor, input: z.input<typeof recheckSchema>): Result<{ jobId: number }> {
  const denied = refusalOf(actor);
  if (denied) return denied;
  const parsed = recheckSchema.safeParse(input);
  if (!parsed.success) return invalid({ profile: '请选择山西13张表或上海/中央9张表' });
  const job = db.select().from(checkJobs).where(eq(checkJobs.id, parsed.data.jobId)).get();
  if (!job || (job.requestedBy !== actor.userId && actor.role !== 'admin')) return notFound('核查记录不存在');
  if (!job.file) return refused('原文件已过期删除，请重新上传');
  return enqueueCheck(db, actor, { fileName: job.fileName, bytes: new Uint8Array(job.file), profile: parsed.data.profile });
}

function summaryOf(result: string | null): CheckJobView['summary'] {
  if (!result) return null;
  const r = JSON.parse(result) as CheckJobResult;
  const s = summarize(r.report.findings);
  return { profile: r.document.profile, department: r.document.department, year: r.document.year, ...s, notChecked: r.report.notChecked.length };
}

/** The actor's recent checks (newest first), or the ones asked for. */
export function listCheckJobs(db: Db, actor: Actor, ids?: readonly number[]): CheckJobView[] {
  if (disclosureCheckRefusal(actor)) return [];
  failStale(db);
  const cols = { id: checkJobs.id, fileName: checkJobs.fileName, status: checkJobs.status, error: checkJobs.error, createdAt: checkJobs.createdAt, result: checkJobs.result };
  const mine = eq(checkJobs.requestedBy, actor.userId);
  const rows = db
    .select(cols)
    .from(checkJobs)
    .where(ids ? and(mine, inArray(checkJobs.id, [...ids].slice(0, MAX_FILES_PER_BATCH * 2))) : mine)
    .orderBy(desc(checkJobs.id))
    .limit(50)
    .all();
  const queued = db.select({ id: checkJobs.id }).from(checkJobs).where(eq(checkJobs.status, 'queued')).orderBy(checkJobs.id).all().map((r) => r.id);
  return rows.map((r) => ({
    id: r.id,
    fileName: r.fileName,
    status: r.status,
    position: r.status === 'queued' ? queued.indexOf(r.id) + 1 : null,
    error: r.error,
    createdAt: r.createdAt,
    summary: r.status === 'done' ? summaryOf(r.result) : null,
  }));
}

/** One check with its result, for its page. */
export function readCheckJob(db: Db, actor: Actor, id: number): Result<{ job: CheckJobView; result: CheckJobResult | null }> {
  const denied = refusalOf(actor);
  if (denied) return denied;
  const row = db.select().from(checkJobs).where(eq(checkJobs.id, id)).get();
  if (!row || (row.requestedBy !== actor.userId && actor.role !== 'admin')) return notFound('核查记录不存在');
  const [job] = listCheckJobs(db, { ...actor, userId: row.requestedBy }, [id]);
  return ok({ job: job!, result: row.status === 'done' && row.result ? (JSON.parse(row.result) as CheckJobResult) : null });
}

function failStale(db: Db, now = Date.now()) {
  db.update(checkJobs)
    .set({ status: 'failed', error: INTERRUPTED, finishedAt: now, leaseOwner: null })
    .where(and(eq(checkJobs.status, 'running'), lt(checkJobs.startedAt, now - STALE_AFTER_MS)))
    .run();
}

/** Claims the oldest queued job while fewer than MAX_RUNNING_CHECKS run machine-wide. */
function claim(db: Db): { id: number; fileName: string; profile: CheckerProfile | null; file: Buffer } | null {
  return db.transaction(
    (tx) => {
      const now = Date.now();
      failStale(tx as unknown as Db, now);
      const running = tx.select({ n: count() }).from(checkJobs).where(eq(checkJobs.status, 'running')).get()!.n;
      if (running >= MAX_RUNNING_CHECKS) return null;
      const next = tx
        .select({ id: checkJobs.id, fileName: checkJobs.fileName, profile: checkJobs.profile, file: checkJobs.file })
        .from(checkJobs)
        .where(eq(checkJobs.status, 'queued'))
        .orderBy(checkJobs.id)
        .limit(1)
        .get();
      if (!next) return null;
      tx.update(checkJobs).set({ status: 'running', startedAt: now, leaseOwner: OWNER }).where(eq(checkJobs.id, next.id)).run();
      if (!next.file) {
        tx.update(checkJobs).set({ status: 'failed', error: '原文件已过期删除，请重新上传', finishedAt: now }).where(eq(checkJobs.id, next.id)).run();
        return null;
      }
      return { id: next.id, fileName: next.fileName, profile: next.profile, file: next.file };
    },
    { behavior: 'immediate' },
  );
}

async function run(db: Db, job: { id: number; fileName: string; profile: CheckerProfile | null; file: Buffer }): Promise<void> {
  try {
    const year = currentYear(db);
    const readCodes = year === null ? undefined : loadYearCodes(db, year).book;
    const read = await readDisclosure({ name: job.fileName, bytes: new Uint8Array(job.file) }, { codes: readCodes, ...(job.profile ? { profile: job.profile } : {}) });
    if (!read.ok) {
      db.update(checkJobs).set({ status: 'failed', error: read.formError ?? '文件无法读取', finishedAt: Date.now(), leaseOwner: null }).where(eq(checkJobs.id, job.id)).run();
      return;
    }
    const doc = read.document;
    const own = doc.year !== null ? loadYearCodes(db, doc.year).book : null;
    const codes = own && Object.keys(own.functional).length > 0 ? own : (readCodes ?? { functional: {}, deptEconomic: {}, govEconomic: {} });
    const report = checkDisclosure(doc, codes);
    const { pages: _pages, ...kept } = doc;
    const result: CheckJobResult = { document: kept, report };
    db.update(checkJobs).set({ status: 'done', result: JSON.stringify(result), finishedAt: Date.now(), leaseOwner: null }).where(eq(checkJobs.id, job.id)).run();
  } catch {
    db.update(checkJobs).set({ status: 'failed', error: '核查时出错，文件可能已损坏', finishedAt: Date.now(), leaseOwner: null }).where(eq(checkJobs.id, job.id)).run();
  }
}

const g = globalThis as unknown as { __checkQueueBusy?: boolean };

/** Works through the queue in this process, one file at a time, until nothing is claimable. */
export function kickCheckQueue(db: Db): void {
  if (g.__checkQueueBusy) return;
  g.__checkQueueBusy = true;
  void (async () => {
    try {
      for (let job = claim(db); job; job = claim(db)) await run(db, job);
    } catch {
      // the database went away (a test's, a shutdown): the jobs left are failed as stale by the next reader
    } finally {
      g.__checkQueueBusy = false;
    }
  })();
}
