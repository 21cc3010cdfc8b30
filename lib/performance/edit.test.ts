import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type Db } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { auditLog, budgets, departments, performanceForms, performanceIndicators, projects, users } from '../../db/schema';
import type { Actor } from '../auth/authorize';
import { loadBudgetFacts } from '../budget/load';
import { createForm, saveForm, type SaveFormInput } from './edit';
import { MAX_INDICATORS_PER_PERIOD } from './fields';
import { loadPerformanceForm } from './store';
import { formToValues } from './values';

interface World {
  db: Db;
  renshe: Actor;
  dangan: Actor;
  shenhe: Actor;
  budget054: number;
  budget061: number;
  /** 创业和职业技能服务工作经费 (054) */
  projectId: number;
  /** 档案数字化加工经费 (061, no form) */
  archiveProjectId: number;
}

function actor(db: Db, username: string): Actor {
  const u = db.select().from(users).where(eq(users.username, username)).get()!;
  return { userId: u.id, role: u.role, departmentId: u.departmentId, displayName: u.displayName };
}

function budgetOf(db: Db, code: string): number {
  const d = db.select().from(departments).where(eq(departments.code, code)).get()!;
  return db.select().from(budgets).where(eq(budgets.departmentId, d.id)).get()!.id;
}

function projectNamed(db: Db, budgetId: number, name: string): number {
  return db
    .select()
    .from(projects)
    .where(and(eq(projects.budgetId, budgetId), eq(projects.name, name)))
    .get()!.id;
}

function setup(): World {
  const db = openDatabase(':memory:');
  seedIfEmpty(db, { passwordHasher: (p) => `plain:${p}` });
  const budget054 = budgetOf(db, '054');
  const budget061 = budgetOf(db, '061');
  return {
    db,
    renshe: actor(db, 'renshe'),
    dangan: actor(db, 'dangan'),
    shenhe: actor(db, 'shenhe'),
    budget054,
    budget061,
    projectId: projectNamed(db, budget054, '创业和职业技能服务工作经费'),
    archiveProjectId: projectNamed(db, budget061, '档案数字化加工经费'),
  };
}

/** The form's current values as the editor would send them back. */
function inputFor(w: World, projectId = w.projectId, budgetId = w.budget054): SaveFormInput {
  const f = loadPerformanceForm(w.db, projectId)!;
  return { budgetId, projectId, version: f.version, ...formToValues(f) };
}

const budgetVersion = (w: World, id = w.budget054) => w.db.select().from(budgets).where(eq(budgets.id, id)).get()!.version;
const formVersion = (w: World, id = w.projectId) =>
  w.db.select().from(performanceForms).where(eq(performanceForms.projectId, id)).get()?.version;
const audits = (w: World) => w.db.select().from(auditLog).all();

