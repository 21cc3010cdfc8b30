/**
 * Mutations of the 项目支出绩效目标表: create (empty or carried forward from last year) and save.
 *
 * Each is `(db, actor, input) → result`: the input is zod-parsed (Chinese messages per field; an indicator whose
 * 二级 does not belong to its 一级 is refused with the row named), the actor is authorized through
 * assertCanEditBudget (the project must belong to the budget), and the change is written in ONE synchronous
 * transaction with its audit entries (field old → new) and the budget's new version. Saving checks the form's
 * version (optimistic concurrency): a stale save is refused with the current values and writes nothing.
 */
import { formFromRow, INDICATOR_ORDER } from '../budget/load';
import { and, eq, sql } from 'drizzle-orm';
import { z } from '../zod';
import type { Db } from '../../db/client';
import { performanceForms, performanceIndicators, projects } from '../../db/schema';
import { writeAudit, type Tx } from '../audit';
import type { Actor } from '../auth/authorize';
import {
  bumpBudgetVersion,
  fieldErrorsOf,
  forbidden,
  invalid,
  INVALID_FORM_ERROR,
  notFound,
  openEdit,
  runEdit,
  stale,
  type EditFailure,
  type EditFailureReason,
  type EditSuccess,
  type FieldErrors,
} from '../budget/edit/common';
import { textField, yuanField } from '../budget/edit/fields';
import { formatYuanExact } from '../money';
import { taxonomyForYear, type Taxonomy } from '../rules/taxonomy';
import { carryForwardForm, emptyForm, findCarryForwardSource, type FormDraft } from './carryForward';
import type { FundingSplit, Indicator, IndicatorPeriod, PerformanceForm } from './form';

// the editor's fields, labels and limits (also imported by the browser's editor, so kept free of zod and the database)
export * from './fields';
import {
  FUNDING_KEYS,
  FUNDING_LABEL,
  INDICATOR_NAME_MAX,
  INDICATOR_VALUE_MAX,
  MAX_INDICATORS_PER_PERIOD,
  PEOPLE_FIELDS,
  PERIOD_LABEL,
  PERIOD_YEARS_MAX,
  PERSON_MAX,
  TEXT_FIELDS,
  TEXT_LABEL,
  TEXT_MAX,
  type FormValues,
  type FundingKey,
  type IndicatorValues,
} from './fields';

export interface SaveFormInput extends FormValues {
  budgetId: number;
  projectId: number;
  /** The form's version the edit was based on. */
  version: number;
}

export type SaveFormResult =
  | { ok: true; version: number; budgetVersion: number }
  | {
      ok: false;
      reason: EditFailureReason;
      fieldErrors: FieldErrors;
      formError?: string;
      /** The user's input (invalid, refused) or, for a stale save, the current values. */
      values: FormValues;
      /** For a stale save: the current version of the form. */
      version?: number;
    };

export type CreateFormResult =
  | { ok: true; version: number; budgetVersion: number }
  | { ok: false; reason: EditFailureReason; fieldErrors: FieldErrors; formError?: string };

/** 分 as typed in 元: `220000`, `39312.5` → `39312.50`. */
export function fenToYuanInput(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : formatYuanExact(fen, { grouping: false });
}

const fundingValues = (s: FundingSplit): Record<FundingKey, string> =>
  Object.fromEntries(FUNDING_KEYS.map((k) => [k, fenToYuanInput(s[k])])) as Record<FundingKey, string>;

