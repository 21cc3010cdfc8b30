import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, basicLines, fiscalYears, units } from '../../../db/schema';
import { loadBudgetFacts } from '../load';
import { formatYuanExact } from '../../money';
import {
  addLine,
  addLines,
  deleteLine,
  duplicateLine,
  lineTotalsByClass,
  MAX_BUDGET_LINES,
  MAX_ROWS_PER_CALL,
  replaceLines,
  updateLine,
} from './lines';
import { LINES_PAGE_SIZE, linesWindow, type LineNames, type LinesQuery } from './read';
import { bumpBudgetVersion } from './common';
import { compactRow, MAX_PASTE_BYTES, MAX_PASTE_ROWS, parsePastedLines, pasteBytes } from './paste';
import { auditCount, auditEntries, budgetVersion, seededWorld, setStatus } from './testing';

function firstLine(w: ReturnType<typeof seededWorld>) {
  return w.db.select().from(basicLines).where(eq(basicLines.budgetId, w.budgetId)).orderBy(basicLines.sort).get()!;
}
function unitId(w: ReturnType<typeof seededWorld>, budgetIdOfDept: 'own' | 'archive') {
  const facts = loadBudgetFacts(w.db, budgetIdOfDept === 'own' ? w.budgetId : w.archiveBudgetId);
  return facts.units[0].id;
}
const good = (unit: number) => ({ unitId: unit, functionCode: '2080101', economicCode: '30201', source: 'general', amount: '1,234.56' });

describe('line validation', () => {
  const w = seededWorld();
  const u = unitId(w, 'own');
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['three decimals', { amount: '12.345' }, 'amount', /最多保留两位小数/],
    ['text in an amount', { amount: 'abc' }, 'amount', /“abc”不是有效的金额/],
    ['a negative amount', { amount: '-5' }, 'amount', /不能为负数/],
    ['an empty amount', { amount: '' }, 'amount', /请输入金额/],
    ['an unknown function code', { functionCode: '2089998' }, 'functionCode', /不在2024年支出功能分类科目表中/],
    ['a 类 function code where a 项 is needed', { functionCode: '208' }, 'functionCode', /“208 社会保障和就业支出”是类级科目，请选择到7位的“项”级/],
    ['a 款 function code where a 项 is needed', { functionCode: '20801' }, 'functionCode', /是款级科目/],
    ['letters as a function code', { functionCode: 'abc' }, 'functionCode', /应为7位数字/],
    ['an economic 类 where a 款 is needed', { economicCode: '301' }, 'economicCode', /是类级科目，请选择到5位的“款”级/],
    ['an unknown economic code', { economicCode: '39998' }, 'economicCode', /不在2024年部门预算支出经济分类科目表中/],
    ['an unknown fund source', { source: '自筹' }, 'source', /未知的资金来源/],
    ['a unit of another department', { unitId: unitId(w, 'archive') }, 'unitId', /单位不属于本部门/],
  ];
  for (const [what, patch, field, message] of cases) {
    it(`refuses ${what} with a Chinese error on that field and writes nothing`, () => {
      const before = { version: budgetVersion(w.db, w.budgetId), audit: auditCount(w.db), lines: loadBudgetFacts(w.db, w.budgetId).basicLines.length };
      const r = addLine(w.db, w.actors.renshe, { budgetId: w.budgetId, line: { ...good(u), ...patch } as never });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.reason).toBe('invalid');
      expect(r.fieldErrors[field]).toMatch(message);
      expect(budgetVersion(w.db, w.budgetId)).toBe(before.version);
      expect(auditCount(w.db)).toBe(before.audit);
      expect(loadBudgetFacts(w.db, w.budgetId).basicLines).toHaveLength(before.lines);
    });
  }

  it('refuses the same errors when editing a line in place', () => {
    const line = firstLine(w);
    const r = updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { amount: '12.345' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors.amount).toBe('金额最多保留两位小数（到分）');
    expect(firstLine(w).amount).toBe(line.amount);
  });

  it('parses amounts digit by digit into 分 (thousands separators, full-width digits)', () => {
    const r = addLine(w.db, w.actors.renshe, { budgetId: w.budgetId, line: { ...good(u), amount: '１,２34.5' } });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.line.amount).toBe(123_450);
  });
});