describe('saveForm', () => {
  let w: World;
  beforeEach(() => {
    w = setup();
  });

  it('saves a changed amount in 元 with audit (old → new in 分), a new form version and a new budget version', () => {
    const before = budgetVersion(w);
    const input = inputFor(w);
    expect(input.fundingAnnual.total).toBe('75000');
    input.fundingAnnual.total = '80,000.50';
    input.fundingAnnual.local = '80000.5';
    const r = saveForm(w.db, w.renshe, input);
    expect(r).toEqual({ ok: true, version: 2, budgetVersion: before + 1 });
    const f = loadPerformanceForm(w.db, w.projectId)!;
    expect(f.fundingAnnual.total).toBe(8_000_050);
    expect(f.fundingAnnual.local).toBe(8_000_050);
    expect(f.indicators).toHaveLength(26); // untouched
    const log = audits(w);
    expect(log.map((a) => [a.action, a.entity, a.entityId, a.field, a.oldValue, a.newValue])).toEqual([
      ['form.update', 'performance_form', String(w.projectId), 'fundingAnnual.total', '7500000', '8000050'],
      ['form.update', 'performance_form', String(w.projectId), 'fundingAnnual.local', '7500000', '8000050'],
    ]);
    expect(log.every((a) => a.userId === w.renshe.userId && a.budgetId === w.budget054)).toBe(true);
  });

  it('replaces the indicators in the order given and audits each period as text', () => {
    const input = inputFor(w);
    input.indicators.annual = [
      { level1: '满意度指标', level2: '服务对象满意度指标', name: '职工满意度', value: '≥95%' },
      { level1: '产出指标', level2: '数量指标', name: '全年用水量', value: '≤16000吨' },
    ];
    const r = saveForm(w.db, w.renshe, input);
    expect(r.ok).toBe(true);
    const f = loadPerformanceForm(w.db, w.projectId)!;
    expect(f.indicators.filter((i) => i.period === 'total')).toHaveLength(13);
    expect(f.indicators.filter((i) => i.period === 'annual').map((i) => [i.sort, i.name, i.value])).toEqual([
      [1, '职工满意度', '≥95%'],
      [2, '全年用水量', '≤16000吨'],
    ]);
    const entry = audits(w).find((a) => a.field === 'indicators.annual')!;
    expect(entry.oldValue).toContain('产出指标›数量指标›全年用水量：≤17000吨');
    expect(entry.newValue).toBe('满意度指标›服务对象满意度指标›职工满意度：≥95%\n产出指标›数量指标›全年用水量：≤16000吨');
  });

  it('writes nothing (and keeps the versions) when nothing changed', () => {
    const before = budgetVersion(w);
    const r = saveForm(w.db, w.renshe, inputFor(w));
    expect(r).toEqual({ ok: true, version: 1, budgetVersion: before });
    expect(audits(w)).toHaveLength(0);
  });

  it('refuses invalid fields with Chinese messages per field and writes nothing', () => {
    const before = budgetVersion(w);
    const input = inputFor(w);
    input.fundingAnnual.total = '75000.123';
    input.fundingTotal.central = '-5';
    input.fundingTotal.other = '十万';
    input.overview = '很'.repeat(2001);
    input.phone = 'call me';
    input.periodYears = '0';
    input.filledAt = '2024-13-40';
    input.indicators.total[0] = { ...input.indicators.total[0], name: '' };
    const r = saveForm(w.db, w.renshe, input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('invalid');
    expect(r.formError).toBeTruthy();
    expect(r.fieldErrors['fundingAnnual.total']).toMatch(/两位小数/);
    expect(r.fieldErrors['fundingTotal.central']).toMatch(/不能为负数/);
    expect(r.fieldErrors['fundingTotal.other']).toMatch(/不是有效的/);
    expect(r.fieldErrors.overview).toMatch(/项目概况不能超过2000个字/);
    expect(r.fieldErrors.phone).toMatch(/联系电话格式不正确/);
    expect(r.fieldErrors.periodYears).toMatch(/项目期/);
    expect(r.fieldErrors.filledAt).toMatch(/填报日期/);
    expect(r.fieldErrors['indicators.total.0.name']).toMatch(/实施期第1行.*三级指标/);
    // the editor keeps what was typed (its own state): the refusal carries no form of its own to load over it
    expect(r.current).toBeUndefined();
    expect(budgetVersion(w)).toBe(before);
    expect(formVersion(w)).toBe(1);
    expect(audits(w)).toHaveLength(0);
  });

  it('accepts blank amounts as 0, a loose phone number and the printed date format', () => {
    const input = inputFor(w);
    input.fundingTotal.other = '';
    input.phone = '(0356) 123-4567转8001';
    input.filledAt = '20240126111709';
    expect(saveForm(w.db, w.renshe, input).ok).toBe(true);
    const f = loadPerformanceForm(w.db, w.projectId)!;
    expect(f.phone).toBe('(0356) 123-4567转8001');
    expect(f.filledAt).toBe('2024-01-26'); // stored as the date it is (the time of day dropped)
    expect(f.fundingTotal.other).toBe(0);
  });

  it('refuses an indicator whose 二级 does not belong to its 一级, naming the row', () => {
    const input = inputFor(w);
    input.indicators.annual.push({ level1: '效益指标', level2: '数量指标', name: '培训人次', value: '≥500人次' });
    const r = saveForm(w.db, w.renshe, input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors['indicators.annual.13.level2']).toBe(
      '年度第14行：二级指标“数量指标”不属于一级指标“效益指标”（效益指标下可选：经济效益指标、社会效益指标、生态效益指标、可持续影响指标）',
    );
    expect(Object.keys(r.fieldErrors)).toEqual(['indicators.annual.13.level2']);
    expect(loadPerformanceForm(w.db, w.projectId)!.indicators).toHaveLength(26);
  });

  it('refuses an unknown 一级 and more than 60 indicators in a period', () => {
    const input = inputFor(w);
    input.indicators.total[2] = { ...input.indicators.total[2], level1: '成本效益' };
    input.indicators.annual = Array.from({ length: MAX_INDICATORS_PER_PERIOD + 1 }, (_, i) => ({
      level1: '产出指标',
      level2: '数量指标',
      name: `指标${i + 1}`,
      value: '1个',
    }));
    const r = saveForm(w.db, w.renshe, input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fieldErrors['indicators.total.2.level1']).toMatch(/实施期第3行：一级指标“成本效益”不在2024年度的绩效指标体系中/);
    expect(r.fieldErrors['indicators.annual']).toBe('年度绩效指标最多60条');
  });

  it("refuses another department's clerk, a reviewer, an administrator and a submitted budget", () => {
    const input = inputFor(w);
    input.overview = '改写';
    for (const a of [w.dangan, w.shenhe, { ...w.shenhe, role: 'admin' as const }]) {
      const r = saveForm(w.db, a, input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason).toBe('forbidden');
        expect(r.formError).toBeTruthy();
      }
    }
    w.db.update(budgets).set({ status: 'submitted' }).where(eq(budgets.id, w.budget054)).run();
    const r = saveForm(w.db, w.renshe, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.formError).toMatch(/已报送/);
    expect(loadPerformanceForm(w.db, w.projectId)!.overview).not.toBe('改写');
    expect(audits(w)).toHaveLength(0);
  });

  it("refuses a forged project id: another department's project under one's own budget, and the reverse", () => {
    // renshe edits their own budget but names 061's project
    const forged = { ...inputFor(w), projectId: w.archiveProjectId, overview: '伪造' };
    const r1 = saveForm(w.db, w.renshe, forged);
    expect(r1.ok).toBe(false);
    if (!r1.ok) {
      expect(r1.reason).toBe('forbidden');
      expect(r1.formError).toBe('项目不存在或不属于该预算');
    }
    // dangan names their own budget but 054's project
    const r2 = saveForm(w.db, w.dangan, { ...inputFor(w), budgetId: w.budget061, overview: '伪造' });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.formError).toBe('项目不存在或不属于该预算');
    // garbage ids
    const r3 = saveForm(w.db, w.renshe, { ...inputFor(w), projectId: 'x' as unknown as number });
    expect(r3.ok).toBe(false);
    expect(loadPerformanceForm(w.db, w.projectId)!.overview).not.toBe('伪造');
    expect(audits(w)).toHaveLength(0);
  });

  it('refuses a stale save with the current values and overwrites nothing', () => {
    const first = inputFor(w);
    const second = inputFor(w);
    first.fundingAnnual.total = '76000';
    expect(saveForm(w.db, w.renshe, first)).toMatchObject({ ok: true, version: 2 });
    const bv = budgetVersion(w);
    second.overview = '后来的修改';
    const r = saveForm(w.db, w.renshe, second);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('stale');
    expect(r.current?.version).toBe(2);
    expect(r.formError).toMatch(/已被他人修改/);
    expect(r.current?.values.fundingAnnual.total).toBe('76000'); // what is there now
    expect(r.current?.values.overview).not.toBe('后来的修改');
    const f = loadPerformanceForm(w.db, w.projectId)!;
    expect(f.overview).not.toBe('后来的修改');
    expect(f.fundingAnnual.total).toBe(7_600_000);
    expect(budgetVersion(w)).toBe(bv);
    // based on the current version, the same edit goes through
    expect(saveForm(w.db, w.renshe, { ...second, version: 2 })).toMatchObject({ ok: true, version: 3 });
  });

  it('feeds the facts the rules read (loadBudgetFacts sees the saved form)', () => {
    const input = inputFor(w);
    input.fundingAnnual.total = '70000';
    saveForm(w.db, w.renshe, input);
    const facts = loadBudgetFacts(w.db, w.budget054);
    expect(facts.forms.find((f) => f.projectId === w.projectId)!.fundingAnnual.total).toBe(7_000_000);
  });
});

