import { describe, expect, it } from 'vitest';
import { loadBudgetFacts } from '../load';
import { assetValues, updateAssets } from './assets';
import { incomeValues, updateIncome } from './income';
import { priorValues, updatePrior } from './prior';
import { textValues, updateTexts } from './texts';
import { auditCount, auditEntries, budgetVersion, seededWorld, setStatus } from './testing';

type World = ReturnType<typeof seededWorld>;
const facts = (w: World) => loadBudgetFacts(w.db, w.budgetId);

describe('income', () => {
  it('saves this year’s and carried-over income per source, audited, bumping the budget version', () => {
    const w = seededWorld();
    const v = budgetVersion(w.db, w.budgetId);
    const r = updateIncome(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      baseVersion: v,
      base: incomeValues(facts(w).income),
      values: { 'general.current': '50,951,300.00', 'unit.current': '1,000.5', 'unit.carryover': '' },
    });
    expect(r).toMatchObject({ ok: true, version: v + 1, changed: ['unit.current'] });
    expect(facts(w).income.find((i) => i.source === 'unit')).toEqual({ source: 'unit', current: 100_050, carryover: 0 });
    expect(auditEntries(w.db, w.budgetId).map((e) => [e.action, e.field, e.oldValue, e.newValue])).toEqual([
      ['income.update', 'unit.current', '0', '100050'],
    ]);
  });

  it('refuses 12.345, abc and -5 per field, writing nothing', () => {
    const w = seededWorld();
    const r = updateIncome(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      baseVersion: budgetVersion(w.db, w.budgetId),
      base: incomeValues(facts(w).income),
      values: { 'general.current': '12.345', 'fund.current': 'abc', 'unit.carryover': '-5', 'bogus.x': '1' },
    });
    expect(r).toMatchObject({ ok: false, fieldErrors: { 'bogus.x': '未知的字段' } });
    const r2 = updateIncome(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      baseVersion: budgetVersion(w.db, w.budgetId),
      base: incomeValues(facts(w).income),
      values: { 'general.current': '12.345', 'fund.current': 'abc', 'unit.carryover': '-5' },
    });
    expect(r2.ok).toBe(false);
    if (!r2.ok)
      expect(r2.fieldErrors).toEqual({
        'general.current': '一般公共预算本年收入最多保留两位小数（到分）',
        'fund.current': '“abc”不是有效的金额',
        'unit.carryover': '单位资金上年结转不能为负数',
      });
    expect(auditCount(w.db)).toBe(0);
  });

  it('refuses a stale edit of a field someone else changed, showing the current value; other fields merge', () => {
    const w = seededWorld();
    const v = budgetVersion(w.db, w.budgetId);
    const base = incomeValues(facts(w).income);
    expect(updateIncome(w.db, w.actors.renshe, { budgetId: w.budgetId, baseVersion: v, base, values: { 'fund.current': '100' } }).ok).toBe(true);
    const staleR = updateIncome(w.db, w.actors.renshe, { budgetId: w.budgetId, baseVersion: v, base, values: { 'fund.current': '200' } });
    expect(staleR).toMatchObject({
      ok: false,
      reason: 'stale',
      formError: '收入已被他人修改：当前政府性基金预算本年收入为 100.00 元，请刷新后重试',
      fieldErrors: { 'fund.current': '已被他人修改：当前政府性基金预算本年收入为 100.00 元' },
    });
    expect(facts(w).income.find((i) => i.source === 'fund')!.current).toBe(10_000);
    // a field nobody else touched saves even though the budget moved on, and the other change is kept
    const merged = updateIncome(w.db, w.actors.renshe, { budgetId: w.budgetId, baseVersion: v, base, values: { 'fund.current': '0', 'capital.current': '7' } });
    expect(merged).toMatchObject({ ok: true, changed: ['capital.current'] });
    expect(facts(w).income.find((i) => i.source === 'fund')!.current).toBe(10_000);
  });

  it('refuses other departments, reviewers, administrators and submitted budgets', () => {
    const w = seededWorld();
    const input = () => ({ budgetId: w.budgetId, baseVersion: budgetVersion(w.db, w.budgetId), base: incomeValues(facts(w).income), values: { 'fund.current': '1' } });
    expect(updateIncome(w.db, w.actors.dangan, input())).toMatchObject({ ok: false, formError: '无权修改其他部门的预算' });
    expect(updateIncome(w.db, w.actors.shenhe, input())).toMatchObject({ ok: false, formError: '审核人员不能修改部门预算数据' });
    expect(updateIncome(w.db, w.actors.admin, input())).toMatchObject({ ok: false, formError: '管理员不能修改部门预算数据' });
    setStatus(w.db, w.budgetId, 'approved');
    expect(updateIncome(w.db, w.actors.renshe, input())).toMatchObject({ ok: false, formError: '预算已报送或已批复，不能修改' });
    expect(auditCount(w.db)).toBe(0);
  });
});

