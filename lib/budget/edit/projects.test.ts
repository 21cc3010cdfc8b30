import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { performanceForms, performanceIndicators, projectItems, projects } from '../../../db/schema';
import { loadBudgetFacts } from '../load';
import {
  addProjectItem,
  createProject,
  deleteProject,
  deleteProjectItem,
  MAX_BUDGET_PROJECTS,
  MAX_PROJECT_ITEMS,
  summarizeProjectItems,
  updateProject,
  updateProjectItem,
} from './projects';
import { auditCount, auditEntries, budgetVersion, seededWorld, setStatus } from './testing';

type World = ReturnType<typeof seededWorld>;
const projectRow = (w: World, name: string) => w.db.select().from(projects).where(eq(projects.name, name)).get()!;
const newProject = (unitId: number) => ({ name: '新建测试项目', unitId, source: 'general', category: 'specific', carryover: false });

describe('projects', () => {
  it('creates a project, adds items and keeps one version for the aggregate', () => {
    const w = seededWorld();
    const unitId = loadBudgetFacts(w.db, w.budgetId).units[0].id;
    const v = budgetVersion(w.db, w.budgetId);
    const c = createProject(w.db, w.actors.renshe, { budgetId: w.budgetId, project: newProject(unitId) });
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.project).toMatchObject({ name: '新建测试项目', version: 1, amount: 0, itemCount: 0 });
    const i = addProjectItem(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      projectId: c.project.id,
      version: 1,
      item: { functionCode: '2080104', economicCode: '30217', amount: '3,000', procurement: '服务' },
    });
    expect(i.ok).toBe(true);
    if (!i.ok) return;
    expect(i.project).toMatchObject({ version: 2, amount: 300_000, itemCount: 1 });
    expect(i.version).toBe(v + 2);
    const u = updateProjectItem(w.db, w.actors.renshe, { budgetId: w.budgetId, projectId: c.project.id, itemId: i.itemId, version: 2, changes: { amount: '4000' } });
    expect(u).toMatchObject({ ok: true, project: { version: 3, amount: 400_000 } });
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const p = facts.projects.find((x) => x.id === c.project.id)!;
    expect(p.items).toEqual([{ id: i.itemId, functionCode: '2080104', economicCode: '30217', amount: 400_000, procurement: 'services' }]);
    expect(auditEntries(w.db, w.budgetId).map((e) => [e.action, e.field])).toEqual([
      ['project.create', null],
      ['projectItem.create', null],
      ['projectItem.update', 'amount'],
    ]);
  });

  it('validates names, codes, amounts and categories in Chinese', () => {
    const w = seededWorld();
    const unitId = loadBudgetFacts(w.db, w.budgetId).units[0].id;
    const r = createProject(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      project: { name: '长'.repeat(101), unitId, source: 'general', category: '其他', carryover: 'x' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.fieldErrors).toEqual({
        name: '项目名称不能超过100个字（现有101个字）',
        category: '项目类别应为“其他运转类”或“特定目标类”',
        carryover: '资金年度应为“本年预算”或“上年结转”',
      });
    const blank = createProject(w.db, w.actors.renshe, { budgetId: w.budgetId, project: { ...newProject(unitId), name: '  ' } });
    expect(blank).toMatchObject({ ok: false, fieldErrors: { name: '请输入项目名称' } });
    const p = projectRow(w, '驻村工作队经费');
    const item = addProjectItem(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      projectId: p.id,
      version: p.version,
      item: { functionCode: '20801', economicCode: '302', amount: '-5', procurement: '租赁' },
    });
    expect(item.ok).toBe(false);
    if (!item.ok) {
      expect(item.fieldErrors.functionCode).toMatch(/款级科目/);
      expect(item.fieldErrors.economicCode).toMatch(/类级科目/);
      expect(item.fieldErrors.amount).toBe('金额不能为负数');
      expect(item.fieldErrors.procurement).toMatch(/货物、工程、服务/);
    }
  });

  it('refuses a stale project edit with the current value and changes nothing', () => {
    const w = seededWorld();
    const p = projectRow(w, '驻村工作队经费');
    expect(updateProject(w.db, w.actors.renshe, { budgetId: w.budgetId, projectId: p.id, version: p.version, changes: { name: '驻村工作队经费（调整）' } }).ok).toBe(true);
    const audit = auditCount(w.db);
    const r = updateProject(w.db, w.actors.renshe, { budgetId: w.budgetId, projectId: p.id, version: p.version, changes: { name: '别的名字' } });
    expect(r).toMatchObject({
      ok: false,
      reason: 'stale',
      formError: '该项目已被他人修改：当前名称为“驻村工作队经费（调整）”，项目金额为 15,000.00 元（3 条明细），请刷新后重试',
    });
    const items = w.db.select().from(projectItems).where(eq(projectItems.projectId, p.id)).all();
    const del = deleteProjectItem(w.db, w.actors.renshe, { budgetId: w.budgetId, projectId: p.id, itemId: items[0].id, version: p.version });
    expect(del).toMatchObject({ ok: false, reason: 'stale' });
    expect(w.db.select().from(projectItems).where(eq(projectItems.projectId, p.id)).all()).toHaveLength(3);
    expect(auditCount(w.db)).toBe(audit);
  });

  it('deletes a project with its items and its performance form (cascade), audited', () => {
    const w = seededWorld();
    const p = projectRow(w, '人才专项工作经费');
    expect(w.db.select().from(performanceForms).where(eq(performanceForms.projectId, p.id)).get()).toBeDefined();
    const before = loadBudgetFacts(w.db, w.budgetId);
    const v = budgetVersion(w.db, w.budgetId);
    const r = deleteProject(w.db, w.actors.renshe, { budgetId: w.budgetId, projectId: p.id, version: p.version });
    expect(r).toMatchObject({ ok: true, version: v + 1 });
    const after = loadBudgetFacts(w.db, w.budgetId);
    expect(after.projects).toHaveLength(before.projects.length - 1);
    expect(after.forms).toHaveLength(before.forms.length - 1);
    expect(w.db.select().from(projectItems).where(eq(projectItems.projectId, p.id)).all()).toHaveLength(0);
    expect(w.db.select().from(performanceIndicators).where(eq(performanceIndicators.projectId, p.id)).all()).toHaveLength(0);
    const [entry] = auditEntries(w.db, w.budgetId);
    expect(entry.action).toBe('project.delete');
    expect(JSON.parse(entry.oldValue!)).toMatchObject({ name: '人才专项工作经费', amount: 600_000_000, items: 2, performanceForm: true });
  });

  it.each([
    ['dangan', '无权修改其他部门的预算'],
    ['shenhe', '审核人员不能修改部门预算数据'],
    ['admin', '管理员不能修改部门预算数据'],
  ] as const)('refuses %s', (who, message) => {
    const w = seededWorld();
    const p = projectRow(w, '驻村工作队经费');
    const r = deleteProject(w.db, w.actors[who], { budgetId: w.budgetId, projectId: p.id, version: p.version });
    expect(r).toMatchObject({ ok: false, reason: 'forbidden', formError: message });
    expect(projectRow(w, '驻村工作队经费')).toBeDefined();
  });

  it('refuses edits to a submitted budget', () => {
    const w = seededWorld();
    setStatus(w.db, w.budgetId, 'submitted');
    const unitId = loadBudgetFacts(w.db, w.budgetId).units[0].id;
    const r = createProject(w.db, w.actors.renshe, { budgetId: w.budgetId, project: newProject(unitId) });
    expect(r).toMatchObject({ ok: false, formError: '预算已报送或已批复，不能修改' });
    expect(auditCount(w.db)).toBe(0);
  });

  it('summarizes 三公 and procurement from the items', () => {
    const w = seededWorld();
    const p = loadBudgetFacts(w.db, w.budgetId).projects.find((x) => x.name === '人力资源发展事业工作经费')!;
    const s = summarizeProjectItems(p.items);
    expect(s.threePublic).toEqual([{ code: '30217', label: '公务接待费', amount: 1_000_000 }]);
    expect(s.procurement).toEqual([]);
    expect(summarizeProjectItems([{ economicCode: '30227', amount: 5, procurement: 'services' }]).procurement).toEqual([
      { kind: 'services', label: '服务', amount: 5 },
    ]);
  });
});