/** A stored form as the editor's values. */
export function formToValues(form: FormDraft): FormValues {
  const rows = (period: IndicatorPeriod) =>
    form.indicators
      .filter((i) => i.period === period)
      .sort((a, b) => a.sort - b.sort)
      .map(({ level1, level2, name, value }) => ({ level1, level2, name, value }));
  return {
    attribute: form.attribute,
    periodYears: String(form.periodYears),
    fundingTotal: fundingValues(form.fundingTotal),
    fundingAnnual: fundingValues(form.fundingAnnual),
    overview: form.overview,
    basis: form.basis,
    necessity: form.necessity,
    measures: form.measures,
    plan: form.plan,
    goalTotal: form.goalTotal,
    goalAnnual: form.goalAnnual,
    manager: form.manager,
    handler: form.handler,
    phone: form.phone,
    filledAt: form.filledAt,
    indicators: { total: rows('total'), annual: rows('annual') },
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Whatever arrived, as the editor's values (to hand the user's input back with the errors). */
export function coerceValues(input: unknown): FormValues {
  const o = rec(input);
  const funding = (v: unknown) => {
    const f = rec(v);
    return Object.fromEntries(FUNDING_KEYS.map((k) => [k, str(f[k])])) as Record<FundingKey, string>;
  };
  const inds = rec(o.indicators);
  const rows = (v: unknown): IndicatorValues[] =>
    (Array.isArray(v) ? v : []).slice(0, 500).map((r) => {
      const x = rec(r);
      return { level1: str(x.level1), level2: str(x.level2), name: str(x.name), value: str(x.value) };
    });
  return {
    attribute: o.attribute === 'recurring' ? 'recurring' : 'oneOff',
    periodYears: str(o.periodYears),
    fundingTotal: funding(o.fundingTotal),
    fundingAnnual: funding(o.fundingAnnual),
    overview: str(o.overview),
    basis: str(o.basis),
    necessity: str(o.necessity),
    measures: str(o.measures),
    plan: str(o.plan),
    goalTotal: str(o.goalTotal),
    goalAnnual: str(o.goalAnnual),
    manager: str(o.manager),
    handler: str(o.handler),
    phone: str(o.phone),
    filledAt: str(o.filledAt),
    indicators: { total: rows(inds.total), annual: rows(inds.annual) },
  };
}

// ── validation ──────────────────────────────────────────────────────────────────────────────────────────────

const stringish = (required: string) =>
  z.union([z.string(), z.number()], { error: required }).transform((v) => (typeof v === 'number' ? String(v) : v));

const periodYearsField = stringish('请填写项目期').transform((v, ctx) => {
  const s = v.trim().replace(/年$/, '');
  if (s === '') {
    ctx.addIssue({ code: 'custom', message: '请填写项目期（年）' });
    return z.NEVER;
  }
  const n = /^\d{1,2}$/.test(s) ? Number(s) : NaN;
  if (!(n >= 1 && n <= PERIOD_YEARS_MAX)) {
    ctx.addIssue({ code: 'custom', message: `项目期应为1至${PERIOD_YEARS_MAX}之间的整数年（长期项目填${PERIOD_YEARS_MAX}）` });
    return z.NEVER;
  }
  return n;
});

const personField = (what: string) => textField(what, PERSON_MAX);

/** Loose: digits with the usual separators (`0356-1234567`, `138 0000 0000`, `(0356)1234567转8001`), 7–20 digits. */
export const phoneField = textField('联系电话', 40).refine(
  (s) => {
    if (s === '') return true;
    if (!/^[\d\s+\-()（）—－转,，、;；/]+$/.test(s)) return false;
    const digits = s.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 24;
  },
  { error: '联系电话格式不正确（如 0356-1234567 或 13800000000）' },
);

/** 填报日期: blank, `2024-01-26`, `20240126`, `20240126111709` (as the reference prints it) or `2024年1月26日`. */
export const filledAtField = textField('填报日期', 20).refine(
  (s) => {
    if (s === '') return true;
    const m =
      /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(s) ??
      /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ??
      /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(s);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (y < 1990 || y > 2199 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return false;
    if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59)) return false;
    return true;
  },
  { error: '填报日期格式应为 2024-01-26 或 20240126' },
);

const indicatorRow = z.object(
  {
    level1: z.string({ error: '请选择一级指标' }).transform((s) => s.trim()),
    level2: z.string({ error: '请选择二级指标' }).transform((s) => s.trim()),
    name: z.string({ error: '请填写三级指标' }).transform((s) => s.trim()),
    value: z.string({ error: '指标值无效' }).transform((s) => s.trim()),
  },
  { error: '绩效指标行无效' },
);

