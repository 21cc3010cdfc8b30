'use client';

/**
 * The workflow of one budget for the signed-in role: the clerk explains warnings and submits (or withdraws); the
 * reviewer returns with a reason or approves, and reopens an approved or published budget for revision (with a
 * reason); the administrator publishes, or publishes a correction (of a re-approved revision). Every button
 * calls a server action the page passes in, which decides through lib/auth/authorize.ts; the panel offers exactly
 * what the same predicate (offeredWorkflowActions) allows, and shows the domain's message for anything refused
 * in the state at hand. Every step that cannot be taken back asks first in a dialog that states its consequence
 * (报送, 批复 — naming the open comments —, 公开, 发布更正, 重新打开修订; ConfirmButton: focus in the dialog, Escape
 * cancels).
 * Below: the status history (who, when, why).
 */
import Link from 'next/link';
import { useState } from 'react';
import type { Result } from '@/lib/result';
import { refusalMessage } from '@/lib/result';
import type { WorkflowPanelData } from '@/lib/review/panel';
import type { CorrectInput, RefInput, ReturnInput, SubmitInput, WorkflowDone } from '@/lib/workflow/actions';
import type { WorkflowAction } from '@/lib/workflow/transitions';
import { StatusBadge } from './StatusBadge';
import { Button } from './ui/button';
import { ConfirmButton } from './ui/dialog';
import { Textarea } from './ui/input';
import { useEditAction } from './ui/useEditAction';

type Step<I> = (input: I) => Promise<Result<WorkflowDone>>;

/** The server actions the panel's buttons call (the page passes them: components never import app/). */
export interface WorkflowPanelActions {
  submit: Step<SubmitInput>;
  withdraw: Step<RefInput>;
  return: Step<ReturnInput>;
  approve: Step<RefInput>;
  publish: Step<RefInput>;
  correct: Step<CorrectInput>;
  reopen: Step<ReturnInput>;
  saveExplanations: (input: { budgetId: number; explanations: Record<string, string> }) => Promise<Result<{ saved: number }>>;
}

export interface WorkflowPanelProps extends WorkflowPanelData {
  actions: WorkflowPanelActions;
  /** Review comments not yet resolved: approving asks first and names them. */
  openComments: number;
}

/** What 公开 does, for its confirmation here and on the administrator's publication list. */
export function publishConsequence(what: string): React.ReactNode {
  return (
    <>
      <p>
        公开后，{what}将发布到公开页面，任何人无需登录即可查看，并可下载 PDF 与 Excel 工作簿；数据与文件一并冻结，附 SHA-256 校验值。
      </p>
      <p className="mt-2 font-medium text-red-800">公开不能撤回，之后只能发布更正。生成公开文件需要十几秒，请勿关闭页面。</p>
    </>
  );
}

/** What 发布更正 does: a new public version replaces the current one. */
export function correctionConsequence(note: string): React.ReactNode {
  return (
    <>
      <p>将按当前数据生成新的公开版本（PDF、Excel 工作簿与公开页面），取代现行公开版本；原版本仍可查阅，标注“已被更正版本取代”。</p>
      <p className="mt-2">
        更正说明：{note.trim() ? <q className="font-medium">{note.trim()}</q> : <span className="text-red-700">尚未填写（发布更正时必须填写）</span>}，随新版本公开。
      </p>
      <p className="mt-2 font-medium text-red-800">更正发布后不能撤回。</p>
    </>
  );
}

type Message = { ok: boolean; text: string } | null;

const SUCCESS: Record<WorkflowAction, string> = {
  submit: '已报送，等待财政局审核',
  withdraw: '已撤回报送',
  return: '已退回部门修改',
  approve: '已批复',
  publish: '已公开',
  correct: '已发布更正',
  reopen: '已重新打开，退回部门修订',
};

