'use client';

import { useActionState, useState } from 'react';
import { formatWan } from '@/lib/money';
import type { AffectedLine, CodeBookDiff, CodeBookKind } from '@/lib/codebook/import';
import { inputClass } from '../_components/form';
import { applyCodeBookAction, previewCodeBookAction, type ApplyState, type PreviewState } from './actions';

const LEVEL = ['', '类', '款', '项'];
const SHOW = 500;
const MAX_BYTES = 5 * 1024 * 1024;

function Pending({ pending, children, pendingText }: { pending: boolean; children: React.ReactNode; pendingText: string }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="rounded bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-60"
    >
      {pending ? pendingText : children}
    </button>
  );
}

export function CodeImport({ year, kind, kindLabel }: { year: number; kind: CodeBookKind; kindLabel: string }) {
  const [preview, previewAction, previewPending] = useActionState<PreviewState, FormData>(previewCodeBookAction, null);
  const [applied, applyAction, applyPending] = useActionState<ApplyState, FormData>(applyCodeBookAction, null);
  const [tooBig, setTooBig] = useState<string | null>(null);
  // the preview an import was applied from: a new preview hides the old result, a successful import hides its preview
  const [appliedFrom, setAppliedFrom] = useState<PreviewState>(null);
  const appliedNow = applied !== null && appliedFrom === preview;
  const showPreview = preview?.stage === 'preview' && !(appliedNow && applied?.ok);

  return (
    <div className="space-y-4">
      <form
        action={previewAction}
        onSubmit={(e) => {
          const f = (e.currentTarget.elements.namedItem('file') as HTMLInputElement).files?.[0];
          if (f && f.size > MAX_BYTES) {
            e.preventDefault();
            setTooBig('文件超过 5 MB，请检查是否选错了文件');
          } else setTooBig(null);
        }}
        className="flex flex-wrap items-end gap-3"
        aria-label="上传科目文件"
      >
        <input type="hidden" name="year" value={year} />
        <input type="hidden" name="kind" value={kind} />
        <div>
          <label htmlFor="codebook-file" className="block text-sm font-medium text-stone-700">
            科目文件（CSV 或 xlsx）
          </label>
          <input
            id="codebook-file"
            name="file"
            type="file"
            required
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className={inputClass + ' w-96'}
          />
        </div>
        <Pending pending={previewPending} pendingText="正在检查…">
          检查并预览
        </Pending>
      </form>
      {tooBig ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          {tooBig}
        </p>
      ) : null}

      {preview?.stage === 'error' ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          {preview.formError}
        </p>
      ) : null}

      {preview?.stage === 'problems' ? (
        <div role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-medium">
            {preview.formError ?? `文件“${preview.fileName}”有 ${preview.problemCount} 处问题，未导入。请修改后重新上传：`}
          </p>
          {preview.problems.length > 0 ? (
            <table aria-label="文件中的问题" className="mt-2 w-full border-collapse text-left">
              <thead>
                <tr className="border-b border-red-200">
                  <th scope="col" className="w-20 p-1">行号</th>
                  <th scope="col" className="p-1">问题</th>
                </tr>
              </thead>
              <tbody>
                {preview.problems.map((p, i) => (
                  <tr key={i} className="border-b border-red-100">
                    <td className="p-1 font-mono">第 {p.row} 行</td>
                    <td className="p-1">{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {preview.problemCount > preview.problems.length ? (
            <p className="mt-2">……仅列出前 {preview.problems.length} 处。</p>
          ) : null}
        </div>
      ) : null}

      {showPreview && preview?.stage === 'preview' ? (
        <section aria-label="导入预览" className="space-y-4 rounded border border-stone-200 p-4">
          <h3 className="font-bold">
            导入预览：{year}年{kindLabel}
          </h3>
          <p className="text-sm text-stone-700">
            文件“{preview.fileName}”{preview.sheetName ? `（工作表“${preview.sheetName}”）` : ''}共{' '}
            {preview.preview.diff.added.length + preview.preview.diff.renamed.length + preview.preview.diff.unchanged} 条科目；
            现有 {preview.preview.currentCount} 条。新增 {preview.preview.diff.added.length} 条，更名{' '}
            {preview.preview.diff.renamed.length} 条，删除 {preview.preview.diff.removed.length} 条，不变 {preview.preview.diff.unchanged} 条。
          </p>
          <DiffTables diff={preview.preview.diff} />
          <AffectedTable lines={preview.preview.affected} caption="受影响的预算明细（科目被更名或删除）" />
          <form
            action={(fd) => {
              setAppliedFrom(preview);
              applyAction(fd);
            }}
          >
            <input type="hidden" name="year" value={year} />
            <input type="hidden" name="kind" value={kind} />
            <input type="hidden" name="fileName" value={preview.fileName} />
            <input type="hidden" name="baseFingerprint" value={preview.preview.baseFingerprint} />
            <input type="hidden" name="codes" value={preview.codesJson} />
            <Pending pending={applyPending} pendingText="正在导入…">
              确认导入
            </Pending>
          </form>
        </section>
      ) : null}

      {appliedNow && applied && !applied.ok ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          {applied.formError}
        </p>
      ) : null}
      {appliedNow && applied?.ok ? (
        <section aria-label="导入结果" className="space-y-3 rounded border border-green-200 bg-green-50 p-4">
          <p role="status" className="text-sm text-green-900">
            已导入 {applied.year}年{kindLabel} {applied.result.total} 条：新增 {applied.result.diff.added.length} 条，更名{' '}
            {applied.result.diff.renamed.length} 条，删除 {applied.result.diff.removed.length} 条。
            {applied.result.affected.length > 0
              ? `以下 ${applied.result.affected.length} 条预算明细使用了被更名或删除的科目，请通知相关部门核对：`
              : '没有预算明细受到影响。'}
          </p>
          <AffectedTable lines={applied.result.affected} caption="需通知部门核对的预算明细" />
        </section>
      ) : null}
    </div>
  );
}

function DiffTables({ diff }: { diff: CodeBookDiff }) {
  return (
    <div className="space-y-4 text-sm">
      {diff.renamed.length > 0 ? (
        <table aria-label="更名的科目" className="w-full border-collapse bg-white">
          <caption className="p-1 text-left font-medium">更名的科目（{diff.renamed.length}）</caption>
          <thead>
            <tr className="border-b border-stone-300 text-left">
              <th scope="col" className="p-1">编码</th>
              <th scope="col" className="p-1">级次</th>
              <th scope="col" className="p-1">原名称</th>
              <th scope="col" className="p-1">新名称</th>
            </tr>
          </thead>
          <tbody>
            {diff.renamed.slice(0, SHOW).map((r) => (
              <tr key={r.code} className="border-b border-stone-100">
                <td className="p-1 font-mono">{r.code}</td>
                <td className="p-1">{LEVEL[r.level]}</td>
                <td className="p-1">{r.oldName}</td>
                <td className="p-1">{r.newName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {diff.removed.length > 0 ? (
        <CodeList title={`删除的科目（${diff.removed.length}）`} rows={diff.removed} />
      ) : null}
      {diff.added.length > 0 ? <CodeList title={`新增的科目（${diff.added.length}）`} rows={diff.added} /> : null}
    </div>
  );
}

function CodeList({ title, rows }: { title: string; rows: { code: string; name: string; level: number }[] }) {
  return (
    <details open={rows.length <= 50}>
      <summary className="cursor-pointer font-medium">{title}</summary>
      <table aria-label={title} className="mt-1 w-full border-collapse bg-white">
        <tbody>
          {rows.slice(0, SHOW).map((r) => (
            <tr key={r.code} className="border-b border-stone-100">
              <td className="w-28 p-1 font-mono">{r.code}</td>
              <td className="w-12 p-1">{LEVEL[r.level]}</td>
              <td className="p-1">{r.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOW ? <p className="p-1 text-stone-500">……另有 {rows.length - SHOW} 条未列出</p> : null}
    </details>
  );
}

export function AffectedTable({ lines, caption }: { lines: AffectedLine[]; caption: string }) {
  if (lines.length === 0) return <p className="text-sm text-stone-600">{caption}：无。</p>;
  return (
    <table aria-label={caption} className="w-full border-collapse bg-white text-sm">
      <caption className="p-1 text-left font-medium">
        {caption}（{lines.length}）
      </caption>
      <thead>
        <tr className="border-b border-stone-300 text-left">
          <th scope="col" className="p-1">部门</th>
          <th scope="col" className="p-1">明细</th>
          <th scope="col" className="p-1">科目</th>
          <th scope="col" className="p-1">变化</th>
          <th scope="col" className="p-1 text-right">金额（万元）</th>
        </tr>
      </thead>
      <tbody>
        {lines.slice(0, SHOW).map((l, i) => (
          <tr key={i} className="border-b border-stone-100">
            <td className="p-1">
              {l.departmentCode} {l.departmentName}
            </td>
            <td className="p-1">
              {l.kind === 'basic' ? `基本支出 · ${l.unitName}` : `项目支出 · ${l.unitName} · ${l.projectName}`}
            </td>
            <td className="p-1 font-mono">{l.code}</td>
            <td className="p-1">
              {l.oldName === ''
                ? '科目表中没有该编码'
                : l.newName === null
                  ? `已删除（原“${l.oldName}”）`
                  : `“${l.oldName}”改为“${l.newName}”`}
            </td>
            <td className="num p-1">{formatWan(l.amount)}</td>
          </tr>
        ))}
      </tbody>
      {lines.length > SHOW ? (
        <tfoot>
          <tr>
            <td colSpan={5} className="p-1 text-stone-500">
              ……另有 {lines.length - SHOW} 条未列出
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
