/**
 * The workflow's writes: `(db, actor, { budgetId, version, … }) → Result<WorkflowDone>`. Each one parses its input,
 * decides through lib/auth/authorize.ts (`workflowDecision`: the transition table of lib/workflow/transitions.ts for
 * the actor) on the budget as it is inside the transaction, refuses a stale version, and then in ONE synchronous transaction changes the status, bumps the
 * version, writes the audit entry (who, when, why) and the snapshot.
 *
 * Publication renders the PDF (a job of the render queue, asynchronous) before its transaction; a missing Chromium
 * refuses the publication with ChromiumNotFoundError's message instead of publishing without a PDF. What was
 * prepared must still be what the database holds when the transaction runs — the budget's version, its facts and
 * the region texts — or nothing is written (CHANGED_DURING_PUBLISH): the PDF, the document and the workbook are then
 * always the same content.
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from '../zod';
import type { Db } from '../../db/client';
import { budgets, fiscalYears } from '../../db/schema';
import { writeAudit, type Tx } from '../audit';
import { notifyWorkflow } from '../notices';
import { editRefusal, workflowDecision, type Actor, type BudgetStatus, type WorkflowDecision } from '../auth/authorize';
import { loadBudgetFacts } from '../budget/load';
import { ChromiumNotFoundError } from '../pdf/chromium';
import { checkBudget } from '../rules';
import { RENDER_MESSAGES } from '../pdf/queue';
import { RenderFailedError } from '../pdf/renderJobs';
import { liveDigest, preparePublication, publishedDigest, regionTextsJson, type PdfRenderer, type PreparedPublication } from '../publish/prepare';
import { currentPublication, serializeFacts, snapshotsOf, supersedePublished, writeSnapshot, type SnapshotKind } from '../publish/snapshots';
import {
  EXPLANATION_MAX,
  controlFigureOf,
  loadExplanations,
  unexplainedWarnings,
  writeExplanation,
} from './findings';
import { fieldErrorsOf, forbidden, invalid as invalidFields, notFound, ok, refused, stale, type Refusal, type Result } from '../result';
import type { DecisionContext, WorkflowAction } from './transitions';

/** A transition that was written: the new status and version, and the snapshot it froze (if any). */
export interface WorkflowDone {
  status: BudgetStatus;
  version: number;
  snapshotId: number | null;
}

const REASON_MAX = 2000;
const MAX_EXPLANATIONS = 1000;
const STALE_MESSAGE = (current: number) => `预算已被修改（当前版本 ${current}），请刷新页面后重试`;
const NOT_FOUND_MESSAGE = '预算不存在或无权操作';
export const CHANGED_DURING_PUBLISH = RENDER_MESSAGES.changed;

const positiveId = (what: string) =>
  z.coerce.number({ error: `${what}无效` }).int({ error: `${what}无效` }).positive({ error: `${what}无效` }).max(1e12, { error: `${what}无效` });

const refSchema = z.object({ budgetId: positiveId('预算编号'), version: positiveId('版本号') });
const textField = (label: string) => z.string({ error: `${label}必须是文字` }).max(REASON_MAX, { error: `${label}不能超过${REASON_MAX}字` });

const submitSchema = refSchema.extend({
  explanations: z
    .record(
      z.string().max(400),
      z.string({ error: '说明必须是文字' }).max(EXPLANATION_MAX, { error: `每条说明不能超过${EXPLANATION_MAX}字` }),
    )
    .refine((o) => Object.keys(o).length <= MAX_EXPLANATIONS, { error: `一次最多提交${MAX_EXPLANATIONS}条说明` })
    .optional(),
});
const returnSchema = refSchema.extend({ reason: textField('退回原因').optional() });
const reopenSchema = refSchema.extend({ reason: textField('重新打开的原因').optional() });
const correctSchema = refSchema.extend({ note: textField('更正说明').optional() });

export interface SubmitInput {
  budgetId: number;
  version: number;
  /** Finding key → the clerk's explanation of that warning (saved with the submission; empty deletes). */
  explanations?: Record<string, string>;
}
export interface RefInput {
  budgetId: number;
  version: number;
}
export interface ReturnInput extends RefInput {
  reason?: string;
}
export interface CorrectInput extends RefInput {
  note?: string;
}

interface PublishDeps {
  renderPdf: PdfRenderer;
}

interface Clock {
  now?: () => number;
}

/** Invalid input: the field errors, and the first of them as the form's message (the panel shows one line). */
function invalid(error: z.ZodError): Refusal<never> {
  const fieldErrors = fieldErrorsOf(error);
  return invalidFields(fieldErrors, Object.values(fieldErrors)[0] ?? '输入无效');
}

