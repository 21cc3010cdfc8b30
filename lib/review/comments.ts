/**
 * Review comments, anchored to what they are about: the budget as a whole, a table row (`table:5:f:2080105`), a
 * 基本支出 line (`line:12`), a project (`project:7`) or a form indicator (`indicator:7:annual:房屋租赁费`), with
 * replies. The reviewer opens threads and replies; the department's clerk replies; the reviewer who opened a thread
 * (or an administrator) marks it resolved. Administrators read them. Every write is audited.
 */
import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from '../zod';
import type { Db } from '../../db/client';
import { budgets, comments, users } from '../../db/schema';
import { notifyComment } from '../notices';
import { writeAudit } from '../audit';
import { canReadBudget, canResolveComment, commentRefusal, commentResolveRefusal, replyRefusal, type Actor, type Role } from '../auth/authorize';
import type { BudgetFacts } from '../facts';
import { loadBudgetFacts } from '../budget/load';
import { buildTables } from '../disclosure/tables';
import { cellText } from '../disclosure/types';
import { fieldErrorsOf, forbidden, invalid, notFound, ok, type Refusal, type Result } from '../result';
import { anchorHref } from '../routes';
import { lineLabel } from './diff';

const ANCHOR_KINDS = ['budget', 'table', 'line', 'project', 'indicator'] as const;
export type AnchorKind = (typeof ANCHOR_KINDS)[number];
export const ANCHOR_KIND_LABEL: Record<AnchorKind, string> = {
  budget: '整体',
  table: '公开表',
  line: '基本支出',
  project: '项目',
  indicator: '绩效指标',
};
const COMMENT_MAX = 2000;

export interface Anchor {
  kind: AnchorKind;
  key: string;
}

/** `table:5:f:2080105` → { kind: 'table', key: '5:f:2080105' }; `budget` → { kind: 'budget', key: '' }. */
export function parseAnchor(s: string): Anchor | null {
  const i = s.indexOf(':');
  const kind = (i < 0 ? s : s.slice(0, i)) as AnchorKind;
  if (!ANCHOR_KINDS.includes(kind)) return null;
  const key = i < 0 ? '' : s.slice(i + 1);
  if (kind === 'budget') return key === '' ? { kind, key } : null;
  if (kind === 'line' || kind === 'project') return /^[1-9]\d{0,11}$/.test(key) ? { kind, key } : null;
  if (kind === 'table') return /^(?:[1-9]|1[0-3]):\S{1,200}$/.test(key) ? { kind, key } : null;
  return /^[1-9]\d{0,11}:(?:total|annual):.{1,100}$/.test(key) ? { kind, key } : null;
}

const formatAnchor = (a: Anchor): string => (a.kind === 'budget' ? 'budget' : `${a.kind}:${a.key}`);

const TABLE_NAMES = ['', '表一', '表二', '表三', '表四', '表五', '表六', '表七', '表八', '表九', '表十', '表十一', '表十二', '表十三'];

/** What an anchor points at, in words; null when it no longer exists in these facts. */
export function describeAnchor(facts: BudgetFacts, a: Anchor, tables = lazyTables(facts)): string | null {
  switch (a.kind) {
    case 'budget':
      return '预算整体';
    case 'line': {
      const l = facts.basicLines.find((x) => x.id === Number(a.key));
      return l ? `基本支出：${lineLabel(facts, l)}` : null;
    }
    case 'project': {
      const p = facts.projects.find((x) => x.id === Number(a.key));
      return p ? `项目：${p.name}${p.carryover ? '（上年结转）' : ''}` : null;
    }
    case 'indicator': {
      const [pid, period, ...rest] = a.key.split(':');
      const name = rest.join(':');
      const p = facts.projects.find((x) => x.id === Number(pid));
      const form = facts.forms.find((f) => f.projectId === Number(pid));
      const ind = form?.indicators.find((i) => i.period === period && i.name === name);
      return p && ind ? `绩效指标：${p.name} › ${period === 'total' ? '实施期' : '年度'} › ${ind.level1}›${ind.level2}›${ind.name}` : null;
    }
    case 'table': {
      const [no, ...rest] = a.key.split(':');
      const rowKey = rest.join(':');
      const t = tables().find((x) => x.no === Number(no));
      const row = t?.rows.find((r) => r.key === rowKey);
      if (!t || !row) return null;
      const label = row.cells.filter((c) => c.kind === 'text').map((c) => cellText(c).trim()).filter(Boolean).join(' ');
      return `${TABLE_NAMES[t.no]}「${label || row.key}」`;
    }
  }
}