describe('line authorization', () => {
  it.each([
    ['another department’s clerk', 'dangan', '无权修改其他部门的预算'],
    ['a reviewer', 'shenhe', '审核人员不能修改部门预算数据'],
    ['an administrator', 'admin', '管理员不能修改部门预算数据'],
  ] as const)('refuses %s and writes nothing', (_what, who, message) => {
    const w = seededWorld();
    const line = firstLine(w);
    const v = budgetVersion(w.db, w.budgetId);
    const audit = auditCount(w.db);
    const results = [
      updateLine(w.db, w.actors[who], { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { amount: '1.00' } }),
      addLine(w.db, w.actors[who], { budgetId: w.budgetId, line: good(line.unitId) }),
      deleteLine(w.db, w.actors[who], { budgetId: w.budgetId, lineId: line.id, version: line.version }),
      duplicateLine(w.db, w.actors[who], { budgetId: w.budgetId, lineId: line.id }),
    ];
    for (const r of results) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reason).toBe('forbidden');
        expect(r.formError).toBe(message);
      }
    }
    expect(firstLine(w)).toEqual(line);
    expect(budgetVersion(w.db, w.budgetId)).toBe(v);
    expect(auditCount(w.db)).toBe(audit);
  });

  it.each(['submitted', 'approved', 'published'] as const)('refuses edits to a %s budget', (status) => {
    const w = seededWorld();
    setStatus(w.db, w.budgetId, status);
    const line = firstLine(w);
    const r = updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { amount: '1.00' } });
    expect(r).toMatchObject({ ok: false, reason: 'forbidden', formError: '预算已报送或已批复，不能修改' });
    expect(firstLine(w).amount).toBe(line.amount);
  });

  it('allows edits to a returned budget but not in a closed year', () => {
    const w = seededWorld();
    setStatus(w.db, w.budgetId, 'returned');
    const line = firstLine(w);
    expect(updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { amount: '1.00' } }).ok).toBe(true);
    w.db.update(fiscalYears).set({ status: 'closed' }).run();
    const r = addLine(w.db, w.actors.renshe, { budgetId: w.budgetId, line: good(line.unitId) });
    expect(r).toMatchObject({ ok: false, formError: '该预算年度已关闭，不能再修改' });
  });

  it('refuses a line id of another budget', () => {
    const w = seededWorld();
    const other = w.db.select().from(basicLines).where(eq(basicLines.budgetId, w.archiveBudgetId)).get()!;
    const r = updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: other.id, version: other.version, changes: { amount: '1.00' } });
    expect(r.ok).toBe(false);
    expect(w.db.select().from(basicLines).where(eq(basicLines.id, other.id)).get()!.amount).toBe(other.amount);
  });
});