describe('caps', () => {
  it('refuses the 2,001st project of a budget and the 201st item of a project, writing nothing', () => {
    const w = seededWorld();
    const unitId = loadBudgetFacts(w.db, w.budgetId).units[0].id;
    expect([MAX_BUDGET_PROJECTS, MAX_PROJECT_ITEMS]).toEqual([2_000, 200]);
    const have = w.db.select().from(projects).where(eq(projects.budgetId, w.budgetId)).all().length;
    // setup: the budget grows to one below the cap directly in the database
    w.db.transaction((tx) => {
      for (let i = have; i < MAX_BUDGET_PROJECTS - 1; i++)
        tx.insert(projects).values({ budgetId: w.budgetId, name: `填充项目${i}`, unitId, source: 'general', category: 'specific', carryover: false, sort: 1000 + i, version: 1 }).run();
    });
    const last = createProject(w.db, w.actors.renshe, { budgetId: w.budgetId, project: newProject(unitId) });
    expect(last.ok).toBe(true);
    if (!last.ok) return;
    const before = { audit: auditCount(w.db), version: budgetVersion(w.db, w.budgetId) };
    const over = createProject(w.db, w.actors.renshe, { budgetId: w.budgetId, project: { ...newProject(unitId), name: '超出上限的项目' } });
    expect(over).toMatchObject({ ok: false, reason: 'invalid', formError: '本预算的项目已达上限 2,000 个，不能再新建；请先删除不需要的项目' });
    expect(w.db.select().from(projects).where(eq(projects.budgetId, w.budgetId)).all()).toHaveLength(MAX_BUDGET_PROJECTS);
    expect({ audit: auditCount(w.db), version: budgetVersion(w.db, w.budgetId) }).toEqual(before);

    w.db.transaction((tx) => {
      for (let i = 0; i < MAX_PROJECT_ITEMS - 1; i++)
        tx.insert(projectItems).values({ projectId: last.project.id, functionCode: '2080104', economicCode: '30217', amount: 100, procurement: null, sort: i + 1 }).run();
    });
    const item = { functionCode: '2080104', economicCode: '30217', amount: '1', procurement: '' };
    const at = addProjectItem(w.db, w.actors.renshe, { budgetId: w.budgetId, projectId: last.project.id, version: 1, item });
    expect(at).toMatchObject({ ok: true, project: { itemCount: MAX_PROJECT_ITEMS } });
    const itemsBefore = { audit: auditCount(w.db), version: budgetVersion(w.db, w.budgetId) };
    const tooMany = addProjectItem(w.db, w.actors.renshe, { budgetId: w.budgetId, projectId: last.project.id, version: 2, item });
    expect(tooMany).toMatchObject({ ok: false, reason: 'invalid', formError: '本项目的明细已达上限 200 条，不能再添加；请合并明细或拆分为多个项目' });
    expect(w.db.select().from(projectItems).where(eq(projectItems.projectId, last.project.id)).all()).toHaveLength(MAX_PROJECT_ITEMS);
    expect({ audit: auditCount(w.db), version: budgetVersion(w.db, w.budgetId) }).toEqual(itemsBefore);
  });
});
