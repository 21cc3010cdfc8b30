'use client';

import { useEffect, useRef, useState } from 'react';
import { PdfExportButton } from './PdfExportButton';

type Job = { kind: 'xlsx'; startedAt: number; received: number; total: number | null } | null;

const LABEL = { xlsx: 'Excel 工作簿' } as const;

/**
 * Download buttons for the disclosure. The PDF goes through the server's render queue (PdfExportButton: its place
 * in the queue, then the download); the workbook is fetched at once, with progress (elapsed time, bytes received)
 * and a clear Chinese message when it fails.
 */
export function ExportButtons({ pdfHref, xlsxHref, fileBase }: { pdfHref: string; xlsxHref: string; fileBase: string }) {
  const [job, setJob] = useState<Job>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  useEffect(() => () => {
    if (timer.current) clearInterval(timer.current);
  }, []);

  async function download(kind: 'xlsx') {
    setError(null);
    const startedAt = Date.now();
    setJob({ kind, startedAt, received: 0, total: null });
    timer.current = setInterval(() => setNow(Date.now()), 250);
    try {
      const res = await fetch(xlsxHref);
      if (!res.ok) {
        const message = (await res.text()).slice(0, 300);
        throw new Error(message || `导出失败（${res.status}）`);
      }
      const total = Number(res.headers.get('content-length')) || null;
      const reader = res.body!.getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        setJob({ kind, startedAt, received, total });
      }
      const blob = new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${fileBase}.${kind}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : '导出失败');
    } finally {
      if (timer.current) clearInterval(timer.current);
      setJob(null);
    }
  }

  const seconds = job ? Math.max(0, Math.floor((now - job.startedAt) / 1000)) : 0;
  return (
    <div className="no-print flex flex-wrap items-center gap-3">
      <PdfExportButton href={pdfHref} fileName={`${fileBase}.pdf`} />
      {(['xlsx'] as const).map((k) => (
        <button
          key={k}
          type="button"
          onClick={() => download(k)}
          disabled={job !== null}
          className="rounded border border-brand px-3 py-1.5 text-sm text-brand hover:bg-red-50 disabled:opacity-50"
        >
          下载{LABEL[k]}
        </button>
      ))}
      {job ? (
        <span role="status" aria-live="polite" className="flex items-center gap-2 text-sm text-stone-600">
          <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-brand border-t-transparent" />
          {job.received === 0
            ? `正在生成${LABEL[job.kind]}…已用时 ${seconds} 秒`
            : `正在下载${LABEL[job.kind]}…${Math.round(job.received / 1024)} KB${job.total ? ` / ${Math.round(job.total / 1024)} KB` : ''}`}
        </span>
      ) : null}
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
