'use client';

/**
 * Review comments of a budget, each at its place (a table row, a line, a project, a form indicator) with a link
 * there; replies; "mark resolved". The reviewer opens new threads, choosing the place from the budget's own lines,
 * projects, table rows and indicators; only the reviewer who opened a thread (or an administrator) is offered to mark
 * it resolved (`ThreadItem.canResolve`, asked of lib/auth/authorize.ts).
 */
import Link from 'next/link';
import { useState } from 'react';
import { refusalMessage, type Result } from '@/lib/result';
import type { AnchorKind } from '@/lib/review/comments';
import type { AnchorChoices, ThreadItem } from '@/lib/review/panel';
import { Button } from './ui/button';
import { Select, Textarea } from './ui/input';
import { useEditAction } from './ui/useEditAction';

type Done = Promise<Result<{ id: number }>>;

/** The server actions behind the forms (the page passes them: components never import app/). */
export interface CommentActions {
  add: (input: { budgetId: number; anchor: string; body: string }) => Done;
  reply: (input: { budgetId: number; parentId: number; body: string }) => Done;
  resolve: (input: { budgetId: number; commentId: number }) => Done;
}

const KIND_LABEL: Record<AnchorKind, string> = { budget: '整体', table: '公开表行', line: '基本支出行', project: '项目', indicator: '绩效指标' };

