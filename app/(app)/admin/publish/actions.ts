'use server';

/**
 * Bulk export: starts the job (it runs in-process after the row is created) and returns its id. Each budget's PDF is
 * a `bulk` job of the render queue, ahead of clerks' exports.
 */
import { action } from '@/lib/action';
import { startBulkExport } from '@/lib/publish/bulk';
import { queuedRenderer } from '@/lib/publish/render';
import { ok } from '@/lib/result';
import { ADMIN_PUBLISH_PATH } from '@/lib/routes';

export const startExportAction = action(
  ({ db, actor }, input: { year: number }) => {
    const r = startBulkExport(db, actor, input, { renderPdf: queuedRenderer('bulk', actor.userId) });
    // the page follows the job by its id; the job's end (a promise) stays on the server
    return r.ok ? ok({ jobId: r.jobId }) : r;
  },
  { revalidate: () => [ADMIN_PUBLISH_PATH] },
);
