'use server';

/** Bulk export: starts the job (it runs in-process after the row is created) and returns its id. */
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import { startBulkExport } from '@/lib/publish/bulk';
import { renderBudgetPdf } from '@/lib/publish/render';

export async function startExportAction(input: { year: number }): Promise<{ ok: true; jobId: number } | { ok: false; message: string }> {
  const r = startBulkExport(getDb(), await requireActor(), input, { renderPdf: renderBudgetPdf });
  if (!r.ok) return r;
  revalidatePath('/admin/publish');
  return { ok: true, jobId: r.jobId };
}