function lazyTables(facts: BudgetFacts) {
  let t: ReturnType<typeof buildTables> | null = null;
  return () => (t ??= buildTables(facts));
}

/** Everything a comment can be anchored to in these facts (for the reviewer's picker). */
export function anchorOptions(facts: BudgetFacts): Record<Exclude<AnchorKind, 'budget'>, { value: string; label: string }[]> {
  const tables = buildTables(facts);
  return {
    line: facts.basicLines.map((l) => ({ value: `line:${l.id}`, label: lineLabel(facts, l) })),
    project: facts.projects.map((p) => ({ value: `project:${p.id}`, label: `${p.name}${p.carryover ? '（上年结转）' : ''}` })),
    table: tables.flatMap((t) =>
      t.rows.map((r) => ({
        value: `table:${t.no}:${r.key}`,
        label: `${TABLE_NAMES[t.no]} ${r.cells.filter((c) => c.kind === 'text').map((c) => cellText(c).trim()).filter(Boolean).join(' ') || r.key}`,
      })),
    ),
    indicator: facts.forms.flatMap((f) => {
      const p = facts.projects.find((x) => x.id === f.projectId);
      return f.indicators.map((i) => ({
        value: `indicator:${f.projectId}:${i.period}:${i.name}`,
        label: `${p?.name ?? f.projectId} › ${i.period === 'total' ? '实施期' : '年度'} › ${i.name}`,
      }));
    }),
  };
}

interface CommentView {
  id: number;
  parentId: number | null;
  anchor: Anchor;
  body: string;
  authorId: number;
  authorName: string;
  authorRole: Role;
  createdAt: number;
  resolvedAt: number | null;
  resolvedByName: string | null;
}

interface CommentThreadView extends CommentView {
  replies: CommentView[];
  /** The anchor in words (null: it no longer exists, e.g. a deleted line). */
  anchorLabel: string | null;
  href: string;
  /** The actor may mark it resolved (lib/auth/authorize.ts canResolveComment; false once it is resolved). */
  canResolve: boolean;
}


const bodyField = z
  .string({ error: '请填写意见内容' })
  .trim()
  .min(1, { error: '请填写意见内容' })
  .max(COMMENT_MAX, { error: `意见不能超过${COMMENT_MAX}字` });
const idField = z.coerce.number({ error: '编号无效' }).int({ error: '编号无效' }).positive({ error: '编号无效' }).max(1e12, { error: '编号无效' });

const addSchema = z.object({
  budgetId: idField,
  anchor: z.string({ error: '请选择意见针对的位置' }).max(400, { error: '位置无效' }).default('budget'),
  body: bodyField,
});
const replySchema = z.object({ budgetId: idField, parentId: idField, body: bodyField });
const resolveSchema = z.object({ budgetId: idField, commentId: idField });

/** Invalid input: the field errors, and the first of them as the message (the thread shows one line). */
function firstError(e: z.ZodError): Refusal<never> {
  const fieldErrors = fieldErrorsOf(e);
  return invalid(fieldErrors, Object.values(fieldErrors)[0] ?? '输入无效');
}

const anchorInvalid = (message: string): Refusal<never> => invalid({ anchor: message }, message);

function budgetRef(db: Db, id: number) {
  return db.select({ id: budgets.id, departmentId: budgets.departmentId, status: budgets.status }).from(budgets).where(eq(budgets.id, id)).get();
}

