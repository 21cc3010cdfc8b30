import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { exportJobs } from '../../db/schema';
import { ChromiumNotFoundError } from '../pdf/chromium';
import { approveBudget, publishBudget, submitBudget } from '../workflow/actions';
import { addOrganizationWarning, cleanArchive, ORGANIZATION_WARNING, seededWorld, stubRenderer, versionOf } from '../workflow/testing/world';
import { renderJobs } from '../../db/schema';
import { enqueueRenderJob } from '../pdf/renderJobs';
import { RenderWorker } from '../pdf/worker';
import { queuedRenderer } from './render';
import { exportJobResult, failStaleJobs, getExportJob, INTERRUPTED_MESSAGE, listExportJobs, startBulkExport } from './bulk';
import { getPublishedFile } from './public';
import { sha256 } from './snapshots';
import { forbidden, refused } from '../result';
import { buildZip } from './zip';
import { readZip } from './testing';

function approvedWorld() {
  const w = seededWorld();
  cleanArchive(w);
  addOrganizationWarning(w);
  submitBudget(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId), explanations: { [ORGANIZATION_WARNING]: '说明' } });
  approveBudget(w.db, w.actors.shenhe, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId) });
  return w;
}

describe('zip', () => {
  it('round-trips entries with Chinese names, byte for byte', async () => {
    const pdf = Buffer.from('%PDF-1.4 …');
    const zip = await buildZip([
      { name: '061-泽州县档案馆.pdf', data: pdf },
      { name: 'SHA256SUMS.txt', data: 'abc\n' },
    ]);
    expect(zip.subarray(0, 4).toString('hex')).toBe('504b0304');
    // the UTF-8 flag (bit 11) is set in the local header of the Chinese name
    expect(zip.readUInt16LE(6) & 0x0800).toBe(0x0800);
    const back = await readZip(zip);
    expect([...back.keys()]).toEqual(['061-泽州县档案馆.pdf', 'SHA256SUMS.txt']);
    expect(back.get('061-泽州县档案馆.pdf')).toEqual(pdf);
    await expect(buildZip([{ name: 'a', data: 'x' }, { name: 'a', data: 'y' }])).rejects.toThrow(/duplicate/);
  });
});