describe('prior-year figures', () => {
  it('saves in 元 → 分 and refuses bad amounts', () => {
    const w = seededWorld();
    const v = budgetVersion(w.db, w.budgetId);
    const base = priorValues(facts(w).prior);
    const bad = updatePrior(w.db, w.actors.renshe, { budgetId: w.budgetId, baseVersion: v, base, values: { reception: 'abc', runningCosts: '1.001' } });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { reception: '“abc”不是有效的金额', runningCosts: '上年机关运行经费最多保留两位小数（到分）' } });
    const r = updatePrior(w.db, w.actors.renshe, { budgetId: w.budgetId, baseVersion: v, base, values: { reception: '20,000.00', abroad: '0' } });
    expect(r).toMatchObject({ ok: true, changed: [] });
    const r2 = updatePrior(w.db, w.actors.renshe, { budgetId: w.budgetId, baseVersion: v, base, values: { reception: '30,000' } });
    expect(r2).toMatchObject({ ok: true, version: v + 1, changed: ['reception'] });
    expect(facts(w).prior.threePublic.reception).toBe(3_000_000);
  });
});

describe('texts', () => {
  it('saves texts, refuses oversize ones, and shows the current text on a stale edit', () => {
    const w = seededWorld();
    const v = budgetVersion(w.db, w.budgetId);
    const base = textValues(facts(w).text);
    const big = updateTexts(w.db, w.actors.renshe, { budgetId: w.budgetId, baseVersion: v, base, values: { duties: '字'.repeat(5001) } });
    expect(big).toMatchObject({ ok: false, fieldErrors: { duties: '部门职责不能超过5000个字（现有5001个字）' } });
    expect(updateTexts(w.db, w.actors.renshe, { budgetId: w.budgetId, baseVersion: v, base, values: { reasonGeneralChange: '  人员调整  ' } })).toMatchObject({ ok: true });
    expect(facts(w).text.reasonGeneralChange).toBe('人员调整');
    const staleR = updateTexts(w.db, w.actors.renshe, { budgetId: w.budgetId, baseVersion: v, base, values: { reasonGeneralChange: '别的原因' } });
    expect(staleR).toMatchObject({ ok: false, reason: 'stale', formError: '说明文字已被他人修改：当前一般公共预算当年拨款变动原因为“人员调整”，请刷新后重试' });
    expect(auditEntries(w.db, w.budgetId)).toHaveLength(1);
  });

  it('stores a reason without the words the text adds (主要原因是 … 。), and only reasons', () => {
    const w = seededWorld();
    const v = budgetVersion(w.db, w.budgetId);
    const base = textValues(facts(w).text);
    const r = updateTexts(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      baseVersion: v,
      base,
      values: { reasonGeneralChange: '主要原因是主要原因是：人员经费减少。', otherNotes: '主要是说明本年度无政府性基金。' },
    });
    expect(r).toMatchObject({ ok: true, values: { reasonGeneralChange: '人员经费减少', otherNotes: '主要是说明本年度无政府性基金。' } });
    expect(facts(w).text.reasonGeneralChange).toBe('人员经费减少');
    // typing the stored reason again with the template's words is no change
    const v2 = budgetVersion(w.db, w.budgetId);
    const again = updateTexts(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      baseVersion: v2,
      base: textValues(facts(w).text),
      values: { reasonGeneralChange: '主要原因是人员经费减少。' },
    });
    expect(again).toMatchObject({ ok: true, version: v2, changed: [] });
  });
});

describe('assets', () => {
  it('saves floor area in 平方米 with two decimals as 0.01 平方米 and vehicle counts by category', () => {
    const w = seededWorld();
    const v = budgetVersion(w.db, w.budgetId);
    const base = assetValues(facts(w).assets);
    const r = updateAssets(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      baseVersion: v,
      base,
      values: { officeArea: '6,100.5', 'vehicles.执法执勤用车.establishment': '2', 'vehicles.执法执勤用车.actual': '1', devicesOver1m: '1', asOf: '2023-12-31' },
    });
    expect(r).toMatchObject({ ok: true });
    const a = facts(w).assets;
    expect(a.officeAreaCentiSqm).toBe(610_050);
    expect(a.devicesOver1m).toBe(1);
    expect(a.vehicles.find((x) => x.category === '执法执勤用车')).toEqual({ category: '执法执勤用车', establishment: 2, actual: 1 });
  });

  it('refuses three decimals of area, negative or fractional counts and a bad date', () => {
    const w = seededWorld();
    const r = updateAssets(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      baseVersion: budgetVersion(w.db, w.budgetId),
      base: assetValues(facts(w).assets),
      values: { officeArea: '12.345', devicesOver500k: '-1', 'vehicles.其他公务用车.actual': '1.5', asOf: '2023-02-30' },
    });
    expect(r).toMatchObject({
      ok: false,
      fieldErrors: {
        officeArea: '办公用房建筑面积最多保留两位小数',
        devicesOver500k: '单价50万元以上通用设备应为不小于0的整数',
        'vehicles.其他公务用车.actual': '其他公务用车实有数应为不小于0的整数',
        asOf: '日期无效',
      },
    });
    const archive = updateAssets(w.db, w.actors.renshe, {
      budgetId: w.archiveBudgetId,
      baseVersion: 1,
      base: {},
      values: { officeArea: '1' },
    });
    expect(archive).toMatchObject({ ok: false, formError: '无权修改其他部门的预算' });
  });
});