/** A new thread: reviewers only (lib/auth/authorize.ts canComment), on an anchor that exists in the budget's current facts. */
export function addComment(db: Db, actor: Actor, input: { budgetId: number; anchor: string; body: string } | Record<string, unknown>, now = Date.now()): Result<{ id: number }> {
  const p = addSchema.safeParse(input);
  if (!p.success) return firstError(p.error);
  const refusal = commentRefusal(actor);
  if (refusal) return forbidden(refusal);
  const b = budgetRef(db, p.data.budgetId);
  if (!b) return notFound('预算不存在');
  const anchor = parseAnchor(p.data.anchor);
  if (!anchor) return anchorInvalid('意见针对的位置无效');
  if (describeAnchor(loadBudgetFacts(db, b.id), anchor) === null) return anchorInvalid('意见针对的位置在预算中不存在');
  return db.transaction((tx) => {
    const row = tx
      .insert(comments)
      .values({ budgetId: b.id, anchorKind: anchor.kind, anchorKey: anchor.key, body: p.data.body, authorId: actor.userId, createdAt: now })
      .returning({ id: comments.id })
      .get();
    writeAudit(
      tx,
      { budgetId: b.id, userId: actor.userId, action: 'comment.add', entity: 'comment', entityId: row.id, field: formatAnchor(anchor), newValue: p.data.body },
      now,
    );
    notifyComment(tx, { budgetId: b.id, authorId: actor.userId, reviewerId: actor.userId, body: p.data.body, reply: false }, now);
    return ok({ id: row.id });
  });
}

/** Refused before any comment is looked at: the budget is unknown, or the actor may not take part in its threads. */
const NO_BUDGET = '预算不存在或无权查看';

/** A reply: the reviewer, or the department's own clerk (lib/auth/authorize.ts canReplyToComment). */
export function replyToComment(db: Db, actor: Actor, input: { budgetId: number; parentId: number; body: string } | Record<string, unknown>, now = Date.now()): Result<{ id: number }> {
  const p = replySchema.safeParse(input);
  if (!p.success) return firstError(p.error);
  const b = budgetRef(db, p.data.budgetId);
  if (!b) return notFound(NO_BUDGET);
  const refusal = replyRefusal(actor, b);
  if (refusal) return forbidden(refusal);
  const parent = db.select().from(comments).where(and(eq(comments.id, p.data.parentId), eq(comments.budgetId, b.id))).get();
  if (!parent) return notFound('该意见不存在');
  const rootId = parent.parentId ?? parent.id;
  return db.transaction((tx) => {
    const row = tx
      .insert(comments)
      .values({ budgetId: b.id, anchorKind: parent.anchorKind, anchorKey: parent.anchorKey, parentId: rootId, body: p.data.body, authorId: actor.userId, createdAt: now })
      .returning({ id: comments.id })
      .get();
    writeAudit(tx, { budgetId: b.id, userId: actor.userId, action: 'comment.reply', entity: 'comment', entityId: row.id, field: `reply:${rootId}`, newValue: p.data.body }, now);
    const opener = parent.parentId === null ? parent.authorId : (tx.select({ authorId: comments.authorId }).from(comments).where(eq(comments.id, rootId)).get()?.authorId ?? null);
    notifyComment(tx, { budgetId: b.id, authorId: actor.userId, reviewerId: opener, body: p.data.body, reply: true }, now);
    return ok({ id: row.id });
  });
}

/**
 * Marks a thread resolved: the reviewer who opened it, or an administrator (lib/auth/authorize.ts
 * commentResolveRefusal). A forged request by anyone else (the clerk, another reviewer) is refused.
 */