describe('createForm', () => {
  let w: World;
  beforeEach(() => {
    w = setup();
  });

  it('creates an empty form for a this-year project without one, with audit and a new budget version', () => {
    const before = budgetVersion(w, w.budget061);
    const r = createForm(w.db, w.dangan, { budgetId: w.budget061, projectId: w.archiveProjectId, from: 'empty' });
    expect(r).toEqual({ ok: true, version: 1, budgetVersion: before + 1 });
    const f = loadPerformanceForm(w.db, w.archiveProjectId)!;
    expect(f.fundingAnnual.total).toBe(0);
    expect(f.indicators).toEqual([]);
    expect(audits(w).map((a) => [a.action, a.entityId, a.newValue])).toEqual([['form.create', String(w.archiveProjectId), 'empty']]);
  });

  it('refuses a second form, a carry-over project, a forged project and another department', () => {
    expect(createForm(w.db, w.renshe, { budgetId: w.budget054, projectId: w.projectId, from: 'empty' })).toMatchObject({
      ok: false,
      reason: 'stale',
    });
    const carry = w.db
      .select()
      .from(projects)
      .where(and(eq(projects.budgetId, w.budget054), eq(projects.carryover, true)))
      .get()!;
    expect(createForm(w.db, w.renshe, { budgetId: w.budget054, projectId: carry.id, from: 'empty' })).toMatchObject({
      ok: false,
      formError: '上年结转项目不填报绩效目标表',
    });
    expect(createForm(w.db, w.renshe, { budgetId: w.budget054, projectId: w.archiveProjectId, from: 'empty' })).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(createForm(w.db, w.renshe, { budgetId: w.budget061, projectId: w.archiveProjectId, from: 'empty' })).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(w.db.select().from(performanceIndicators).where(eq(performanceIndicators.projectId, w.archiveProjectId)).all()).toEqual([]);
    expect(loadPerformanceForm(w.db, w.archiveProjectId)).toBeNull();
  });

  it('refuses to carry forward when last year had no such form', () => {
    const r = createForm(w.db, w.dangan, { budgetId: w.budget061, projectId: w.archiveProjectId, from: 'previous' });
    expect(r).toMatchObject({ ok: false, reason: 'notFound' });
  });
});