export function WorkflowPanel(p: WorkflowPanelProps) {
  const call = useEditAction<() => Promise<Result>, Result>((run) => run());
  const pending = call.pending;
  const [busy, setBusy] = useState<WorkflowAction | 'save' | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [explanations, setExplanations] = useState<Record<string, string>>(() =>
    Object.fromEntries(p.warnings.map((w) => [w.key, w.explanation])),
  );
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const can = (a: WorkflowAction) => p.available.includes(a);
  const ref = { budgetId: p.budgetId, version: p.version };
  const { actions } = p;

  function act(action: WorkflowAction, run: () => Promise<Result<WorkflowDone>>) {
    setMessage(null);
    setBusy(action);
    call.submit(run, (r) => {
      setBusy(null);
      setMessage(r.ok ? { ok: true, text: SUCCESS[action] } : { ok: false, text: refusalMessage(r) });
      if (r.ok) {
        setReason('');
        setNote('');
      }
    });
  }

  function save() {
    setMessage(null);
    setBusy('save');
    call.submit(
      () => actions.saveExplanations({ budgetId: p.budgetId, explanations }),
      (r) => {
        setBusy(null);
        const saved = r.ok && 'saved' in r ? Number(r.saved) : 0;
        setMessage(r.ok ? { ok: true, text: saved ? `已保存 ${saved} 条说明` : '说明没有变化' } : { ok: false, text: refusalMessage(r) });
      },
    );
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
          {p.counts.error ? (
            <div className="rounded bg-red-50 px-3 py-2 text-red-800" data-testid="blocking-errors">
              <p className="font-medium">尚有 {p.counts.error} 条错误，须更正后才能报送：</p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {p.errors.map((e) => (
                  <li key={e.key}>
                    <Link href={e.href} className="underline">
                      {e.message}
                    </Link>
                  </li>
                ))}
              </ul>
              {p.counts.error > p.errors.length ? (
                <p className="mt-1 text-xs" data-testid="blocking-errors-more">
                  另有 {p.counts.error - p.errors.length} 条未列出，见检查结果
                </p>
              ) : null}
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
                    <Textarea
                      id={`expl-${i}`}
                      aria-label={`第${i + 1}条警告的说明`}
                      className="mt-1 w-full"
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
              <Button variant="secondary" disabled={pending} onClick={save}>
                {busy === 'save' ? '保存中…' : '保存说明'}
              </Button>
            ) : null}
            <ConfirmButton
              disabled={pending}
              title="报送预算"
              confirmLabel="确认报送"
              consequence={
                <>
                  <p>报送后不能再修改，除非财政局退回（在财政局审核前可以撤回报送）。</p>
                  <p className="mt-2">报送的是当前数据（版本 {p.version}）及对警告的说明，财政局审核人员将据此审核。</p>
                </>
              }
              onConfirm={() => act('submit', () => actions.submit({ ...ref, explanations }))}
            >
              {busy === 'submit' ? '报送中…' : '报送'}
            </ConfirmButton>
          </div>
        </div>
      ) : null}

      {can('withdraw') ? (
        <div className="mt-4">
          <Button variant="secondary" disabled={pending} onClick={() => act('withdraw', () => actions.withdraw(ref))}>
            {busy === 'withdraw' ? '撤回中…' : '撤回报送'}
          </Button>
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
          <Textarea
            id="return-reason"
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" disabled={pending} onClick={() => act('return', () => actions.return({ ...ref, reason }))}>
              {busy === 'return' ? '退回中…' : '退回修改'}
            </Button>
            <ConfirmButton
              disabled={pending}
              danger
              title={p.openComments ? `尚有 ${p.openComments} 条审核意见未解决` : '批复预算'}
              confirmLabel={p.openComments ? '仍然批复' : '确认批复'}
              consequence={
                <>
                  {p.openComments ? (
                    <p className="mb-2 rounded bg-amber-50 px-2 py-1 text-amber-900" data-testid="approve-open-comments">
                      本预算尚有 {p.openComments} 条审核意见未解决。批复后部门不能再按这些意见修改。
                    </p>
                  ) : null}
                  <p>批复后预算数据冻结为批复版本（版本 {p.version + 1}），部门不能再修改，公开时按此数据生成公开文件。</p>
                  <p className="mt-2">按规定，批复后 20 日内须向社会公开。</p>
                </>
              }
              onConfirm={() => act('approve', () => actions.approve(ref))}
            >
              {busy === 'approve' ? '批复中…' : '批复'}
            </ConfirmButton>
          </div>
        </div>
      ) : null}

      {can('reopen') ? (
        <div className="mt-4 space-y-2" data-testid="reopen">
          <p className="text-stone-600">
            {p.status === 'published'
              ? '公开后需要调整或发现错误：重新打开后退回部门修订，再经审核批复，以“发布更正”公开；现行公开版本在更正发布前保持公开。'
              : '批复后需要调整：重新打开后退回部门修订，再经审核批复。'}
          </p>
          <label htmlFor="reopen-reason" className="block font-medium">
            重新打开的原因
          </label>
          <Textarea id="reopen-reason" rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          <ConfirmButton
            variant="secondary"
            disabled={pending}
            danger
            title="重新打开修订"
            confirmLabel="确认重新打开"
            consequence={
              <>
                <p>预算将退回部门修订（状态变为“已退回”），部门修改后须重新报送、审核和批复。</p>
                <p className="mt-2">
                  原因：{reason.trim() ? <q className="font-medium">{reason.trim()}</q> : <span className="text-red-700">尚未填写（必须填写）</span>}
                  ，部门在预算页面看到此原因。
                </p>
                {p.everPublished ? <p className="mt-2">现行公开版本在更正发布前保持公开；更正公开时逐项列明改动。</p> : null}
              </>
            }
            onConfirm={() => act('reopen', () => actions.reopen({ ...ref, reason }))}
          >
            {busy === 'reopen' ? '处理中…' : '重新打开修订'}
          </ConfirmButton>
        </div>
      ) : null}

      {can('publish') ? (
        <div className="mt-4 space-y-2">
          <p className="text-stone-600">公开将生成 PDF 与 Excel 工作簿，连同数据一并冻结（附 SHA-256 校验值），之后不能再更改。</p>
          <ConfirmButton
            disabled={pending}
            danger
            title="公开预算"
            confirmLabel="确认公开"
            consequence={publishConsequence('本预算')}
            onConfirm={() => act('publish', () => actions.publish(ref))}
          >
            {busy === 'publish' ? '正在生成公开文件…' : '公开'}
          </ConfirmButton>
        </div>
      ) : null}

      {can('correct') ? (
        <div className="mt-4 space-y-2">
          <label htmlFor="correction-note" className="block font-medium">
            更正说明
          </label>
          <Textarea
            id="correction-note"
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <ConfirmButton
            variant="secondary"
            disabled={pending}
            danger
            title="发布更正"
            confirmLabel="确认发布更正"
            consequence={correctionConsequence(note)}
            onConfirm={() => act('correct', () => actions.correct({ ...ref, note }))}
          >
            {busy === 'correct' ? '正在生成更正版本…' : '发布更正'}
          </ConfirmButton>
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