describe('editing lines', () => {
  it('writes the change, one audit entry per field (old → new), and bumps the line and budget versions', () => {
    const w = seededWorld();
    const line = firstLine(w);
    const v = budgetVersion(w.db, w.budgetId);
    const r = updateLine(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      lineId: line.id,
      version: line.version,
      changes: { amount: '7,634,531.00', functionCode: '2080104' },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.version).toBe(v + 1);
    expect(r.line).toMatchObject({ amount: 763_453_100, functionCode: '2080104', version: line.version + 1 });
    expect(budgetVersion(w.db, w.budgetId)).toBe(v + 1);
    const entries = auditEntries(w.db, w.budgetId).filter((e) => e.action === 'line.update');
    expect(entries.map((e) => [e.field, e.oldValue, e.newValue, e.entityId, e.userId])).toEqual([
      ['functionCode', '2080101', '2080104', String(line.id), w.actors.renshe.userId],
      ['amount', String(line.amount), '763453100', String(line.id), w.actors.renshe.userId],
    ]);
  });

  it('refuses a stale edit with the current value and overwrites nothing', () => {
    const w = seededWorld();
    const line = firstLine(w);
    const first = updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { amount: '1234.56' } });
    expect(first.ok).toBe(true);
    const v = budgetVersion(w.db, w.budgetId);
    const audit = auditCount(w.db);
    const second = updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { amount: '99.00' } });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.reason).toBe('stale');
    // the same clerk in another tab is not “他人”; the message says what to do
    expect(second.formError).toBe(
      '该行已在您的另一个窗口或标签页中修改：当前金额为 1,234.56 元，您输入的值未保存：请先查看当前值（按 Esc 放弃您的输入），如仍需修改再重新输入',
    );
    expect(second.current).toMatchObject({ id: line.id, amount: 123_456, version: line.version + 1 });
    // a second Enter sends the same edit again: still refused, still nothing written
    const third = updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { amount: '99.00' } });
    expect(third).toMatchObject({ ok: false, reason: 'stale' });
    expect(firstLine(w).amount).toBe(123_456);
    expect(budgetVersion(w.db, w.budgetId)).toBe(v);
    expect(auditCount(w.db)).toBe(audit);
  });

  it('names another user who changed the line meanwhile', () => {
    const w = seededWorld();
    const line = firstLine(w);
    updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { amount: '7' } });
    // as if the department's second clerk had saved it
    w.db
      .insert(auditLog)
      .values({ budgetId: w.budgetId, userId: w.actors.dangan.userId, action: 'line.update', entity: 'basic_line', entityId: String(line.id), field: 'amount', createdAt: Date.now() })
      .run();
    const r = updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { amount: '8' } });
    expect(r).toMatchObject({ ok: false, reason: 'stale' });
    if (!r.ok) expect(r.formError).toMatch(new RegExp(`^该行已被${w.actors.dangan.displayName}修改：当前金额为 7.00 元，`));
  });

  it('names the current value of the field being edited when it is not the amount', () => {
    const w = seededWorld();
    const line = firstLine(w);
    updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { economicCode: '30102' } });
    const r = updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { economicCode: '30103' } });
    expect(r).toMatchObject({ ok: false, reason: 'stale' });
    if (!r.ok) expect(r.formError).toMatch(/^该行已在您的另一个窗口或标签页中修改：当前经济科目为 30102 津贴补贴，/);
  });

  it('refuses a stale delete and a delete of a deleted line', () => {
    const w = seededWorld();
    const line = firstLine(w);
    updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { amount: '5' } });
    const staleDelete = deleteLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version });
    expect(staleDelete).toMatchObject({ ok: false, reason: 'stale' });
    expect(firstLine(w).id).toBe(line.id);
    const ok = deleteLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version + 1 });
    expect(ok.ok).toBe(true);
    const again = deleteLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version + 1 });
    expect(again).toMatchObject({ ok: false, reason: 'notFound', formError: '该行已被他人删除，请刷新后重试' });
    expect(auditEntries(w.db, w.budgetId).filter((e) => e.action === 'line.delete')).toHaveLength(1);
  });

  it('adds, duplicates right below, and resolves the 政府经济 款 from the unit type', () => {
    const w = seededWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const institution = facts.units.find((u) => u.type === 'institution')!;
    const admin = facts.units.find((u) => u.type === 'admin')!;
    const a = addLine(w.db, w.actors.renshe, { budgetId: w.budgetId, line: { ...good(admin.id), economicCode: '30108' } });
    const b = addLine(w.db, w.actors.renshe, { budgetId: w.budgetId, line: { ...good(institution.id), economicCode: '30108' } });
    expect(a.ok && a.line.govEconomicCode).toBe('50102');
    expect(b.ok && b.line.govEconomicCode).toBe('50501');
    const line = firstLine(w);
    const d = duplicateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id });
    expect(d.ok).toBe(true);
    const after = loadBudgetFacts(w.db, w.budgetId).basicLines;
    expect(after[1]).toMatchObject({ functionCode: line.functionCode, economicCode: line.economicCode, amount: line.amount });
    expect(after).toHaveLength(facts.basicLines.length + 3);
    const actions = auditEntries(w.db, w.budgetId).map((e) => e.action);
    expect(actions).toEqual(['line.create', 'line.create', 'line.duplicate']);
  });

  it('clears a 政府经济 override when the unit or 款 changes', () => {
    const w = seededWorld();
    const line = firstLine(w);
    w.db.update(basicLines).set({ govEconomicOverride: '50199' }).where(eq(basicLines.id, line.id)).run();
    const r = updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version, changes: { economicCode: '30102' } });
    expect(r.ok && r.line.govEconomicCode).toBe('50101');
    expect(auditEntries(w.db, w.budgetId).map((e) => e.field)).toEqual(['economicCode', 'govEconomicOverride']);
  });
});

