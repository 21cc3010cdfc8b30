'use client';

/**
 * The disclosure's PDF export: starts a job of the server's render queue, follows it (`排队中（前面还有 N 个）`,
 * `正在生成…`) in a live region, and offers the download once the PDF is ready. A refusal (two PDFs of one's own
 * already in the queue, or the queue full) and a failure are shown in Chinese as the server words them.
 */
import { useEffect, useRef, useState } from 'react';
import type { JobStatus } from '@/lib/jobStatus';

type State =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'waiting'; jobId: number; text: string }
  | { phase: 'ready'; jobId: number }
  | { phase: 'downloaded' }
  | { phase: 'error'; message: string };

interface JobView {
  status: JobStatus;
  text: string;
  error: string | null;
  downloadable: boolean;
}

const POLL_MS = 1000;

async function errorText(res: Response, fallback: string): Promise<string> {
  try {
    const body = (await res.json()) as { error?: string };
    return body.error ?? fallback;
  } catch {
    return fallback;
  }
}

/** `href` is the export route (`/budgets/[id]/export/pdf`); its jobs are under `${href}/jobs/[jobId]`. */
export function PdfExportButton({ href, fileName }: { href: string; fileName: string }) {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const stopped = useRef(false);
  const jobId = state.phase === 'waiting' ? state.jobId : null;

  useEffect(() => {
    stopped.current = false;
    return () => {
      stopped.current = true;
    };
  }, []);

  useEffect(() => {
    if (jobId === null) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let cancelled = false;
    const poll = async () => {
      try {
        const res = await fetch(`${href}/jobs/${jobId}`, { cache: 'no-store' });
        if (cancelled) return;
        if (!res.ok) {
          setState({ phase: 'error', message: await errorText(res, `查询导出状态失败（${res.status}）`) });
          return;
        }
        const job = (await res.json()) as JobView;
        if (cancelled) return;
        if (job.status === 'failed') return setState({ phase: 'error', message: job.error ?? job.text });
        if (job.status === 'done') return setState(job.downloadable ? { phase: 'ready', jobId } : { phase: 'error', message: job.text });
        setState({ phase: 'waiting', jobId, text: job.text });
      } catch {
        // a network hiccup: the next poll tries again
      }
      if (!cancelled) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, 300);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [href, jobId]);

  async function start() {
    setState({ phase: 'starting' });
    try {
      const res = await fetch(href, { method: 'POST' });
      if (stopped.current) return;
      if (res.status === 202) {
        const { jobId: id } = (await res.json()) as { jobId: number };
        setState({ phase: 'waiting', jobId: id, text: '排队中…' });
        return;
      }
      const message = await errorText(res, `导出失败（${res.status}）`);
      const retry = Number(res.headers.get('retry-after'));
      setState({ phase: 'error', message: res.status === 429 && retry > 0 ? `${message}（约 ${retry} 秒后可重试）` : message });
    } catch {
      setState({ phase: 'error', message: '网络错误，导出未开始，请重试' });
    }
  }

  const busy = state.phase === 'starting' || state.phase === 'waiting';
  const status =
    state.phase === 'starting'
      ? '正在提交导出…'
      : state.phase === 'waiting'
        ? state.text
        : state.phase === 'ready'
          ? 'PDF 已生成'
          : state.phase === 'downloaded'
            ? 'PDF 已下载'
            : '';
  return (
    <span className="flex flex-wrap items-center gap-2" data-testid="pdf-export" data-phase={state.phase}>
      <button
        type="button"
        onClick={start}
        disabled={busy}
        className="rounded border border-brand px-3 py-1.5 text-sm text-brand hover:bg-red-50 disabled:opacity-50"
      >
        下载PDF
      </button>
      <span role="status" aria-live="polite" className="flex items-center gap-2 text-sm text-stone-600" data-testid="pdf-export-status">
        {busy ? <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-brand border-t-transparent" aria-hidden="true" /> : null}
        {status}
      </span>
      {state.phase === 'ready' ? (
        <a
          href={`${href}/jobs/${state.jobId}/download`}
          download={fileName}
          className="text-sm text-brand underline"
          onClick={() => setTimeout(() => setState({ phase: 'downloaded' }), 0)}
        >
          保存 PDF 文件
        </a>
      ) : null}
      {state.phase === 'error' ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
    </span>
  );
}
