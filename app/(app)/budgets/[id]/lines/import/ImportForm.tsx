'use client';

/** Upload → preview with every row's errors → confirm → all lines replaced (or nothing). */
import { useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import type { ImportResponse } from './upload/route';

export function ImportForm({ budgetId }: { budgetId: number }) {
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportResponse | null>(null);
  const [done, setDone] = useState<ImportResponse | null>(null);
  const [pending, startTransition] = useTransition();

  async function post(mode: 'preview' | 'commit', f: File, baseVersion?: number): Promise<ImportResponse> {
    const body = new FormData();
    body.set('mode', mode);
    body.set('file', f);
    if (baseVersion !== undefined) body.set('baseVersion', String(baseVersion));
    try {
      const res = await fetch(`/budgets/${budgetId}/lines/import/upload`, { method: 'POST', body });
      if (res.headers.get('content-type')?.includes('application/json')) return (await res.json()) as ImportResponse;
      return { ok: false, mode, errors: [res.status === 413 ? '文件超过 5 MB' : `上传失败（${res.status}）`] };
    } catch {
      return { ok: false, mode, errors: ['上传失败：无法连接服务器，请检查网络后重试'] };
    }
  }

  function choose(f: File | null) {
    setFile(f);
    setPreview(null);
    setDone(null);
    if (f) startTransition(async () => setPreview(await post('preview', f)));
  }

  function confirm() {
    if (!file || !preview?.ok) return;
    startTransition(async () => {
      const r = await post('commit', file, preview.baseVersion);
      if (r.ok) {
        setDone(r);
        setPreview(null);
        setFile(null);
        if (fileRef.current) fileRef.current.value = '';
        router.refresh();
      } else setPreview({ ...r, ok: false });
    });
  }

  return (
    <div className="mt-6 space-y-4">
      <div>
        <label htmlFor="lines-file" className="block text-sm font-medium">
          选择 xlsx 文件
        </label>
        <input
          ref={fileRef}
          id="lines-file"
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
          className="mt-1 block text-sm"
        />
      </div>
      {pending ? <p className="text-sm text-stone-500">正在处理…</p> : null}
      {done ? (
        <p role="status" className="rounded bg-green-50 px-3 py-2 text-sm text-green-800">
          已导入 {done.count} 行，合计 {done.totalText} 元。
          <a href={`/budgets/${budgetId}/lines`} className="ml-2 text-brand hover:underline">
            查看基本支出
          </a>
        </p>
      ) : null}
      {preview ? (
        <section aria-label="导入预览" className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
          <h2 className="font-medium">
            预览：{preview.fileName}
            {preview.sheetName ? `（工作表“${preview.sheetName}”）` : ''}
          </h2>
          {preview.errors.length ? (
            <div role="alert" className="mt-2 rounded bg-red-50 px-3 py-2 text-red-800">
              <p className="font-medium">发现 {preview.errors.length} 处错误，未导入任何数据。请在文件中更正后重新上传：</p>
              <ul className="mt-1 list-disc pl-5" data-testid="import-errors">
                {preview.errors.slice(0, 500).map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
              {preview.errors.length > 500 ? <p className="mt-1">另有 {preview.errors.length - 500} 处错误未列出</p> : null}
            </div>
          ) : (
            <p className="mt-2">
              共 {preview.count} 行，合计 {preview.totalText} 元；将替换当前的 {preview.current?.count} 行（合计 {preview.current?.totalText} 元）。
            </p>
          )}
          {preview.preview?.length ? (
            <div className="mt-3 max-h-96 overflow-auto">
              <table className="w-full" aria-label="导入行预览">
                <thead className="sticky top-0 bg-stone-100 text-left">
                  <tr>
                    <th className="px-2 py-1">行</th>
                    <th className="px-2 py-1">单位</th>
                    <th className="px-2 py-1">功能科目</th>
                    <th className="px-2 py-1">经济科目</th>
                    <th className="px-2 py-1">资金来源</th>
                    <th className="px-2 py-1 text-right">金额（元）</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.preview.map((r) => (
                    <tr key={r.row} className="border-b border-stone-100">
                      <td className="px-2 py-1 text-stone-500">{r.row}</td>
                      <td className="px-2 py-1">{r.unit}</td>
                      <td className="px-2 py-1">{r.functionCode}</td>
                      <td className="px-2 py-1">{r.economicCode}</td>
                      <td className="px-2 py-1">{r.source}</td>
                      <td className="num px-2 py-1">{r.amount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {(preview.count ?? 0) > preview.preview.length ? (
                <p className="mt-1 text-stone-500">仅显示前 {preview.preview.length} 行</p>
              ) : null}
            </div>
          ) : null}
          <div className="mt-3 flex gap-3">
            <button
              type="button"
              onClick={confirm}
              disabled={pending || !preview.ok}
              className="rounded bg-brand px-3 py-1.5 font-medium text-white hover:bg-brand-dark disabled:opacity-50"
            >
              确认导入（替换全部基本支出）
            </button>
            <button type="button" onClick={() => choose(null)} className="text-stone-600 hover:underline">
              取消
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