describe('bulk paste', () => {
  it('adds all rows in one transaction, resolving units by name or number', () => {
    const w = seededWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const v = budgetVersion(w.db, w.budgetId);
    const r = addLines(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      rows: [
        { unit: facts.units[1].name, functionCode: '2080101', economicCode: '30107', source: '一般公共预算', amount: '100' },
        { unit: '1', functionCode: '2080101', economicCode: '30201', source: 'general', amount: '2,000.50' },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.added).toBe(2);
    expect(r.version).toBe(v + 1);
    const after = loadBudgetFacts(w.db, w.budgetId).basicLines;
    const added = new Set(r.lines.map((l) => l.id));
    expect(after.filter((l) => added.has(l.id)).map((l) => [l.unitId, l.amount])).toEqual([
      [facts.units[0].id, 200_050],
      [facts.units[1].id, 10_000],
    ]);
  });

  it('puts added and pasted lines at their place in unit and code order, not at the end, and keeps that order', () => {
    const w = seededWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const rank = new Map(facts.units.map((u, i) => [u.id, i]));
    const keyOf = (l: { unitId: number; functionCode: string; economicCode: string }) => `${rank.get(l.unitId)}|${l.functionCode}|${l.economicCode}`;
    const inOrder = (ls: { unitId: number; functionCode: string; economicCode: string }[]) => ls.every((l, i) => i === 0 || keyOf(ls[i - 1]) <= keyOf(l));
    expect(inOrder(facts.basicLines)).toBe(true); // the demo is entered in that order
    const [u1, u2] = facts.units;
    const one = addLine(w.db, w.actors.renshe, { budgetId: w.budgetId, line: { ...good(u2.id), functionCode: '2080101', economicCode: '30101' } });
    const many = addLines(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      rows: [
        { unit: '2', functionCode: '2080199', economicCode: '30201', source: 'general', amount: '1' },
        { unit: '1', functionCode: '2080101', economicCode: '30101', source: 'general', amount: '2' },
        { unit: '1', functionCode: '2080101', economicCode: '30101', source: 'general', amount: '3' },
      ],
    });
    expect(one.ok && many.ok).toBe(true);
    const after = loadBudgetFacts(w.db, w.budgetId).basicLines;
    expect(after).toHaveLength(facts.basicLines.length + 4);
    expect(inOrder(after)).toBe(true);
    // the unit-1 twins follow unit 1's last 2080101 30101 line, in the order pasted; nothing landed at the end
    const at = (amount: number) => after.findIndex((l) => l.amount === amount && l.unitId === u1.id);
    expect(at(300)).toBe(at(200) + 1);
    expect(after[at(200) - 1]).toMatchObject({ unitId: u1.id, functionCode: '2080101', economicCode: '30101' });
    expect(after[after.length - 1].id).toBe(facts.basicLines[facts.basicLines.length - 1].id);
    // the lines moved down kept their versions (reordering is no edit)
    const versions = w.db.select({ v: basicLines.version }).from(basicLines).where(eq(basicLines.budgetId, w.budgetId)).all();
    expect(versions.every((r) => r.v === 1)).toBe(true);
  });

  it('refuses the whole paste when one row is wrong, naming the row, and writes nothing', () => {
    const w = seededWorld();
    const before = loadBudgetFacts(w.db, w.budgetId).basicLines.length;
    const audit = auditCount(w.db);
    const r = addLines(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      rows: [
        { unit: '1', functionCode: '2080101', economicCode: '30201', source: '一般公共预算', amount: '100' },
        { unit: '1', functionCode: '208', economicCode: '30201', source: '一般公共预算', amount: '12.345' },
        { unit: '不存在的单位', functionCode: '2080101', economicCode: '30201', source: '一般公共预算', amount: '1' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rowErrors).toEqual([
      { row: 2, column: '功能科目', message: expect.stringContaining('类级科目') },
      { row: 2, column: '金额', message: '金额最多保留两位小数（到分）' },
      { row: 3, column: '单位', message: expect.stringContaining('未知的单位“不存在的单位”') },
    ]);
    expect(r.formError).toBe('有 2 行存在错误，未添加任何行');
    expect(loadBudgetFacts(w.db, w.budgetId).basicLines).toHaveLength(before);
    expect(auditCount(w.db)).toBe(audit);
  });

  it('previews (dry run) without writing', () => {
    const w = seededWorld();
    const v = budgetVersion(w.db, w.budgetId);
    const r = addLines(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      dryRun: true,
      rows: [{ unit: '1', functionCode: '2080101', economicCode: '30201', source: '一般公共预算', amount: '100' }],
    });
    expect(r).toMatchObject({ ok: true, added: 0, alreadyThere: [] });
    expect(budgetVersion(w.db, w.budgetId)).toBe(v);
  });

  it('the preview names the rows the budget already has, with the line they equal', () => {
    const w = seededWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const third = facts.basicLines[2];
    const unitNo = String(facts.units.findIndex((u) => u.id === third.unitId) + 1);
    const same = { unit: unitNo, functionCode: third.functionCode, economicCode: third.economicCode, source: third.source, amount: formatYuanExact(third.amount) };
    const r = addLines(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      dryRun: true,
      rows: [{ ...same, amount: '1.00' }, same],
    });
    expect(r).toMatchObject({ ok: true, alreadyThere: [{ row: 2, lineRow: 3, lineId: third.id }] });
  });
});