function indicatorList(period: IndicatorPeriod, t: Taxonomy, year: number) {
  const label = PERIOD_LABEL[period];
  return z
    .array(indicatorRow, { error: `${label}绩效指标无效` })
    .max(MAX_INDICATORS_PER_PERIOD, { error: `${label}绩效指标最多${MAX_INDICATORS_PER_PERIOD}条` })
    .superRefine((rows, ctx) => {
      rows.forEach((r, i) => {
        const row = `${label}第${i + 1}行`;
        const issue = (field: keyof IndicatorValues, message: string) =>
          ctx.addIssue({ code: 'custom', path: [i, field], message: `${row}：${message}` });
        const l1 = t.level1.find((l) => l.name === r.level1);
        if (r.level1 === '') issue('level1', '请选择一级指标');
        else if (!l1) issue('level1', `一级指标“${r.level1}”不在${year}年度的绩效指标体系中（可选：${t.level1.map((l) => l.name).join('、')}）`);
        if (r.level2 === '') issue('level2', '请选择二级指标');
        else if (l1 && !l1.level2.includes(r.level2)) {
          issue('level2', `二级指标“${r.level2}”不属于一级指标“${r.level1}”（${r.level1}下可选：${l1.level2.join('、')}）`);
        }
        if (r.name === '') issue('name', '请填写三级指标名称（或删除该行）');
        else if (r.name.length > INDICATOR_NAME_MAX) issue('name', `三级指标名称不能超过${INDICATOR_NAME_MAX}个字`);
        if (r.value.length > INDICATOR_VALUE_MAX) issue('value', `指标值不能超过${INDICATOR_VALUE_MAX}个字`);
      });
    });
}

function fundingSchema(period: IndicatorPeriod) {
  const label = PERIOD_LABEL[period];
  return z.object(
    Object.fromEntries(
      FUNDING_KEYS.map((k) => [k, yuanField(`${label}${FUNDING_LABEL[k]}`, { blankAsZero: true })]),
    ) as Record<FundingKey, ReturnType<typeof yuanField>>,
    { error: `${label}项目资金无效` },
  );
}

/** The form's fields under the year's taxonomy. */
export function formSchema(year: number, t: Taxonomy = taxonomyForYear(year)) {
  return z.object({
    attribute: z.enum(['recurring', 'oneOff'], { error: '请选择项目属性（经常性或一次性）' }),
    periodYears: periodYearsField,
    fundingTotal: fundingSchema('total'),
    fundingAnnual: fundingSchema('annual'),
    overview: textField(TEXT_LABEL.overview, TEXT_MAX),
    basis: textField(TEXT_LABEL.basis, TEXT_MAX),
    necessity: textField(TEXT_LABEL.necessity, TEXT_MAX),
    measures: textField(TEXT_LABEL.measures, TEXT_MAX),
    plan: textField(TEXT_LABEL.plan, TEXT_MAX),
    goalTotal: textField(TEXT_LABEL.goalTotal, TEXT_MAX),
    goalAnnual: textField(TEXT_LABEL.goalAnnual, TEXT_MAX),
    manager: personField('负责人'),
    handler: personField('经办人'),
    phone: phoneField,
    filledAt: filledAtField,
    indicators: z.object(
      { total: indicatorList('total', t, year), annual: indicatorList('annual', t, year) },
      { error: '绩效指标无效' },
    ),
  });
}

/** Parsed values as a form (without its project). */
function draftOf(v: z.output<ReturnType<typeof formSchema>>): FormDraft {
  const indicators: Indicator[] = [];
  for (const period of ['total', 'annual'] as const) {
    v.indicators[period].forEach((r, i) => indicators.push({ period, ...r, sort: i + 1 }));
  }
  return {
    attribute: v.attribute,
    periodYears: v.periodYears,
    fundingTotal: v.fundingTotal,
    fundingAnnual: v.fundingAnnual,
    overview: v.overview,
    basis: v.basis,
    necessity: v.necessity,
    measures: v.measures,
    plan: v.plan,
    goalTotal: v.goalTotal,
    goalAnnual: v.goalAnnual,
    indicators,
    manager: v.manager,
    handler: v.handler,
    phone: v.phone,
    filledAt: v.filledAt,
  };
}

// ── reads ───────────────────────────────────────────────────────────────────────────────────────────────────

/** A project's form with its version, or null. Indicators: 实施期 then 年度, each in its order. */
export function loadPerformanceForm(db: Db | Tx, projectId: number): (PerformanceForm & { version: number }) | null {
  const f = db.select().from(performanceForms).where(eq(performanceForms.projectId, projectId)).get();
  if (!f) return null;
  const indicators = db
    .select()
    .from(performanceIndicators)
    .where(eq(performanceIndicators.projectId, projectId))
    .orderBy(...INDICATOR_ORDER)
    .all()
    .map((i) => ({ period: i.period, level1: i.level1, level2: i.level2, name: i.name, value: i.value, sort: i.sort }));
  return { ...formFromRow(f, indicators), version: f.version };
}

// ── writes ──────────────────────────────────────────────────────────────────────────────────────────────────