/** A workflow refusal: of who the actor is (forbidden), or of the budget's state, findings or missing reason. */
const refusalOf = (d: Extract<WorkflowDecision, { ok: false }>): Refusal<never> => (d.forbidden ? forbidden(d.refused) : refused(d.refused));

interface BudgetRow {
  id: number;
  departmentId: number;
  year: number;
  status: BudgetStatus;
  version: number;
}

function readBudget(db: Db | Tx, id: number): BudgetRow | undefined {
  return db
    .select({ id: budgets.id, departmentId: budgets.departmentId, year: budgets.year, status: budgets.status, version: budgets.version })
    .from(budgets)
    .where(eq(budgets.id, id))
    .get();
}

const yearIsOpen = (db: Db | Tx, year: number) => db.select().from(fiscalYears).where(eq(fiscalYears.year, year)).get()?.status === 'open';

/** A context that passes every context check: used to test role and state first, before the costly findings. */
const PERMISSIVE: Omit<DecisionContext, 'ownDepartment'> = { yearOpen: true, errors: 0, unexplainedWarnings: 0, reason: '-', note: '-' };

const SNAPSHOT_OF: Partial<Record<WorkflowAction, SnapshotKind>> = {
  submit: 'submitted',
  approve: 'approved',
  publish: 'published',
  correct: 'published',
};

interface TransitionOptions {
  reason?: string;
  note?: string;
  explanations?: Record<string, string>;
  prepared?: PreparedPublication;
  now: number;
}

/**
 * One transition, decided and written in one immediate transaction. Nothing is written unless every check passes
 * (so a refusal needs no rollback).
 */
function transition(db: Db, actor: Actor, action: WorkflowAction, ref: RefInput, o: TransitionOptions): Result<WorkflowDone> {
  return db.transaction(
    (tx): Result<WorkflowDone> => {
      const b = readBudget(tx, ref.budgetId);
      if (!b) return notFound(NOT_FOUND_MESSAGE);
      const published = wasPublished(tx, b.id);
      const pre = workflowDecision(actor, b, action, { ...PERMISSIVE, reason: o.reason, note: o.note, published });
      if (!pre.ok) return refusalOf(pre);
      // a publication's content was prepared from one version: any write since then changed what it froze
      if (o.prepared && b.version !== o.prepared.budgetVersion) return refused(CHANGED_DURING_PUBLISH);
      if (b.version !== ref.version) return stale(STALE_MESSAGE(b.version), { version: b.version });

      // the role and the department passed above: a submission here is the department's own clerk's
      const ctx: Omit<DecisionContext, 'ownDepartment'> = {
        yearOpen: yearIsOpen(tx, b.year),
        errors: 0,
        unexplainedWarnings: 0,
        reason: o.reason,
        note: o.note,
        published,
        // a correction must change what the public sees: compared with the current public version's own digest
        unchanged: action === 'correct' && o.prepared !== undefined && o.prepared.digest === currentDigest(tx, b.id),
      };
      // findings only where they decide: submission (errors, unexplained warnings) and approval (errors)
      let findings: ReturnType<typeof checkBudget> = [];
      let explained = new Map<string, string>();
      if (action === 'submit' || action === 'approve') {
        // better-sqlite3 has one connection: these reads run inside the transaction
        findings = checkBudget(loadBudgetFacts(db, b.id), controlFigureOf(tx, b.departmentId, b.year));
        explained = new Map([...loadExplanations(tx, b.id)].map(([k, e]) => [k, e.text]));
        if (action === 'submit') for (const [k, t] of Object.entries(o.explanations ?? {})) explained.set(k, t.trim());
        ctx.errors = findings.filter((f) => f.severity === 'error').length;
        ctx.unexplainedWarnings = unexplainedWarnings(findings, explained).length;
      }
      const decision = workflowDecision(actor, b, action, ctx);
      if (!decision.ok) return refusalOf(decision);

      const factsJson = serializeFacts(loadBudgetFacts(db, b.id));
      // facts also change without a version bump (an administrator renames the department or a unit), and the
      // region texts are not the budget's at all
      if (o.prepared && (o.prepared.factsJson !== factsJson || o.prepared.regionTextsJson !== regionTextsJson(db)))
        return refused(CHANGED_DURING_PUBLISH);

      // ── writes ──
      if (action === 'submit' && o.explanations) {
        const warnings = new Map(findings.filter((f) => f.severity === 'warning').map((f) => [f.key, f]));
        for (const [key, raw] of Object.entries(o.explanations)) {
          const f = warnings.get(key);
          if (!f) continue; // only explanations of current warnings are kept
          const text = raw.trim();
          const old = writeExplanation(tx, b.id, f, text, actor.userId, o.now);
          if ((old ?? '') !== text)
            writeAudit(
              tx,
              { budgetId: b.id, userId: actor.userId, action: 'explanation.save', entity: 'finding', entityId: key, field: 'explanation', oldValue: old, newValue: text || null },
              o.now,
            );
        }
      }
      const version = b.version + 1;
      const updated = tx
        .update(budgets)
        .set({ status: decision.to, version, updatedAt: o.now, ...(action === 'approve' ? { approvedAt: o.now } : {}) })
        .where(and(eq(budgets.id, b.id), eq(budgets.version, b.version)))
        .run();
      if (updated.changes !== 1) return stale(STALE_MESSAGE(b.version), { version: b.version });
      writeAudit(
        tx,
        {
          budgetId: b.id,
          userId: actor.userId,
          action: `budget.${action}`,
          entity: 'budget',
          entityId: b.id,
          field: 'status',
          oldValue: b.status,
          newValue: decision.to,
          reason: o.reason ?? o.note,
        },
        o.now,
      );
      notifyWorkflow(tx, { action, budgetId: b.id, reason: o.reason ?? o.note }, o.now);
      const kind = SNAPSHOT_OF[action];
      let snapshotId: number | null = null;
      if (kind) {
        snapshotId = writeSnapshot(tx, {
          budgetId: b.id,
          kind,
          budgetVersion: version,
          factsJson,
          published: kind === 'published' ? o.prepared?.content : undefined,
          note: action === 'correct' ? o.note : null,
          createdBy: actor.userId,
          createdAt: o.now,
        });
        if (action === 'correct') supersedePublished(tx, b.id, snapshotId);
      }
      return ok({ status: decision.to, version, snapshotId });
    },
    { behavior: 'immediate' },
  );
}

