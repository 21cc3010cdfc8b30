'use client';

/**
 * Upload one or many disclosures (PDF, xlsx) to check: each file is sent on its own (bounded by the server's upload
 * limit before any byte is read), then the queue's state is polled until every file is checked. Sizes and the count
 * are decided here before anything is sent, and again by the server.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field';
import { JOB_STATUS_LABEL, isJobActive, type JobStatus } from '@/lib/jobStatus';
import { CHECK_UPLOAD_PATH, checkStatusPath } from '@/lib/routes';

export interface CheckRow {
  id: number;
  fileName: string;
  status: JobStatus;
  position: number | null;
  error: string | null;
  href: string;
  summary: { profileLabel: string; department: string | null; year: number | null; error: number; warning: number; info: number; notChecked: number } | null;
}

interface Props {
  rows: CheckRow[];
  maxBytes: number;
  maxFiles: number;
}

const MB = 1024 * 1024;

/** Later states win: a poll older than the page's render never moves a file back. */
const RANK: Record<JobStatus, number> = { queued: 0, running: 1, done: 2, failed: 2 };

export function CheckUpload({ rows: initial, maxBytes, maxFiles }: Props) {
  const router = useRouter();
  const [live, setLive] = useState<Record<number, { status: JobStatus; position: number | null }>>({});
  const rows = initial.map((r) => {
    const l = live[r.id];
    return l && RANK[l.status] > RANK[r.status] ? { ...r, ...l } : l && l.status === r.status ? { ...r, position: l.position } : r;
  });
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const active = rows.filter((r) => isJobActive(r.status)).map((r) => r.id);
  const activeKey = active.join(',');
  useEffect(() => {
    if (!activeKey) return;
    const ids = activeKey.split(',').map(Number);
    const timer = setInterval(async () => {
      try {
        const res = await fetch(checkStatusPath(ids), { cache: 'no-store' });
        if (!res.ok) return;
        const body = (await res.json()) as { jobs: { id: number; status: JobStatus; position: number | null }[] };
        setLive((old) => ({ ...old, ...Object.fromEntries(body.jobs.map((j) => [j.id, { status: j.status, position: j.position }])) }));
        if (body.jobs.some((j) => !isJobActive(j.status))) router.refresh();
      } catch {
        // the next poll tries again
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [activeKey, router]);

  async function upload() {
    const files = [...(input.current?.files ?? [])];
    setError(null);
    if (files.length === 0) return setError('请选择要核查的 PDF 或 xlsx 文件');
    if (files.length > maxFiles) return setError(`一次最多上传 ${maxFiles} 个文件`);
    const big = files.find((f) => f.size > maxBytes);
    if (big) return setError(`“${big.name}”超过 ${maxBytes / MB} MB，无法核查`);
    for (const f of files) {
      setSending(f.name);
      const form = new FormData();
      form.set('file', f);
      try {
        const res = await fetch(CHECK_UPLOAD_PATH, { method: 'POST', body: form });
        const body = (await res.json()) as { ok: boolean; jobId?: number; error?: string };
        if (!body.ok || !body.jobId) {
          setError(body.error ?? `“${f.name}”上传失败`);
          break;
        }
      } catch {
        setError(`“${f.name}”上传失败：无法连接服务器`);
        break;
      }
    }
    setSending(null);
    if (input.current) input.current.value = '';
    router.refresh();
  }

  return (
    <div>
      <div className="flex flex-wrap items-end gap-3 rounded border border-stone-200 bg-white p-3">
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor="check-files">选择文件（PDF 或 xlsx，可多选，每个不超过 {maxBytes / MB} MB，一次最多 {maxFiles} 个）</label>
          <input ref={input} id="check-files" type="file" multiple accept=".pdf,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
        </div>
        <Button onClick={upload} disabled={sending !== null}>
          {sending ? `正在上传“${sending}”…` : '上传并核查'}
        </Button>
        <FieldError message={error} />
      </div>
      <table className="mt-4 w-full border-collapse bg-white text-sm" aria-label="核查记录">
        <thead>
          <tr className="border-b border-stone-300 text-left">
            <th scope="col" className="p-2">文件</th>
            <th scope="col" className="p-2">状态</th>
            <th scope="col" className="p-2">格式</th>
            <th scope="col" className="p-2">部门</th>
            <th scope="col" className="p-2">年度</th>
            <th scope="col" className="p-2 text-right">错误</th>
            <th scope="col" className="p-2 text-right">警告</th>
            <th scope="col" className="p-2 text-right">未能核查</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={8} className="p-2 text-stone-500">
                还没有核查记录
              </td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-stone-100" data-testid={`check-${r.id}`}>
              <td className="p-2">
                {r.status === 'done' ? (
                  <Link href={r.href} className="text-brand underline">
                    {r.fileName}
                  </Link>
                ) : (
                  r.fileName
                )}
              </td>
              <td className="p-2" data-testid="check-status">
                {JOB_STATUS_LABEL[r.status]}
                {r.status === 'queued' && r.position ? `（第 ${r.position} 位）` : ''}
                {r.error ? <span className="ml-1 text-red-700">{r.error}</span> : null}
              </td>
              <td className="p-2">{r.summary?.profileLabel ?? ''}</td>
              <td className="p-2">{r.summary?.department ?? ''}</td>
              <td className="p-2">{r.summary?.year ?? ''}</td>
              <td className="p-2 text-right">{r.summary?.error ?? ''}</td>
              <td className="p-2 text-right">{r.summary?.warning ?? ''}</td>
              <td className="p-2 text-right">{r.summary?.notChecked ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
