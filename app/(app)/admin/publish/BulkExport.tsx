'use client';

/**
 * Bulk export with a progress display that survives a page reload: the job's state lives in the database; this
 * component polls it every second while it is queued or running (the page passes the latest job in, so a reload
 * picks up where it was).
 */
import { useEffect, useState } from 'react';
import type { ExportJobView } from '@/lib/publish/bulk';
import { isJobActive, JOB_STATUS_LABEL } from '@/lib/jobStatus';
import { refusalMessage } from '@/lib/result';
import { exportJobDownloadPath, exportJobPath } from '@/lib/routes';
import { Button } from '@/components/ui/button';
import { useEditAction } from '@/components/ui/useEditAction';
import { startExportAction } from './actions';


export function BulkExport({ year, candidates, initialJob }: { year: number; candidates: number; initialJob: ExportJobView | null }) {
  const [job, setJob] = useState<ExportJobView | null>(initialJob);
  const [jobId, setJobId] = useState<number | null>(initialJob?.id ?? null);
  const [message, setMessage] = useState<string | null>(null);
  const { submit, pending } = useEditAction(startExportAction);
  const active = job ? isJobActive(job.status) : jobId !== null;

  useEffect(() => {
    if (jobId === null || !active) return;
    let stopped = false;
    const tick = async () => {
      try {
        const res = await fetch(exportJobPath(jobId), { cache: 'no-store' });
        if (!res.ok) return;
        const next = (await res.json()) as ExportJobView;
        if (!stopped) setJob(next);
      } catch {
        // the next tick tries again
      }
    };
    void tick();
    const timer = setInterval(tick, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [jobId, active]);

  function start() {
    setMessage(null);
    submit({ year }, (r) => {
      if (!r.ok) setMessage(refusalMessage(r));
      else {
        setJob(null);
        setJobId(r.jobId);
      }
    });
  }

  const pct = job && job.total > 0 ? Math.round((job.progress / job.total) * 100) : 0;
  return (
    <section aria-label="批量导出" data-testid="bulk-export" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 text-sm">
      <h2 className="text-base font-medium">批量导出</h2>
      <p className="mt-1 text-stone-600">
        {year}年度已批复和已公开的部门预算共 {candidates} 个，打包为一个压缩文件（每个部门一份 PDF 和一份 Excel 工作簿，附 SHA256SUMS 校验清单）。已公开的部门使用冻结的公开文件。
      </p>
      <Button className="mt-3" disabled={pending || active || candidates === 0} onClick={start}>
        {active ? '导出进行中…' : '开始批量导出'}
      </Button>
      {message ? (
        <p role="alert" className="mt-2 rounded bg-red-50 px-3 py-1.5 text-red-800">
          {message}
        </p>
      ) : null}
      {job || jobId !== null ? (
        <div className="mt-3" data-testid="export-job" data-status={job?.status ?? 'queued'}>
          <p>
            导出任务 #{job?.id ?? jobId}：<span data-testid="export-status">{JOB_STATUS_LABEL[job?.status ?? 'queued']}</span>
            {job ? (
              <span className="ml-2" data-testid="export-progress">
                {job.progress} / {job.total}
              </span>
            ) : null}
          </p>
          <progress className="mt-1 h-2 w-full max-w-md" max={100} value={pct} aria-label="导出进度" />
          {job?.status === 'done' ? (
            <p className="mt-2">
              <a href={exportJobDownloadPath(job.id)} className="text-brand underline" data-testid="export-download">
                下载压缩包
              </a>
              {job.resultSize ? <span className="ml-2 text-stone-500">{(job.resultSize / 1024 / 1024).toFixed(2)} MB</span> : null}
            </p>
          ) : null}
          {job?.status === 'failed' ? (
            <p role="alert" className="mt-2 rounded bg-red-50 px-3 py-1.5 text-red-800">
              {job.error}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