export function CommentThread({
  budgetId,
  threads,
  canOpen,
  canReply,
  anchors,
  initialAnchor,
  actions,
}: {
  budgetId: number;
  threads: ThreadItem[];
  /** lib/auth/authorize.ts canComment and canReplyToComment: what the writes allow (resolving: per thread). */
  canOpen: boolean;
  canReply: boolean;
  anchors?: AnchorChoices;
  /** Preselected place, e.g. `table:5:f:2080105`. */
  initialAnchor?: string;
  actions: CommentActions;
}) {
  const call = useEditAction<() => Done, Result<{ id: number }>>((run) => run());
  const pending = call.pending;
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const initialKind = (initialAnchor?.split(':')[0] as AnchorKind | undefined) ?? 'budget';
  const [kind, setKind] = useState<AnchorKind>(initialKind in KIND_LABEL ? initialKind : 'budget');
  const [target, setTarget] = useState(initialAnchor && initialKind !== 'budget' ? initialAnchor : '');
  const [body, setBody] = useState('');
  const [replies, setReplies] = useState<Record<number, string>>({});
  const open = threads.filter((t) => !t.resolved).length;

  function run(send: () => Done, success: string, after?: () => void) {
    setMessage(null);
    call.submit(send, (r) => {
      if (r.ok) {
        setMessage({ ok: true, text: success });
        after?.();
      } else setMessage({ ok: false, text: refusalMessage(r) });
    });
  }

  const options = kind === 'budget' ? [] : (anchors?.[kind] ?? []);
  return (
    <section aria-label="审核意见" id="comments" data-testid="comments" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 text-sm">
      <h2 className="text-base font-medium">
        审核意见 <span className="text-stone-500">（{threads.length} 条，未解决 {open} 条）</span>
      </h2>

      {canOpen ? (
        <form
          className="mt-3 space-y-2 rounded bg-stone-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            const anchor = kind === 'budget' ? 'budget' : target;
            run(() => actions.add({ budgetId, anchor, body }), '意见已提出', () => setBody(''));
          }}
        >
          <div className="flex flex-wrap gap-2">
            <label className="flex items-center gap-1">
              <span>位置</span>
              <Select
                aria-label="意见位置类型"
                className="w-auto"
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value as AnchorKind);
                  setTarget('');
                }}
              >
                {(Object.keys(KIND_LABEL) as AnchorKind[])
                  .filter((k) => k === 'budget' || (anchors?.[k]?.length ?? 0) > 0)
                  .map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABEL[k]}
                    </option>
                  ))}
              </Select>
            </label>
            {kind !== 'budget' ? (
              <Select
                aria-label="意见位置"
                className="min-w-0 max-w-full flex-1"
                value={target}
                onChange={(e) => setTarget(e.target.value)}
              >
                <option value="">请选择…</option>
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            ) : null}
          </div>
          <Textarea
            aria-label="意见内容"
            rows={2}
            maxLength={2000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <Button type="submit" disabled={pending}>
            提出意见
          </Button>
        </form>
      ) : null}

      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={`mt-2 rounded px-3 py-1.5 ${message.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}>
          {message.text}
        </p>
      ) : null}

      {threads.length === 0 ? <p className="mt-3 text-stone-500">暂无审核意见。</p> : null}
      <ol className="mt-3 space-y-3">
        {threads.map((t) => (
          <li key={t.id}>
            <article
              data-testid="comment-thread"
              data-anchor={`${t.anchorKind}`}
              className={`rounded border p-3 ${t.resolved ? 'border-stone-200 bg-stone-50' : 'border-amber-300 bg-amber-50/40'}`}
            >
              <header className="flex flex-wrap items-center gap-2">
                <span className="rounded bg-stone-200 px-1.5 text-xs">{t.anchorKindLabel}</span>
                {t.anchorLabel ? (
                  <Link href={t.href} className="text-brand underline" data-testid="comment-anchor">
                    {t.anchorLabel}
                  </Link>
                ) : (
                  <span className="text-stone-500">（该位置已不存在）</span>
                )}
                <span className={`ml-auto rounded px-1.5 text-xs ${t.resolved ? 'bg-green-100 text-green-800' : 'bg-amber-100 text-amber-900'}`}>
                  {t.resolved ? '已解决' : '未解决'}
                </span>
              </header>
              <p className="mt-2 whitespace-pre-wrap" data-testid="comment-body">
                {t.body}
              </p>
              <p className="text-xs text-stone-500">
                {t.authorName}（{t.authorRoleLabel}） · {t.at}
              </p>
              {t.replies.length ? (
                <ul className="mt-2 space-y-1 border-l-2 border-stone-200 pl-3">
                  {t.replies.map((r) => (
                    <li key={r.id} data-testid="comment-reply">
                      <p className="whitespace-pre-wrap">{r.body}</p>
                      <p className="text-xs text-stone-500">
                        {r.authorName}（{r.authorRoleLabel}） · {r.at}
                      </p>
                    </li>
                  ))}
                </ul>
              ) : null}
              {t.resolved ? (
                <p className="mt-1 text-xs text-green-800">
                  {t.resolved.by ?? ''} 于 {t.resolved.at} 标记为已解决
                </p>
              ) : null}
              {canReply || t.canResolve ? (
                <div className="mt-2 flex flex-wrap items-start gap-2">
                  {canReply ? (
                    <>
                      <Textarea
                        aria-label="答复"
                        className="min-w-0 flex-1"
                        rows={1}
                        maxLength={2000}
                        value={replies[t.id] ?? ''}
                        onChange={(e) => setReplies((x) => ({ ...x, [t.id]: e.target.value }))}
                      />
                      <Button
                        variant="secondary"
                        disabled={pending}
                        onClick={() =>
                          run(() => actions.reply({ budgetId, parentId: t.id, body: replies[t.id] ?? '' }), '已答复', () =>
                            setReplies((x) => ({ ...x, [t.id]: '' })),
                          )
                        }
                      >
                        答复
                      </Button>
                    </>
                  ) : null}
                  {t.canResolve ? (
                    <Button
                      variant="secondary"
                      disabled={pending}
                      onClick={() => run(() => actions.resolve({ budgetId, commentId: t.id }), '已标记为已解决')}
                    >
                      标记为已解决
                    </Button>
                  ) : null}
                </div>
              ) : null}
            </article>
          </li>
        ))}
      </ol>
    </section>
  );
}
