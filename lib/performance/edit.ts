/**
 * The use cases of the 项目支出绩效目标表: create (empty or carried forward from last year) and save.
 *
 * Each is `(db, actor, input) → Result` (lib/result.ts): the input is parsed (schema.ts), the actor is authorized
 * through the budget edit's machinery (lib/budget/edit/common.ts: assertCanEditBudget, re-checked inside the
 * transaction; the project must belong to the budget), and the change is written in ONE synchronous transaction
 * with its audit entries (audit.ts) and the budget's new version. Saving checks the form's own version (optimistic
 * concurrency): a stale save is refused with the current values and writes nothing.
 *
 * These edits stay in lib/performance rather than beside the budget's other edits in lib/budget/edit: the form is
 * an aggregate of its own (its own version, the year's indicator taxonomy, the carry-forward from last year, the
 * 指标值 parser) whose fields and labels the browser's editor shares (fields.ts, values.ts), and it borrows from
 * lib/budget/edit only the transaction and the authorization every budget edit goes through.
 */
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from '../zod';
import type { Db } from '../../db/client';
import { performanceForms } from '../../db/schema';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/authorize';
import { bumpBudgetVersion, openEdit, runEdit } from '../budget/edit/common';
import { parseId } from '../budget/params';
import { fieldErrorsOf, forbidden, invalid, notFound, ok, stale, type Result } from '../result';
import { taxonomyForYear } from '../rules/taxonomy';
import { formChanges } from './audit';
import { carryForwardForm, emptyForm, findCarryForwardSource } from './carryForward';
import type { FormValues } from './fields';
import { draftOf, formSchema } from './schema';
import { formColumns, loadPerformanceForm, projectOf, writeIndicators } from './store';
import { formToValues } from './values';

/** @public for lib/performance/edit.test.ts, which builds typed saveForm inputs */
export interface SaveFormInput extends FormValues {
  budgetId: number;
  projectId: number;
  /** The form's version the edit was based on. */
  version: number;
}

/** The form as it is now, in a stale refusal: what the editor loads instead of the user's values. */
export interface CurrentForm {
  version: number;
  values: FormValues;
}

/** `version`: the form's version after the save; `budgetVersion`: the budget's. */
type SaveFormResult = Result<{ version: number; budgetVersion: number }, CurrentForm>;
export type CreateFormResult = Result<{ version: number; budgetVersion: number }>;

const PROJECT_REFUSED = '项目不存在或不属于该预算';

const versionSchema = z.union([z.number(), z.string()]).transform((v) => Number(v)).pipe(z.number().int().positive());

const field = (input: unknown, key: string): unknown =>
  input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>)[key] : undefined;

/** Saves a form: every field replaced by the input's, indicators included. */
export function saveForm(db: Db, actor: Actor, input: SaveFormInput | Record<string, unknown>): SaveFormResult {
  const budgetId = parseId(field(input, 'budgetId'));
  const projectId = parseId(field(input, 'projectId'));
  if (budgetId === null || projectId === null) return forbidden(PROJECT_REFUSED);

  const opened = openEdit(db, actor, budgetId);
  if (!opened.ok) return opened;
  if (!projectOf(db, budgetId, projectId)) return forbidden(PROJECT_REFUSED);

  const version = versionSchema.safeParse(field(input, 'version'));
  if (!version.success) return invalid({}, '缺少版本号，请刷新页面后重试');

  const parsed = formSchema(opened.ctx.budget.year).safeParse(input);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const next = draftOf(parsed.data);

  const result = runEdit<{ formVersion: number }, CurrentForm>(db, actor, budgetId, (tx, budget, now) => {
    if (!projectOf(tx, budgetId, projectId)) return forbidden(PROJECT_REFUSED);
    const current = loadPerformanceForm(tx, projectId);
    if (!current) return notFound('该项目还没有绩效目标表，请先新建');
    if (current.version !== version.data) {
      return stale(
        `该绩效目标表已被他人修改（当前版本 ${current.version}），您的修改未保存。已载入最新内容，请核对后重新修改。`,
        { version: current.version, values: formToValues(current) },
      );
    }
    const changes = formChanges(current, next);
    if (changes.length === 0) return ok({ version: budget.version, formVersion: current.version });
    const updated = tx
      .update(performanceForms)
      .set({ ...formColumns(next), version: sql`${performanceForms.version} + 1` })
      .where(and(eq(performanceForms.projectId, projectId), eq(performanceForms.version, current.version)))
      .returning({ version: performanceForms.version })
      .get();
    if (!updated) throw new Error('performance form changed inside the transaction');
    if (changes.some((c) => c.field.startsWith('indicators.'))) writeIndicators(tx, projectId, next.indicators);
    for (const c of changes) {
      writeAudit(tx, { budgetId, userId: actor.userId, action: 'form.update', entity: 'performance_form', entityId: projectId, ...c }, now);
    }
    return ok({ version: bumpBudgetVersion(tx, budgetId, now), formVersion: updated.version });
  });
  return result.ok ? ok({ version: result.formVersion, budgetVersion: result.version }) : result;
}

type CreateFormInput = { budgetId: number | string; projectId: number | string; from: 'empty' | 'previous' | string };

/** Creates a project's form: empty, or carried forward from the previous year's (amounts cleared). */
export function createForm(db: Db, actor: Actor, input: CreateFormInput | Record<string, unknown>): CreateFormResult {
  const budgetId = parseId(field(input, 'budgetId'));
  const projectId = parseId(field(input, 'projectId'));
  if (budgetId === null || projectId === null) return forbidden(PROJECT_REFUSED);
  const from = field(input, 'from');
  if (from !== 'empty' && from !== 'previous') return invalid({ from: '请选择新建方式' }, '请选择新建方式');

  const opened = openEdit(db, actor, budgetId);
  if (!opened.ok) return opened;
  const year = opened.ctx.budget.year;

  const result = runEdit(db, actor, budgetId, (tx, _budget, now) => {
    const project = projectOf(tx, budgetId, projectId);
    if (!project) return forbidden(PROJECT_REFUSED);
    if (project.carryover) return invalid({}, '上年结转项目不填报绩效目标表');
    if (loadPerformanceForm(tx, projectId)) return stale('该项目已有绩效目标表，请刷新页面', undefined);
    let draft = emptyForm();
    let reason: string = '新建空白绩效目标表';
    if (from === 'previous') {
      const source = findCarryForwardSource(tx, projectId);
      const sourceForm = source ? loadPerformanceForm(tx, source.projectId) : null;
      if (!source || !sourceForm) return notFound('上年度没有同名经常性项目的绩效目标表，无法结转');
      draft = carryForwardForm(sourceForm, taxonomyForYear(year));
      reason = `由${source.year}年度同名项目的绩效目标表结转（金额已清零）`;
    }
    tx.insert(performanceForms)
      .values({ projectId, ...formColumns(draft), version: 1 })
      .run();
    writeIndicators(tx, projectId, draft.indicators);
    writeAudit(
      tx,
      { budgetId, userId: actor.userId, action: 'form.create', entity: 'performance_form', entityId: projectId, newValue: from, reason },
      now,
    );
    return ok({ version: bumpBudgetVersion(tx, budgetId, now) });
  });
  return result.ok ? ok({ version: 1, budgetVersion: result.version }) : result;
}
