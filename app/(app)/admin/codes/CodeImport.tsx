'use client';

import { useActionState, useState } from 'react';
import { formatWan } from '@/lib/money';
import type { AffectedLine, CodeBookDiff } from '@/lib/codebook/importDiff';
import type { CodeBookKind } from '@/lib/codebook/kinds';
import type { FormState } from '@/lib/action';
import { Button } from '@/components/ui/button';
import { SubmitButton, type Confirmation } from '@/components/ui/form';
import { Input } from '@/components/ui/input';
import { RowProblems } from '../_components/RowProblems';
import { applyCodeBookAction, previewCodeBookAction, type CodeBookPreview } from './actions';

const LEVEL = ['', '类', '款', '项'];
const SHOW = 500;
const MAX_BYTES = 5 * 1024 * 1024;

export function CodeImport({ year, kind, kindLabel }: { year: number; kind: CodeBookKind; kindLabel: string }) {
  const [preview, previewAction, previewPending] = useActionState(previewCodeBookAction, null);
  const [applied, applyAction, applyPending] = useActionState(applyCodeBookAction, null);
  const [tooBig, setTooBig] = useState<string | null>(null);
  // the preview an import was applied from: a new preview hides the old result, a successful import hides its preview
  const [appliedFrom, setAppliedFrom] = useState<FormState<CodeBookPreview>>(null);
  const appliedNow = applied !== null && appliedFrom === preview;
  const shown = preview?.ok && !(appliedNow && applied?.ok) ? preview : null;

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
          <Input
            id="codebook-file"
            name="file"
            type="file"
            required
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="mt-1 w-96"
          />
        </div>
        <Button type="submit" disabled={previewPending}>
          {previewPending ? '正在检查…' : '检查并预览'}
        </Button>
      </form>
      {tooBig ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          {tooBig}
        </p>
      ) : null}

      {preview && !preview.ok ? <RowProblems refusal={preview} /> : null}

      {shown ? (
        <section aria-label="导入预览" className="space-y-4 rounded border border-stone-200 p-4">
          <h3 className="font-bold">
            导入预览：{year}年{kindLabel}
          </h3>
          <p className="text-sm text-stone-700">
            文件“{shown.fileName}”{shown.sheetName ? `（工作表“${shown.sheetName}”）` : ''}共{' '}
            {shown.preview.diff.added.length + shown.preview.diff.renamed.length + shown.preview.diff.unchanged} 条科目；
            现有 {shown.preview.currentCount} 条。新增 {shown.preview.diff.added.length} 条，更名{' '}
            {shown.preview.diff.renamed.length} 条，删除 {shown.preview.diff.removed.length} 条，不变 {shown.preview.diff.unchanged} 条。
          </p>
          {/* the decision comes right after the counts, not below thousands of rows of tables */}
          <form
            action={(fd) => {
              setAppliedFrom(preview);
              applyAction(fd);
            }}
          >
            <input type="hidden" name="year" value={year} />
            <input type="hidden" name="kind" value={kind} />
            <input type="hidden" name="fileName" value={shown.fileName} />
            <input type="hidden" name="baseFingerprint" value={shown.preview.baseFingerprint} />
            <input type="hidden" name="codes" value={shown.codesJson} />
            <ApplyButton year={year} kindLabel={kindLabel} preview={shown} pending={applyPending} />
          </form>
          <DiffTables diff={shown.preview.diff} />
          <AffectedTable lines={shown.preview.affected} caption="受影响的预算明细（科目被更名或删除）" />
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

/**
 * 确认导入. An import that deletes codes cannot be undone from here (the old book is gone, lines keep codes that no
 * longer exist), so it asks first and says how many codes go and how many budget lines use them.
 */
function ApplyButton({ year, kindLabel, preview, pending }: { year: number; kindLabel: string; preview: CodeBookPreview; pending: boolean }) {
  const { diff, affected } = preview.preview;
  const removedCodes = new Set(diff.removed.map((r) => r.code));
  const orphaned = affected.filter((l) => removedCodes.has(l.code)).length;
  const confirm: Confirmation | undefined =
    diff.removed.length === 0
      ? undefined
      : {
          title: `删除 ${diff.removed.length} 条科目`,
          confirmLabel: '确定导入并删除',
          danger: true,
          consequence: (
            <>
              <p>
                导入后，{year}年{kindLabel}将删除 {diff.removed.length} 条科目，更名 {diff.renamed.length} 条，新增 {diff.added.length} 条。
              </p>
              <p className="mt-2">
                {orphaned > 0
                  ? `${orphaned} 条预算明细仍使用被删除的科目，导入后显示为“科目表中没有该编码”，需由部门改正。`
                  : '没有预算明细使用被删除的科目。'}
                {affected.length > orphaned ? `另有 ${affected.length - orphaned} 条预算明细的科目名称随更名改变。` : ''}
                被删除的科目不能在此恢复，只能重新导入包含它们的文件。
              </p>
            </>
          ),
        };
  return (
    <SubmitButton pending={pending} pendingText="正在导入…" confirm={confirm}>
      确认导入
    </SubmitButton>
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