describe('pasting the grid’s own columns', () => {
  const heading = '单位\t功能科目 ↕\t经济科目 ↕\t政府经济科目 ↕ⓘ\t资金来源 ↕\t金额（元） ↕\t操作';
  const row = '泽州县人力资源和社会保障局（机关）\t2080101 行政运行\t50201 办公经费\t50201 办公经费\t一般公共预算\t1,234.56\t复制 删除';

  it('reads them by the heading row, leaving out 政府经济科目 and 操作', () => {
    const own = '泽州县人力资源和社会保障局（机关）\t2080101 行政运行\t30201 办公费\t50201 办公经费\t一般公共预算\t1,234.56\t复制 删除';
    const p = parsePastedLines([heading, own].join('\n'));
    expect(p).toMatchObject({ skippedHeader: true, gridColumns: true, problems: [] });
    expect(p.rows).toEqual([
      { line: 2, unit: '泽州县人力资源和社会保障局（机关）', functionCode: '2080101', economicCode: '30201', source: '一般公共预算', amount: '1,234.56' },
    ]);
    // the 50201 of the 政府经济 column is never read as the source (“未知的资金来源“50201 办公经费””)
    expect(parsePastedLines([heading, row].join('\n')).rows[0].source).toBe('一般公共预算');
  });

  it('recognises them without a heading, and skips the grid’s totals rows', () => {
    const own = '1\t2080101 行政运行\t30201 办公费\t50201 办公经费\t一般公共预算\t100.00';
    const p = parsePastedLines([own, '208 社会保障和就业支出 小计（42 条）\t\t\t\t\t1,000.00', '合计（42 条）\t\t\t\t\t1,000.00'].join('\n'));
    expect(p).toMatchObject({ gridColumns: true, problems: [], skippedHeader: false });
    expect(p.rows.map((r) => [r.economicCode, r.source, r.amount])).toEqual([['30201', '一般公共预算', '100.00']]);
    // five columns stay five columns
    expect(parsePastedLines('1\t2080101\t30201\t一般公共预算\t100').rows[0]).toMatchObject({ source: '一般公共预算', amount: '100' });
    expect(parsePastedLines('1\t2080101\t30201\t一般公共预算\t100').gridColumns).toBe(false);
  });

  it('the domain adds what the grid copy gives', () => {
    const w = seededWorld();
    const p = parsePastedLines([heading, '1\t2080101 行政运行\t30201 办公费\t50201 办公经费\t一般公共预算\t1,234.56\t复制 删除'].join('\n'));
    const r = addLines(w.db, w.actors.renshe, { budgetId: w.budgetId, rows: p.rows.map(({ line: _l, ...x }) => x) });
    expect(r).toMatchObject({ ok: true, added: 1 });
  });
});

describe('replacing all lines (import)', () => {
  it('replaces every line in one transaction with one audit entry', () => {
    const w = seededWorld();
    const v = budgetVersion(w.db, w.budgetId);
    const u = unitId(w, 'own');
    const oldTotal = loadBudgetFacts(w.db, w.budgetId).basicLines.reduce((s, l) => s + l.amount, 0);
    const r = replaceLines(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      baseVersion: v,
      rows: [
        { unitId: u, functionCode: '2080101', economicCode: '30101', source: 'general', amount: 100 },
        { unitId: u, functionCode: '2080101', economicCode: '30102', source: '一般公共预算', amount: 250 },
      ],
      source: 'lines.xlsx',
    });
    expect(r).toMatchObject({ ok: true, count: 2, total: 350, version: v + 1 });
    expect(loadBudgetFacts(w.db, w.budgetId).basicLines.map((l) => l.amount)).toEqual([100, 250]);
    const entries = auditEntries(w.db, w.budgetId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'lines.import', oldValue: JSON.stringify({ count: 42, total: oldTotal }) });
  });

  it('refuses an import previewed against an older budget version, and invalid rows, writing nothing', () => {
    const w = seededWorld();
    const u = unitId(w, 'own');
    const row = { unitId: u, functionCode: '2080101', economicCode: '30101', source: 'general', amount: 100 };
    const staleR = replaceLines(w.db, w.actors.renshe, { budgetId: w.budgetId, baseVersion: budgetVersion(w.db, w.budgetId) - 1 || 99, rows: [row] });
    expect(staleR).toMatchObject({ ok: false, reason: 'stale' });
    const bad = replaceLines(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      baseVersion: budgetVersion(w.db, w.budgetId),
      rows: [row, { ...row, functionCode: '20801' }, { ...row, unitId: unitId(w, 'archive') }],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.rowErrors?.map((e) => [e.row, e.column])).toEqual([[2, '功能科目'], [3, '单位']]);
    expect(loadBudgetFacts(w.db, w.budgetId).basicLines).toHaveLength(42);
  });
});

