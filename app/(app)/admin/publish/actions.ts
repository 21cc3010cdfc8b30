'use server';

/**
 * Bulk export: starts the job (it runs in-process after the row is created) and returns its id. Each budget's PDF is
 * a `bulk` job of the render queue, ahead of clerks' exports.
 */
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { startBulkExport } from '@/lib/publish/bulk';
import { queuedRenderer } from '@/lib/publish/render';

export async function startExportAction(input: { year: number }): Promise<{ ok: true; jobId: number } | { ok: false; message: string }> {
  const actor = await requireActor();
  const r = startBulkExport(getDb(), actor, input, { renderPdf: queuedRenderer('bulk', actor.userId) });
  if (!r.ok) return r;
  revalidatePath('/admin/publish');
  return { ok: true, jobId: r.jobId };
}
