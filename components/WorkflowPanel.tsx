'use client';

/**
 * The workflow of one budget for the signed-in role: the clerk explains warnings and submits (or withdraws); the
 * reviewer returns with a reason or approves; the administrator publishes or publishes a correction. Every button
 * calls a server action that decides through lib/workflow (the panel only offers what the role could do; the
 * domain layer refuses the rest with its message). Below: the status history (who, when, why).
 */
import Link from 'next/link';
import { useState, useTransition } from 'react';
import type { BudgetStatus, Role } from '@/lib/auth/authorize';
import type { WorkflowAction } from '@/lib/workflow/transitions';
import type { WorkflowResult } from '@/lib/workflow/actions';
import {
  approveAction,
  correctAction,
  publishAction,
  returnAction,
  saveExplanationsAction,
  submitAction,
  withdrawAction,
} from '@/app/(app)/budgets/[id]/workflow-actions';
import { StatusBadge } from './StatusBadge';

export interface PanelFinding {
  key: string;
  message: string;
  href: string;
}

export interface PanelWarning extends PanelFinding {
  explanation: string;
}

export interface PanelStep {
  id: number;
  label: string;
  by: string | null;
  at: string;
  reason: string | null;
}

export interface WorkflowPanelProps {
  budgetId: number;
  version: number;
  status: BudgetStatus;
  role: Role;
  /** The actions the role may take in this state (lib/workflow/transitions availableActions). */
  available: WorkflowAction[];
  counts: { error: number; warning: number; info: number };
  errors: PanelFinding[];
  warnings: PanelWarning[];
  history: PanelStep[];
  /** The reviewer's reason when the budget is returned. */
  returnReason: string | null;
  links: { review?: string; history: string; publicPage?: string | null; adminPublish?: string };
  /** Approved at (formatted), for the 20-day rule. */
  approvedAt?: string | null;
}

type Message = { ok: boolean; text: string } | null;

const btn = 'rounded px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50';
const primary = `${btn} bg-brand text-white hover:bg-brand-dark`;
const secondary = `${btn} border border-stone-300 bg-white hover:bg-stone-100`;

const SUCCESS: Record<WorkflowAction, string> = {
  submit: '已报送，等待财政局审核',
  withdraw: '已撤回报送',
  return: '已退回部门修改',
  approve: '已批复',
  publish: '已公开',
  correct: '已发布更正',
};