const clock = (c?: Clock) => (c?.now ?? Date.now)();

/** The budget has been published (it has a public version, current or superseded). */
const wasPublished = (db: Db | Tx, budgetId: number): boolean => snapshotsOf(db, budgetId, 'published').length > 0;

/** The digest of what the budget's current public version shows; null when it has none. */
function currentDigest(db: Db | Tx, budgetId: number): string | null {
  const current = currentPublication(db, budgetId);
  return current ? publishedDigest(current) : null;
}

/** The clerk submits their department's budget (二上), with explanations of the warnings. */
export function submitBudget(db: Db, actor: Actor, input: SubmitInput | Record<string, unknown>, c?: Clock): Result<WorkflowDone> {
  const p = submitSchema.safeParse(input);
  if (!p.success) return invalid(p.error);
  return transition(db, actor, 'submit', p.data, { explanations: p.data.explanations, now: clock(c) });
}

/** The clerk takes a submission back before the reviewer decides. */
export function withdrawBudget(db: Db, actor: Actor, input: RefInput | Record<string, unknown>, c?: Clock): Result<WorkflowDone> {
  const p = refSchema.safeParse(input);
  if (!p.success) return invalid(p.error);
  return transition(db, actor, 'withdraw', p.data, { now: clock(c) });
}

/** The reviewer returns a submitted budget for revision, with a reason. */
export function returnBudget(db: Db, actor: Actor, input: ReturnInput | Record<string, unknown>, c?: Clock): Result<WorkflowDone> {
  const p = returnSchema.safeParse(input);
  if (!p.success) return invalid(p.error);
  return transition(db, actor, 'return', p.data, { reason: p.data.reason?.trim() || undefined, now: clock(c) });
}

/** The reviewer approves a submitted budget without errors (二下); approvedAt starts the 20-day clock. */
export function approveBudget(db: Db, actor: Actor, input: RefInput | Record<string, unknown>, c?: Clock): Result<WorkflowDone> {
  const p = refSchema.safeParse(input);
  if (!p.success) return invalid(p.error);
  return transition(db, actor, 'approve', p.data, { now: clock(c) });
}

/**
 * The reviewer reopens an approved or published budget for revision, with a reason: it returns to the department
 * (已退回, the reason shown as the return reason), goes through review again, and a budget that was published is then
 * published as a correction. The current public version stays public until then.
 */