describe('caps', () => {
  const pasted = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ unit: '1', functionCode: '2080101', economicCode: '30201', source: 'general', amount: String(i + 1) }));
  const lineCount = (w: ReturnType<typeof seededWorld>) => loadBudgetFacts(w.db, w.budgetId).basicLines.length;
  /** Grows the budget to `n` lines by copying its first line directly in the database (setup, not under test); like
   * every write of a budget's facts it bumps the budget's version (the facts load keeps rows by version). */
  function growTo(w: ReturnType<typeof seededWorld>, n: number) {
    const src = firstLine(w);
    const have = lineCount(w);
    w.db.transaction((tx) => {
      for (let i = have; i < n; i++) {
        const { id: _id, ...rest } = src;
        tx.insert(basicLines).values({ ...rest, sort: 1000 + i }).run();
      }
      bumpBudgetVersion(tx, w.budgetId, Date.now());
    });
    expect(lineCount(w)).toBe(n);
  }
  const unchanged = (w: ReturnType<typeof seededWorld>) => {
    const before = { lines: lineCount(w), audit: auditCount(w.db), version: budgetVersion(w.db, w.budgetId) };
    return () => expect({ lines: lineCount(w), audit: auditCount(w.db), version: budgetVersion(w.db, w.budgetId) }).toEqual(before);
  };

  it('are 500 rows per paste and 20,000 lines per budget', () => {
    expect(MAX_ROWS_PER_CALL).toBe(500);
    expect(MAX_PASTE_ROWS).toBe(MAX_ROWS_PER_CALL);
    expect(MAX_BUDGET_LINES).toBe(20_000);
  });

  it('adds 500 pasted rows in one call and refuses 501 naming the limit, writing nothing', () => {
    const w = seededWorld();
    const ok = addLines(w.db, w.actors.renshe, { budgetId: w.budgetId, rows: pasted(500) });
    expect(ok).toMatchObject({ ok: true, added: 500 });
    const check = unchanged(w);
    const r = addLines(w.db, w.actors.renshe, { budgetId: w.budgetId, rows: pasted(501) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('invalid');
    expect(r.formError).toBe('一次最多粘贴 500 行，更多行请用 Excel 导入（本次 501 行，未添加任何行）');
    check();
  });

  it('the paste parser keeps 500 rows and names the limit on the 501st', () => {
    const text = pasted(501).map((r) => [r.unit, r.functionCode, r.economicCode, r.source, r.amount].join('\t')).join('\n');
    const p = parsePastedLines(text);
    expect(p.rows).toHaveLength(500);
    expect(p.problems).toEqual([{ line: 501, message: '一次最多粘贴 500 行，更多行请用 Excel 导入' }]);
  });

  it('sends 500 rows of long unit names in well under the 64 KiB body limit, and the domain reads them as pasted', () => {
    const w = seededWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const rows = Array.from({ length: 500 }, (_, i) => ({
      unit: facts.units[i % facts.units.length].name,
      functionCode: '2080101',
      economicCode: '30201',
      source: '一般公共预算',
      amount: '123456789012.34',
    }));
    const wire = rows.map((r) => compactRow(r, facts.units));
    expect(pasteBytes(wire)).toBeLessThan(32 * 1024);
    expect(MAX_PASTE_BYTES).toBeLessThan(64 * 1024);
    const r = addLines(w.db, w.actors.renshe, { budgetId: w.budgetId, rows: wire });
    expect(r).toMatchObject({ ok: true, added: 500 });
    if (!r.ok) return;
    // each row as pasted (the result lists them in the order pasted; the budget shows them in unit order)
    const ids = new Set(r.lines.map((l) => l.id));
    expect(r.lines.map((l) => l.unitId)).toEqual(rows.map((_, i) => facts.units[i % facts.units.length].id));
    const added = loadBudgetFacts(w.db, w.budgetId).basicLines.filter((l) => ids.has(l.id));
    expect(added).toHaveLength(500);
    expect(added.every((l) => l.source === 'general' && l.amount === 12_345_678_901_234)).toBe(true);
  });

  it('reaches the per-budget cap over several calls, then refuses every way of adding, writing nothing', () => {
    const w = seededWorld();
    growTo(w, MAX_BUDGET_LINES - 800);
    expect(addLines(w.db, w.actors.renshe, { budgetId: w.budgetId, rows: pasted(500) })).toMatchObject({ ok: true, added: 500 });
    // 19,700 lines: 300 more fit, 500 do not (the preview says so too)
    let check = unchanged(w);
    for (const dryRun of [true, false]) {
      const over = addLines(w.db, w.actors.renshe, { budgetId: w.budgetId, rows: pasted(500), dryRun });
      expect(over.ok).toBe(false);
      if (!over.ok) expect(over.formError).toBe('本预算的基本支出最多 20,000 行：现有 19,700 行，最多还能添加 300 行，本次 500 行均未添加');
    }
    check();
    expect(addLines(w.db, w.actors.renshe, { budgetId: w.budgetId, rows: pasted(299) })).toMatchObject({ ok: true, added: 299 });
    const u = unitId(w, 'own');
    expect(addLine(w.db, w.actors.renshe, { budgetId: w.budgetId, line: good(u) }).ok).toBe(true);
    expect(lineCount(w)).toBe(MAX_BUDGET_LINES);

    check = unchanged(w);
    const full = '本预算的基本支出已达上限 20,000 行，不能再添加；请先删除不需要的行';
    expect(addLine(w.db, w.actors.renshe, { budgetId: w.budgetId, line: good(u) })).toMatchObject({ ok: false, reason: 'invalid', formError: full });
    expect(duplicateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: firstLine(w).id })).toMatchObject({ ok: false, formError: full });
    expect(addLines(w.db, w.actors.renshe, { budgetId: w.budgetId, rows: pasted(1) })).toMatchObject({ ok: false, formError: full });
    check();

    // deleting one makes room for one again
    const line = firstLine(w);
    expect(deleteLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version: line.version }).ok).toBe(true);
    expect(duplicateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: firstLine(w).id }).ok).toBe(true);
    expect(lineCount(w)).toBe(MAX_BUDGET_LINES);
  });

  it('imports a workbook of exactly 20,000 rows and refuses 20,001, writing nothing', () => {
    const w = seededWorld();
    const u = unitId(w, 'own');
    const row = (i: number) => ({ unitId: u, functionCode: '2080101', economicCode: '30101', source: 'general', amount: i + 1 });
    const check = unchanged(w);
    const over = replaceLines(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      baseVersion: budgetVersion(w.db, w.budgetId),
      rows: Array.from({ length: MAX_BUDGET_LINES + 1 }, (_, i) => row(i)),
    });
    expect(over).toMatchObject({ ok: false, reason: 'invalid', formError: '本预算的基本支出最多 20,000 行，工作表中有 20,001 行，未导入' });
    check();
    const atCap = replaceLines(w.db, w.actors.renshe, {
      budgetId: w.budgetId,
      baseVersion: budgetVersion(w.db, w.budgetId),
      rows: Array.from({ length: MAX_BUDGET_LINES }, (_, i) => row(i)),
    });
    expect(atCap).toMatchObject({ ok: true, count: MAX_BUDGET_LINES });
    expect(lineCount(w)).toBe(MAX_BUDGET_LINES);
    // a full budget accepts no paste on top of the import
    expect(addLines(w.db, w.actors.renshe, { budgetId: w.budgetId, rows: pasted(1) }).ok).toBe(false);
  });
});