export function resolveComment(db: Db, actor: Actor, input: { budgetId: number; commentId: number } | Record<string, unknown>, now = Date.now()): Result<{ id: number }> {
  const p = resolveSchema.safeParse(input);
  if (!p.success) return firstError(p.error);
  const b = budgetRef(db, p.data.budgetId);
  if (!b) return notFound(NO_BUDGET);
  const c = db.select().from(comments).where(and(eq(comments.id, p.data.commentId), eq(comments.budgetId, b.id), isNull(comments.parentId))).get();
  // whether a comment exists is told only to those who read the budget
  if (!c) return canReadBudget(actor, b) ? notFound('该意见不存在') : forbidden(NO_BUDGET);
  const refusal = commentResolveRefusal(actor, b, c);
  if (refusal) return forbidden(refusal);
  if (c.resolvedAt !== null) return ok({ id: c.id });
  return db.transaction((tx) => {
    tx.update(comments).set({ resolvedAt: now, resolvedBy: actor.userId }).where(eq(comments.id, c.id)).run();
    writeAudit(tx, { budgetId: b.id, userId: actor.userId, action: 'comment.resolve', entity: 'comment', entityId: c.id, field: 'resolved', oldValue: '未解决', newValue: '已解决' }, now);
    return ok({ id: c.id });
  });
}

/** The threads of a budget, oldest first, each with its replies; null when the actor may not read the budget. */
/**
 * The 基本支出 lines with an open review comment, each with the text of its first open comment (the grid marks them);
 * null when the actor may not read the budget.
 */
export function openLineComments(db: Db, actor: Actor, budgetId: number): Record<number, string> | null {
  const b = budgetRef(db, budgetId);
  if (!b || !canReadBudget(actor, b)) return null;
  const out: Record<number, string> = {};
  const rows = db
    .select({ key: comments.anchorKey, body: comments.body })
    .from(comments)
    .where(and(eq(comments.budgetId, budgetId), eq(comments.anchorKind, 'line'), isNull(comments.parentId), isNull(comments.resolvedAt)))
    .orderBy(asc(comments.id))
    .all();
  for (const r of rows) out[Number(r.key)] ??= r.body;
  return out;
}

export function listComments(db: Db, actor: Actor, budgetId: number, facts?: BudgetFacts): CommentThreadView[] | null {
  const b = budgetRef(db, budgetId);
  if (!b || !canReadBudget(actor, b)) return null;
  const rows = db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      anchorKind: comments.anchorKind,
      anchorKey: comments.anchorKey,
      body: comments.body,
      authorId: comments.authorId,
      authorName: users.displayName,
      authorRole: users.role,
      createdAt: comments.createdAt,
      resolvedAt: comments.resolvedAt,
      resolvedBy: comments.resolvedBy,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.budgetId, budgetId))
    .orderBy(asc(comments.id))
    .all();
  const names = new Map(db.select({ id: users.id, name: users.displayName }).from(users).all().map((u) => [u.id, u.name]));
  const f = facts ?? loadBudgetFacts(db, budgetId);
  const tables = lazyTables(f);
  const view = (r: (typeof rows)[number]): CommentView => ({
    id: r.id,
    parentId: r.parentId,
    anchor: { kind: r.anchorKind, key: r.anchorKey },
    body: r.body,
    authorId: r.authorId,
    authorName: r.authorName,
    authorRole: r.authorRole,
    createdAt: r.createdAt,
    resolvedAt: r.resolvedAt,
    resolvedByName: r.resolvedBy === null ? null : (names.get(r.resolvedBy) ?? null),
  });
  const threads: CommentThreadView[] = rows
    .filter((r) => r.parentId === null)
    .map((r) => {
      const v = view(r);
      return {
        ...v,
        replies: [],
        anchorLabel: describeAnchor(f, v.anchor, tables),
        href: anchorHref(budgetId, v.anchor),
        canResolve: v.resolvedAt === null && canResolveComment(actor, b, v),
      };
    });
  const byId = new Map(threads.map((t) => [t.id, t]));
  for (const r of rows) if (r.parentId !== null) byId.get(r.parentId)?.replies.push(view(r));
  return threads;
}