export function reopenBudget(db: Db, actor: Actor, input: ReturnInput | Record<string, unknown>, c?: Clock): Result<WorkflowDone> {
  const p = reopenSchema.safeParse(input);
  if (!p.success) return invalid(p.error);
  return transition(db, actor, 'reopen', p.data, { reason: p.data.reason?.trim() || undefined, now: clock(c) });
}

async function publishOrCorrect(
  db: Db,
  actor: Actor,
  action: 'publish' | 'correct',
  input: unknown,
  deps: PublishDeps & Clock,
): Promise<Result<WorkflowDone>> {
  const p = correctSchema.safeParse(input);
  if (!p.success) return invalid(p.error);
  const note = action === 'correct' ? p.data.note?.trim() || undefined : undefined;
  // refuse early what will be refused anyway, before the slow rendering
  const b = readBudget(db, p.data.budgetId);
  if (!b) return notFound(NOT_FOUND_MESSAGE);
  const unchanged = action === 'correct' && liveDigest(db, b.id) === currentDigest(db, b.id);
  const pre = workflowDecision(actor, b, action, { ...PERMISSIVE, note, published: wasPublished(db, b.id), unchanged });
  if (!pre.ok) return refusalOf(pre);
  if (b.version !== p.data.version) return stale(STALE_MESSAGE(b.version), { version: b.version });
  let prepared: PreparedPublication;
  try {
    prepared = await preparePublication(db, b.id, deps.renderPdf);
  } catch (e) {
    if (e instanceof ChromiumNotFoundError) return refused(e.message);
    if (e instanceof RenderFailedError && e.message === CHANGED_DURING_PUBLISH) return refused(CHANGED_DURING_PUBLISH);
    if (!(e instanceof RenderFailedError)) console.error('publication: rendering failed', e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    return refused(`公开文件生成失败，未公开：${e instanceof Error ? e.message : String(e)}`);
  }
  return transition(db, actor, action, p.data, { note, prepared, now: clock(deps) });
}

/** The administrator publishes an approved budget: facts, document, PDF and workbook frozen with their hashes. */
export function publishBudget(db: Db, actor: Actor, input: RefInput | Record<string, unknown>, deps: PublishDeps & Clock): Promise<Result<WorkflowDone>> {
  return publishOrCorrect(db, actor, 'publish', input, deps);
}

/**
 * The administrator publishes a correction: of a revised budget that was published before and re-approved after the
 * reviewer reopened it (预算调整, an error found after publication), or of a published budget whose department name,
 * unit names or region texts were corrected. A new published version with a required note; earlier versions stay
 * public, marked superseded. A correction whose document equals the current public version is refused.
 */
export function correctPublication(
  db: Db,
  actor: Actor,
  input: CorrectInput | Record<string, unknown>,
  deps: PublishDeps & Clock,
): Promise<Result<WorkflowDone>> {
  return publishOrCorrect(db, actor, 'correct', input, deps);
}


/**
 * The clerk saves explanations of warnings without submitting (same rules as editing: own department, a draft or
 * returned budget of an open year). Only current warnings' explanations are kept.
 */
export function saveExplanations(
  db: Db,
  actor: Actor,
  input: { budgetId: number; explanations: Record<string, string> } | Record<string, unknown>,
  c?: Clock,
): Result<{ saved: number }> {
  const p = submitSchema.pick({ budgetId: true, explanations: true }).safeParse(input);
  if (!p.success) return invalid(p.error);
  const now = clock(c);
  return db.transaction(
    (tx): Result<{ saved: number }> => {
      const b = readBudget(tx, p.data.budgetId);
      if (!b) return notFound(NOT_FOUND_MESSAGE);
      const refusal = editRefusal(actor, b, yearIsOpen(tx, b.year));
      if (refusal) return forbidden(refusal);
      const findings = checkBudget(loadBudgetFacts(db, b.id), controlFigureOf(tx, b.departmentId, b.year));
      const warnings = new Map(findings.filter((f) => f.severity === 'warning').map((f) => [f.key, f]));
      let saved = 0;
      for (const [key, raw] of Object.entries(p.data.explanations ?? {})) {
        const f = warnings.get(key);
        if (!f) continue;
        const text = raw.trim();
        const old = writeExplanation(tx, b.id, f, text, actor.userId, now);
        if ((old ?? '') === text) continue;
        saved += 1;
        writeAudit(
          tx,
          { budgetId: b.id, userId: actor.userId, action: 'explanation.save', entity: 'finding', entityId: key, field: 'explanation', oldValue: old, newValue: text || null },
          now,
        );
      }
      return ok({ saved });
    },
    { behavior: 'immediate' },
  );
}