describe('bulk export', () => {
  it('zips every approved and published department of the year: frozen bytes for published, rendered for approved', async () => {
    const w = approvedWorld();
    const render = stubRenderer();
    expect(startBulkExport(w.db, w.actors.shenhe, { year: 2024 }, { renderPdf: render })).toEqual(forbidden('只有系统管理员可以批量导出'));
    expect(startBulkExport(w.db, w.actors.admin, { year: 2023 }, { renderPdf: render })).toEqual(refused('2023年度没有已批复或已公开的部门预算'));

    const started = startBulkExport(w.db, w.actors.admin, { year: 2024 }, { renderPdf: render });
    if (!started.ok) throw new Error(started.formError);
    // the row exists at once, with the total; a second start returns the same job while it runs
    expect(getExportJob(w.db, w.actors.admin, started.jobId)).toMatchObject({ year: 2024, total: 1 });
    const again = startBulkExport(w.db, w.actors.admin, { year: 2024 }, { renderPdf: render });
    expect(again).toMatchObject({ ok: true, jobId: started.jobId, existing: true });
    await started.done;
    const job = getExportJob(w.db, w.actors.admin, started.jobId)!;
    expect(job).toMatchObject({ status: 'done', progress: 1, total: 1, error: null });
    expect(render.calls).toEqual([w.archiveBudgetId]);
    const files = await readZip(exportJobResult(w.db, w.actors.admin, started.jobId)!.bytes);
    expect([...files.keys()]).toEqual(['061-泽州县档案馆-2024年部门预算公开.pdf', '061-泽州县档案馆-2024年部门预算公开表.xlsx', 'SHA256SUMS.txt']);
    const sums = files.get('SHA256SUMS.txt')!.toString();
    expect(sums).toContain(`${sha256(files.get('061-泽州县档案馆-2024年部门预算公开.pdf')!)}  061-泽州县档案馆-2024年部门预算公开.pdf`);
    expect(job.resultSize).toBeGreaterThan(1000);
    // only the administrator sees jobs and results
    expect(getExportJob(w.db, w.actors.shenhe, started.jobId)).toBeNull();
    expect(exportJobResult(w.db, w.actors.dangan, started.jobId)).toBeNull();
    expect(listExportJobs(w.db, w.actors.shenhe)).toEqual([]);

    // once published, the zip holds the frozen PDF, not a new rendering
    const pub = await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId) }, { renderPdf: render });
    if (!pub.ok) throw new Error(pub.formError);
    const calls = render.calls.length;
    const second = startBulkExport(w.db, w.actors.admin, { year: 2024 }, { renderPdf: render });
    if (!second.ok) throw new Error(second.formError);
    await second.done;
    expect(render.calls).toHaveLength(calls);
    const zipped = await readZip(exportJobResult(w.db, w.actors.admin, second.jobId)!.bytes);
    expect(zipped.get('061-泽州县档案馆-2024年部门预算公开.pdf')).toEqual(getPublishedFile(w.db, pub.snapshotId!, 'pdf')!.bytes);
    expect(listExportJobs(w.db, w.actors.admin).map((j) => j.id)).toEqual([second.jobId, started.jobId]);
  });

  it('renders through the render queue as bulk jobs, even while clerks have filled the export queue', async () => {
    const w = approvedWorld();
    // eight queued exports: the export queue is full, a ninth export would be refused
    for (const u of [w.actors.renshe, w.actors.renshe, w.actors.dangan, w.actors.dangan, w.actors.shenhe, w.actors.shenhe, w.actors.admin, w.actors.admin])
      expect(enqueueRenderJob(w.db, { kind: 'export', budgetId: w.budgetId, requestedBy: u.userId }).ok).toBe(true);
    const kinds: string[] = [];
    const worker = new RenderWorker(
      w.db,
      async (job) => {
        kinds.push(job.kind);
        return Buffer.from(`%PDF-1.4\n% ${job.kind} of ${job.budgetId}\n%%EOF\n`);
      },
      { pollMs: 5 },
    );
    worker.start();
    try {
      const started = startBulkExport(w.db, w.actors.admin, { year: 2024 }, {
        renderPdf: queuedRenderer('bulk', w.actors.admin.userId, { db: w.db, wake: () => worker.wake(), waitMs: 20_000 }),
      });
      if (!started.ok) throw new Error(started.formError);
      await started.done;
      expect(getExportJob(w.db, w.actors.admin, started.jobId)).toMatchObject({ status: 'done', error: null });
      const files = await readZip(exportJobResult(w.db, w.actors.admin, started.jobId)!.bytes);
      expect(files.get('061-泽州县档案馆-2024年部门预算公开.pdf')!.toString()).toContain(`bulk of ${w.archiveBudgetId}`);
      const bulkRows = w.db.select().from(renderJobs).where(eq(renderJobs.kind, 'bulk')).all();
      expect(bulkRows).toMatchObject([{ status: 'done', budgetId: w.archiveBudgetId, requestedBy: w.actors.admin.userId, result: null }]);
      // queued after the eight exports, claimed before them
      expect(kinds[0]).toBe('bulk');
    } finally {
      worker.stop();
      await worker.idle();
    }
  });

  it('records a failure (missing Chromium) on the job', async () => {
    const w = approvedWorld();
    const started = startBulkExport(w.db, w.actors.admin, { year: 2024 }, {
      renderPdf: async () => {
        throw new ChromiumNotFoundError('测试');
      },
    });
    if (!started.ok) throw new Error(started.formError);
    await started.done;
    expect(getExportJob(w.db, w.actors.admin, started.jobId)).toMatchObject({ status: 'failed', error: new ChromiumNotFoundError('测试').message });
    expect(exportJobResult(w.db, w.actors.admin, started.jobId)).toBeNull();
  });

  it('marks a job orphaned by a restart as failed once it is older than the limit', () => {
    const w = approvedWorld();
    const now = Date.now();
    const orphan = w.db
      .insert(exportJobs)
      .values({ kind: 'disclosure-zip', year: 2024, status: 'running', progress: 0, total: 1, createdAt: now - 3_600_000, updatedAt: now - 3_600_000 })
      .returning()
      .get();
    const fresh = w.db
      .insert(exportJobs)
      .values({ kind: 'disclosure-zip', year: 2024, status: 'running', progress: 0, total: 1, createdAt: now, updatedAt: now })
      .returning()
      .get();
    expect(failStaleJobs(w.db, now)).toBe(1);
    expect(w.db.select().from(exportJobs).where(eq(exportJobs.id, orphan.id)).get()).toMatchObject({ status: 'failed', error: INTERRUPTED_MESSAGE });
    expect(w.db.select().from(exportJobs).where(eq(exportJobs.id, fresh.id)).get()!.status).toBe('running');
  });
});
