import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../auth/authorize';
import { seededWorld } from '../budget/edit/testing';
import { pdfExportState, requestPdfExport, takePdfExport } from './exports';
import { claimRenderJob, completeRenderJob } from './renderJobs';

describe('a reader’s PDF export', () => {
  it('is queued for one who may read the budget, and refused (403) for another department’s clerk, writing nothing', () => {
    const w = seededWorld();
    const r = requestPdfExport(w.db, w.actors.renshe, w.budgetId);
    expect(r).toMatchObject({ ok: true });
    expect(() => requestPdfExport(w.db, w.actors.dangan, w.budgetId)).toThrow(ForbiddenError);
    expect(requestPdfExport(w.db, w.actors.renshe, w.budgetId).ok).toBe(true);
    expect(requestPdfExport(w.db, w.actors.renshe, w.budgetId)).toMatchObject({ ok: false, refusal: { message: '您已有 2 个 PDF 正在生成，请等待完成' } });
  });

  it('is seen and downloaded only by its requester, under its own budget, once', () => {
    const w = seededWorld();
    const r = requestPdfExport(w.db, w.actors.shenhe, w.budgetId);
    if (!r.ok) throw new Error(r.refusal.message);
    expect(pdfExportState(w.db, w.actors.shenhe, w.budgetId, r.jobId)).toMatchObject({ status: 'queued', text: '排队中（前面还有 0 个）', downloadable: false });
    // another reader of the same budget, the administrator, the budget's own clerk: not found
    for (const a of [w.actors.admin, w.actors.renshe]) {
      expect(pdfExportState(w.db, a, w.budgetId, r.jobId)).toBeNull();
      expect(takePdfExport(w.db, a, w.budgetId, r.jobId)).toBeNull();
    }
    // under another budget: the requester may read it, but the job is not there
    expect(pdfExportState(w.db, w.actors.shenhe, w.archiveBudgetId, r.jobId)).toBeNull();
    // another department's clerk is refused the budget itself
    expect(() => pdfExportState(w.db, w.actors.dangan, w.budgetId, r.jobId)).toThrow(ForbiddenError);

    const job = claimRenderJob(w.db, 'p')!;
    expect(pdfExportState(w.db, w.actors.shenhe, w.budgetId, r.jobId)).toMatchObject({ status: 'running', text: '正在生成…' });
    completeRenderJob(w.db, job.id, 'p', Buffer.from('%PDF-1.4 x'));
    expect(pdfExportState(w.db, w.actors.shenhe, w.budgetId, r.jobId)).toMatchObject({ status: 'done', downloadable: true });
    expect(takePdfExport(w.db, w.actors.renshe, w.budgetId, r.jobId)).toBeNull();
    expect(takePdfExport(w.db, w.actors.shenhe, w.budgetId, r.jobId)!.pdf.toString()).toBe('%PDF-1.4 x');
    expect(takePdfExport(w.db, w.actors.shenhe, w.budgetId, r.jobId)).toBeNull();
    expect(pdfExportState(w.db, w.actors.shenhe, w.budgetId, r.jobId)).toMatchObject({ downloadable: false, text: 'PDF 已下载或已过期，请重新导出' });
  });
});