export function WorkflowPanel(p: WorkflowPanelProps) {
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<WorkflowAction | 'save' | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [explanations, setExplanations] = useState<Record<string, string>>(() =>
    Object.fromEntries(p.warnings.map((w) => [w.key, w.explanation])),
  );
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const can = (a: WorkflowAction) => p.available.includes(a);
  const ref = { budgetId: p.budgetId, version: p.version };

  function act(action: WorkflowAction, call: () => Promise<WorkflowResult>) {
    setMessage(null);
    setBusy(action);
    startTransition(async () => {
      try {
        const r = await call();
        setMessage(r.ok ? { ok: true, text: SUCCESS[action] } : { ok: false, text: r.message });
        if (r.ok) {
          setReason('');
          setNote('');
        }
      } catch {
        setMessage({ ok: false, text: '网络错误，操作未完成，请重试' });
      } finally {
        setBusy(null);
      }
    });
  }

  function save() {
    setMessage(null);
    setBusy('save');
    startTransition(async () => {
      try {
        const r = await saveExplanationsAction({ budgetId: p.budgetId, explanations });
        setMessage(r.ok ? { ok: true, text: r.saved ? `已保存 ${r.saved} 条说明` : '说明没有变化' } : { ok: false, text: r.message });
      } catch {
        setMessage({ ok: false, text: '网络错误，说明未保存，请重试' });
      } finally {
        setBusy(null);
      }
    });
  }

  const clerkEditing = can('submit');
  return (
    <section aria-label="审核流程" data-testid="workflow-panel" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-base font-medium">审核流程</h2>
        <span data-testid="workflow-status">
          <StatusBadge status={p.status} />
        </span>
        <span className="text-stone-500">版本 {p.version}</span>
        {p.approvedAt ? <span className="text-stone-500">批复时间 {p.approvedAt}</span> : null}
        <span className="ml-auto flex flex-wrap gap-3">
          {p.links.review ? (
            <Link href={p.links.review} className="text-brand underline">
              审核页
            </Link>
          ) : null}
          <Link href={p.links.history} className="text-brand underline">
            修改历史与版本
          </Link>
          {p.links.adminPublish ? (
            <Link href={p.links.adminPublish} className="text-brand underline">
              公开与导出
            </Link>
          ) : null}
          {p.links.publicPage ? (
            <Link href={p.links.publicPage} className="text-brand underline">
              公开页面
            </Link>
          ) : null}
        </span>
      </div>

      {p.status === 'returned' && p.returnReason ? (
        <p className="mt-3 rounded bg-amber-50 px-3 py-2 text-amber-900" data-testid="return-reason">
          退回原因：{p.returnReason}
        </p>
      ) : null}

      {clerkEditing ? (
        <div className="mt-4 space-y-3">
          {p.errors.length ? (
            <div className="rounded bg-red-50 px-3 py-2 text-red-800" data-testid="blocking-errors">
              <p className="font-medium">尚有 {p.errors.length} 条错误，须更正后才能报送：</p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {p.errors.map((e) => (
                  <li key={e.key}>
                    <Link href={e.href} className="underline">
                      {e.message}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {p.warnings.length ? (
            <fieldset className="rounded border border-amber-200 p-3" data-testid="warning-explanations">
              <legend className="px-1 font-medium text-amber-900">警告说明（报送前须逐条说明，共 {p.warnings.length} 条）</legend>
              <ol className="space-y-3">
                {p.warnings.map((w, i) => (
                  <li key={w.key}>
                    <label htmlFor={`expl-${i}`} className="block text-stone-700">
                      <span className="mr-1 font-medium">{i + 1}.</span>
                      {w.message}{' '}
                      <Link href={w.href} className="text-brand underline">
                        查看
                      </Link>
                    </label>
                    <textarea
                      id={`expl-${i}`}
                      aria-label={`第${i + 1}条警告的说明`}
                      className="mt-1 w-full rounded border border-stone-300 px-2 py-1"
                      rows={2}
                      maxLength={2000}
                      value={explanations[w.key] ?? ''}
                      onChange={(e) => setExplanations((x) => ({ ...x, [w.key]: e.target.value }))}
                    />
                  </li>
                ))}
              </ol>
            </fieldset>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {p.warnings.length ? (
              <button type="button" className={secondary} disabled={pending} onClick={save}>
                {busy === 'save' ? '保存中…' : '保存说明'}
              </button>
            ) : null}
            <button
              type="button"
              className={primary}
              disabled={pending}
              onClick={() => act('submit', () => submitAction({ ...ref, explanations }))}
            >
              {busy === 'submit' ? '报送中…' : '报送'}
            </button>
          </div>
        </div>
      ) : null}

      {can('withdraw') ? (
        <div className="mt-4">
          <button type="button" className={secondary} disabled={pending} onClick={() => act('withdraw', () => withdrawAction(ref))}>
            {busy === 'withdraw' ? '撤回中…' : '撤回报送'}
          </button>
        </div>
      ) : null}

      {can('return') || can('approve') ? (
        <div className="mt-4 space-y-2">
          <p className="text-stone-600">
            检查结果：错误 {p.counts.error} 条，警告 {p.counts.warning} 条，提示 {p.counts.info} 条。
            {p.counts.error ? <span className="text-red-700">存在错误，不能批复。</span> : null}
          </p>
          <label htmlFor="return-reason" className="block font-medium">
            退回原因
          </label>
          <textarea
            id="return-reason"
            className="w-full rounded border border-stone-300 px-2 py-1"
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="flex flex-wrap gap-2">
            <button type="button" className={secondary} disabled={pending} onClick={() => act('return', () => returnAction({ ...ref, reason }))}>
              {busy === 'return' ? '退回中…' : '退回修改'}
            </button>
            <button type="button" className={primary} disabled={pending} onClick={() => act('approve', () => approveAction(ref))}>
              {busy === 'approve' ? '批复中…' : '批复'}
            </button>
          </div>
        </div>
      ) : null}

      {can('publish') ? (
        <div className="mt-4 space-y-2">
          <p className="text-stone-600">公开将生成 PDF 与 Excel 工作簿，连同数据一并冻结（附 SHA-256 校验值），之后不能再更改。</p>
          <button type="button" className={primary} disabled={pending} onClick={() => act('publish', () => publishAction(ref))}>
            {busy === 'publish' ? '正在生成公开文件…' : '公开'}
          </button>
        </div>
      ) : null}

      {can('correct') ? (
        <div className="mt-4 space-y-2">
          <label htmlFor="correction-note" className="block font-medium">
            更正说明
          </label>
          <textarea
            id="correction-note"
            className="w-full rounded border border-stone-300 px-2 py-1"
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="button" className={secondary} disabled={pending} onClick={() => act('correct', () => correctAction({ ...ref, note }))}>
            {busy === 'correct' ? '正在生成更正版本…' : '发布更正'}
          </button>
        </div>
      ) : null}

      {message ? (
        <p
          role={message.ok ? 'status' : 'alert'}
          data-testid="workflow-message"
          className={`mt-3 rounded px-3 py-2 ${message.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}
        >
          {message.text}
        </p>
      ) : null}

      <details className="mt-4" open={p.history.length > 0 && p.history.length <= 6}>
        <summary className="cursor-pointer font-medium">流程记录（{p.history.length}）</summary>
        {p.history.length ? (
          <ol className="mt-2 space-y-1" data-testid="status-history">
            {p.history.map((h) => (
              <li key={h.id} className="flex flex-wrap gap-x-2">
                <span className="text-stone-500">{h.at}</span>
                <span className="font-medium">{h.label}</span>
                <span>{h.by ?? '—'}</span>
                {h.reason ? <span className="text-stone-700">：{h.reason}</span> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-2 text-stone-500">尚未报送。</p>
        )}
      </details>
    </section>
  );
}