describe('the lines page window', () => {
  // 450 lines: units 1 and 2 alternate
  const all = Array.from({ length: 450 }, (_, i) => ({
    id: 1000 + i,
    unitId: 1 + (i % 2),
    functionCode: i % 3 === 0 ? '2080101' : '2010101',
    economicCode: i % 5 === 0 ? '30201' : '30101',
    govEconomicCode: '50101',
    source: (i % 7 === 0 ? 'unit' : 'general') as 'unit' | 'general',
    amount: (i + 1) * 100,
  }));
  const names: LineNames = {
    units: [
      { id: 1, name: '示例局（机关）' },
      { id: 2, name: '示例中心' },
    ],
    functional: { '2080101': '行政运行', '2010101': '行政运行' },
    economic: { '30201': '办公费', '30101': '基本工资' },
    gov: { '50101': '工资奖金津补贴' },
  };
  const win = (q: LinesQuery) => linesWindow(all, q, names);

  it('shows 200 lines a page, the last page past the end, and page 1 for nonsense', () => {
    expect(LINES_PAGE_SIZE).toBe(200);
    const first = win({});
    expect(first).toMatchObject({ page: 1, pageCount: 3, offset: 0, matching: 450, unitId: null });
    expect(first.lines.map((l) => l.id)).toEqual(all.slice(0, 200).map((l) => l.id));
    expect(win({ page: '3' }).lines.map((l) => l.id)).toEqual(all.slice(400).map((l) => l.id));
    expect(win({ page: '99' })).toMatchObject({ page: 3, offset: 400 });
    for (const page of ['0', '-1', 'abc', '1e3', '']) expect(win({ page }).page).toBe(1);
    expect(win({ page: ['2', '3'] }).page).toBe(2);
    expect(linesWindow([], { page: '5' }, names)).toMatchObject({ page: 1, pageCount: 1, lines: [], matching: 0 });
  });

  it('finds the page of a line, keeping a unit filter that holds it and dropping one that would hide it', () => {
    expect(win({ line: '1201' })).toMatchObject({ page: 2, offset: 200 }); // index 201
    expect(win({ line: '1201', page: '1' }).page).toBe(2);
    expect(win({ line: '9999', page: '3' }).page).toBe(3);
    const odd = win({ unit: '2', line: '1401' }); // index 401, unit 2, the 201st of unit 2
    expect(odd).toMatchObject({ unitId: 2, page: 2, matching: 225, pageCount: 2 });
    expect(odd.lines.every((l) => l.unitId === 2)).toBe(true);
    expect(win({ unit: '1', line: '1401' })).toMatchObject({ unitId: null, page: 3 });
  });

  it('searches all lines, not one page: code prefixes, names, units, sources and amounts; every word must match', () => {
    const ids = (q: LinesQuery) => {
      const w = win(q);
      return { matching: w.matching, q: w.q, first: w.lines[0]?.id };
    };
    // 208 is the start of 2080101 (every third line), never the middle of another code
    expect(ids({ q: '208' })).toMatchObject({ matching: 150, q: '208', first: 1000 });
    expect(ids({ q: '0101' }).matching).toBe(0);
    expect(ids({ q: '办公费' }).matching).toBe(90);
    expect(ids({ q: '  办公费   208  ' })).toMatchObject({ matching: 30, q: '办公费   208' });
    expect(ids({ q: '示例中心' }).matching).toBe(225);
    expect(ids({ q: '单位资金' }).matching).toBe(65);
    expect(ids({ q: '450.00' })).toMatchObject({ matching: 1, first: 1449 });
    // the search pages like the rest, and a line it would hide drops it
    const page2 = win({ q: '208', page: '1' });
    expect(page2.lines.every((l) => l.functionCode === '2080101')).toBe(true);
    expect(win({ q: '办公费', line: '1001' })).toMatchObject({ q: '', page: 1 });
    expect(win({ q: '2010101', line: '1001' })).toMatchObject({ q: '2010101', offset: 0 });
  });

  it('sorts all lines by any column, both ways, ties in the budget’s order; nonsense keeps the budget’s order', () => {
    const byAmount = win({ sort: 'amount', dir: 'desc' });
    expect(byAmount.sort).toEqual({ column: 'amount', dir: 'desc' });
    expect(byAmount.lines[0].amount).toBe(45_000);
    expect(win({ sort: 'amount', dir: 'desc', page: '3' }).lines.at(-1)!.amount).toBe(100);
    const byUnit = win({ sort: 'unitId', dir: 'desc' }).lines;
    expect(byUnit.slice(0, 3).map((l) => l.id)).toEqual([1001, 1003, 1005]); // unit 2 first, ties in order
    const bySource = win({ sort: 'source' });
    expect(bySource.lines.slice(0, 2).map((l) => l.source)).toEqual(['general', 'general']);
    expect(win({ sort: 'source', page: '3' }).lines.at(-1)!.source).toBe('unit');
    expect(win({ sort: 'functionCode' }).lines[0].functionCode).toBe('2010101');
    expect(win({ sort: 'drop table', dir: 'sideways' })).toMatchObject({ sort: null });
    expect(win({ sort: 'drop table' }).lines[0].id).toBe(1000);
    // a line's page follows the order
    expect(win({ sort: 'amount', dir: 'desc', line: '1000' })).toMatchObject({ page: 3 });
  });
});

describe('totals by 功能 类', () => {
  it('sums the lines by class in code order', () => {
    const w = seededWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const t = lineTotalsByClass(facts.basicLines, facts.codes.functional);
    expect(t.classes.map((c) => c.classCode)).toEqual(['208', '210', '221']);
    expect(t.classes[0].name).toBe('社会保障和就业支出');
    expect(t.total).toBe(facts.basicLines.reduce((s, l) => s + l.amount, 0));
    expect(t.classes.reduce((s, c) => s + c.amount, 0)).toBe(t.total);
    expect(lineTotalsByClass([])).toEqual({ classes: [], total: 0, count: 0 });
  });
});

void units;