function formColumns(d: FormDraft) {
  return {
    attribute: d.attribute,
    periodYears: d.periodYears,
    totalAmount: d.fundingTotal.total,
    totalCentral: d.fundingTotal.central,
    totalProvincial: d.fundingTotal.provincial,
    totalLocal: d.fundingTotal.local,
    totalSelfRaised: d.fundingTotal.selfRaised,
    totalOther: d.fundingTotal.other,
    annualAmount: d.fundingAnnual.total,
    annualCentral: d.fundingAnnual.central,
    annualProvincial: d.fundingAnnual.provincial,
    annualLocal: d.fundingAnnual.local,
    annualSelfRaised: d.fundingAnnual.selfRaised,
    annualOther: d.fundingAnnual.other,
    overview: d.overview,
    basis: d.basis,
    necessity: d.necessity,
    measures: d.measures,
    plan: d.plan,
    goalTotal: d.goalTotal,
    goalAnnual: d.goalAnnual,
    manager: d.manager,
    handler: d.handler,
    phone: d.phone,
    filledAt: d.filledAt,
  };
}

function writeIndicators(tx: Tx, projectId: number, indicators: readonly Indicator[]): void {
  tx.delete(performanceIndicators).where(eq(performanceIndicators.projectId, projectId)).run();
  for (const i of indicators) {
    tx.insert(performanceIndicators)
      .values({ projectId, period: i.period, level1: i.level1, level2: i.level2, name: i.name, value: i.value, sort: i.sort })
      .run();
  }
}

/** A period's indicators as one audit value: `产出指标›数量指标›全年用水量：≤17000吨`, one per line. */
export function indicatorsText(indicators: readonly Indicator[], period: IndicatorPeriod): string {
  return indicators
    .filter((i) => i.period === period)
    .sort((a, b) => a.sort - b.sort)
    .map((i) => `${i.level1}›${i.level2}›${i.name}：${i.value}`)
    .join('\n');
}

/** Field → [old, new] for every field that differs (amounts in 分). */
export function formChanges(before: FormDraft, after: FormDraft): { field: string; oldValue: string | number; newValue: string | number }[] {
  const out: { field: string; oldValue: string | number; newValue: string | number }[] = [];
  const cmp = (field: string, a: string | number, b: string | number) => {
    if (a !== b) out.push({ field, oldValue: a, newValue: b });
  };
  cmp('attribute', before.attribute, after.attribute);
  cmp('periodYears', before.periodYears, after.periodYears);
  for (const k of FUNDING_KEYS) cmp(`fundingTotal.${k}`, before.fundingTotal[k], after.fundingTotal[k]);
  for (const k of FUNDING_KEYS) cmp(`fundingAnnual.${k}`, before.fundingAnnual[k], after.fundingAnnual[k]);
  for (const k of TEXT_FIELDS) cmp(k, before[k], after[k]);
  for (const k of PEOPLE_FIELDS) cmp(k, before[k], after[k]);
  for (const p of ['total', 'annual'] as const) cmp(`indicators.${p}`, indicatorsText(before.indicators, p), indicatorsText(after.indicators, p));
  return out;
}

const ids = z.object({
  budgetId: z.union([z.number(), z.string()]).transform((v) => Number(v)).pipe(z.number().int().positive()),
  projectId: z.union([z.number(), z.string()]).transform((v) => Number(v)).pipe(z.number().int().positive()),
});
const versionSchema = z.union([z.number(), z.string()]).transform((v) => Number(v)).pipe(z.number().int().positive());

const PROJECT_REFUSED = '项目不存在或不属于该预算';

/** The project of `budgetId` with id `projectId`, or undefined (a project of another budget counts as missing). */
function projectOf(tx: Db | Tx, budgetId: number, projectId: number) {
  return tx
    .select({ id: projects.id, name: projects.name, carryover: projects.carryover })
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.budgetId, budgetId)))
    .get();
}

/** Saves a form: every field replaced by the input's, indicators included. */
export function saveForm(db: Db, actor: Actor, input: SaveFormInput | Record<string, unknown>): SaveFormResult {
  const values = coerceValues(input);
  const fail = (reason: EditFailureReason, formError: string, fieldErrors: FieldErrors = {}): SaveFormResult => ({
    ok: false,
    reason,
    fieldErrors,
    formError,
    values,
  });
  const idsParsed = ids.safeParse(input);
  if (!idsParsed.success) return fail('forbidden', PROJECT_REFUSED);
  const { budgetId, projectId } = idsParsed.data;

  const opened = openEdit(db, actor, budgetId);
  if (!opened.ok) return fail(opened.reason, opened.formError ?? '无权修改该预算');
  if (!projectOf(db, budgetId, projectId)) return fail('forbidden', PROJECT_REFUSED);

  const version = versionSchema.safeParse((input as Record<string, unknown>).version);
  if (!version.success) return fail('invalid', '缺少版本号，请刷新页面后重试');

  const parsed = formSchema(opened.ctx.budget.year).safeParse(input);
  if (!parsed.success) return fail('invalid', INVALID_FORM_ERROR, fieldErrorsOf(parsed.error));
  const next = draftOf(parsed.data);

  type Saved = EditSuccess<{ formVersion: number }>;
  const result = runEdit(db, actor, budgetId, (tx, budget, now): Saved | EditFailure<PerformanceForm & { version: number }> => {
    if (!projectOf(tx, budgetId, projectId)) return forbidden(PROJECT_REFUSED);
    const current = loadPerformanceForm(tx, projectId);
    if (!current) return notFound('该项目还没有绩效目标表，请先新建');
    if (current.version !== version.data) return stale('', current);
    const changes = formChanges(current, next);
    if (changes.length === 0) return { ok: true, version: budget.version, formVersion: current.version };
    const updated = tx
      .update(performanceForms)
      .set({ ...formColumns(next), version: sql`${performanceForms.version} + 1` })
      .where(and(eq(performanceForms.projectId, projectId), eq(performanceForms.version, current.version)))
      .returning({ version: performanceForms.version })
      .get();
    if (!updated) throw new Error('performance form changed inside the transaction');
    const indicatorsChanged = changes.some((c) => c.field.startsWith('indicators.'));
    if (indicatorsChanged) writeIndicators(tx, projectId, next.indicators);
    for (const c of changes) {
      writeAudit(
        tx,
        { budgetId, userId: actor.userId, action: 'form.update', entity: 'performance_form', entityId: projectId, ...c },
        now,
      );
    }
    return { ok: true, version: bumpBudgetVersion(tx, budgetId, now), formVersion: updated.version };
  });

  if (result.ok) return { ok: true, version: result.formVersion, budgetVersion: result.version };
  if (result.reason === 'stale' && result.current) {
    const cur = result.current;
    return {
      ok: false,
      reason: 'stale',
      fieldErrors: {},
      formError: `该绩效目标表已被他人修改（当前版本 ${cur.version}），您的修改未保存。已载入最新内容，请核对后重新修改。`,
      values: formToValues(cur),
      version: cur.version,
    };
  }
  return { ok: false, reason: result.reason, fieldErrors: result.fieldErrors, formError: result.formError, values };
}

export type CreateFormInput = { budgetId: number; projectId: number; from: 'empty' | 'previous' };

/** Creates a project's form: empty, or carried forward from the previous year's (amounts cleared). */
export function createForm(db: Db, actor: Actor, input: CreateFormInput | Record<string, unknown>): CreateFormResult {
  const refused = (reason: EditFailureReason, formError: string): CreateFormResult => ({ ok: false, reason, fieldErrors: {}, formError });
  const idsParsed = ids.safeParse(input);
  if (!idsParsed.success) return refused('forbidden', PROJECT_REFUSED);
  const { budgetId, projectId } = idsParsed.data;
  const from = (input as Record<string, unknown>).from;
  if (from !== 'empty' && from !== 'previous') return refused('invalid', '请选择新建方式');

  const opened = openEdit(db, actor, budgetId);
  if (!opened.ok) return refused(opened.reason, opened.formError ?? '无权修改该预算');
  const year = opened.ctx.budget.year;

  const result = runEdit(db, actor, budgetId, (tx, _budget, now): EditSuccess | EditFailure<never> => {
    const project = projectOf(tx, budgetId, projectId);
    if (!project) return forbidden(PROJECT_REFUSED);
    if (project.carryover) return invalid({}, '上年结转项目不填报绩效目标表');
    if (loadPerformanceForm(tx, projectId)) return stale('该项目已有绩效目标表，请刷新页面', undefined as never);
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
      {
        budgetId,
        userId: actor.userId,
        action: 'form.create',
        entity: 'performance_form',
        entityId: projectId,
        newValue: from,
        reason,
      },
      now,
    );
    return { ok: true, version: bumpBudgetVersion(tx, budgetId, now) };
  });
  if (result.ok) return { ok: true, version: 1, budgetVersion: result.version };
  return { ok: false, reason: result.reason, fieldErrors: result.fieldErrors, formError: result.formError };
}
