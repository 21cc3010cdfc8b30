/**
 * The history reads as the pages do (issue: objects shown as "基本支出行 #8", "budget_text #1", rule keys, form money in
 * raw 分, indicator changes cut so that old and new look identical). Real log rows written by the domain's edits of
 * the demo department, plus log rows of the shapes the other writers store.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { basicLines } from '../../db/schema';
import { loadBudgetFacts } from '../budget/load';
import { deleteLine, updateLine } from '../budget/edit/lines';
import { textValues, updateTexts } from '../budget/edit/texts';
import { seededWorld, versionOf } from '../workflow/testing/world';
import { markChange, readableChange, type AuditEntry } from './auditText';
import { budgetHistory } from './history';

const entry = (e: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  action: 'form.update',
  entity: 'performance_form',
  entityId: '1',
  field: null,
  oldValue: null,
  newValue: null,
  reason: null,
  userName: '人社局财务（演示）',
  createdAt: Date.UTC(2024, 2, 1, 1, 0),
  ...e,
});

describe('the readable history', () => {
  it('names lines, texts and deleted lines as their pages do, money in 元', () => {
    const w = seededWorld();
    const id = w.budgetId;
    const facts = loadBudgetFacts(w.db, id);
    const rowsOf = () => w.db.select().from(basicLines).where(eq(basicLines.budgetId, id)).all();
    const line = rowsOf().find((l) => l.economicCode === '30102' && l.functionCode === '2080101')!;
    expect(
      updateLine(w.db, w.actors.renshe, { budgetId: id, lineId: line.id, version: line.version, changes: { amount: ((line.amount + 1_000_000) / 100).toFixed(2) } })
        .ok,
    ).toBe(true);
    const base = textValues(loadBudgetFacts(w.db, id).text);
    expect(
      updateTexts(w.db, w.actors.renshe, { budgetId: id, baseVersion: versionOf(w, id), base, values: { reasonGeneralChange: '人员经费减少，公用经费压减' } }).ok,
    ).toBe(true);
    const other = rowsOf().find((l) => l.id !== line.id && l.economicCode === '30239')!;
    expect(deleteLine(w.db, w.actors.renshe, { budgetId: id, lineId: other.id, version: other.version }).ok).toBe(true);

    const now = loadBudgetFacts(w.db, id);
    const rows = budgetHistory(w.db, w.actors.renshe, id)!.rows.map((r) => readableChange(r, { facts: now }));
    const [deleted, text, amount] = rows;
    const unit = now.units.find((u) => u.id === line.unitId)!.name;
    expect(facts.basicLines.some((l) => l.id === other.id)).toBe(true);
    expect(amount).toMatchObject({
      action: '修改基本支出行',
      object: `基本支出：${unit} · 2080101 行政运行 · 30102 津贴补贴 · 一般公共预算`,
      field: '金额',
      by: '人社局财务（演示）',
    });
    expect(amount.old).toMatch(/^\d{1,3}(,\d{3})*\.\d{2} 元$/);
    expect(Number(amount.new.replace(/[, 元]/g, '')) - Number(amount.old.replace(/[, 元]/g, ''))).toBe(10_000);
    expect(text).toMatchObject({ object: '说明文字', field: '一般公共预算当年拨款变动原因', new: '人员经费减少，公用经费压减' });
    // a deleted line is named from the values the log kept
    expect(deleted.action).toBe('删除基本支出行');
    expect(deleted.object).toMatch(/^基本支出：.+ · \d{7} .+ · 30239 其他交通费用 · .+（已删除）$/);
    expect(deleted.old).toMatch(/ · \d{1,3}(,\d{3})*\.\d{2} 元$/);
    expect(rows.every((r) => !/#\d|basic_line|budget_text/.test(r.object))).toBe(true);
  });

  it('reads a form’s money in 元, a warning by its rule and project, and marks what changed in long texts', () => {
    const w = seededWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const project = facts.projects.find((p) => facts.forms.some((f) => f.projectId === p.id))!;
    const money = readableChange(entry({ entityId: String(project.id), field: 'fundingTotal.local', oldValue: '4000000', newValue: '3931200' }), { facts });
    expect(money).toMatchObject({ object: `绩效目标表：${project.name}`, field: '实施期市县(区)财政资金（元）', old: '40,000.00 元', new: '39,312.00 元' });

    const warning = readableChange(
      entry({ action: 'explanation.save', entity: 'finding', entityId: `form.source-contradiction@form:${project.id}:fundingAnnual.central`, field: 'explanation', newValue: '中央资金为转移支付' }),
      { facts },
    );
    expect(warning.object).toBe(`检查结果“资金构成与项目名称或资金来源相矛盾”（绩效目标表：${project.name}）`);
    expect(warning.field).toBe('说明');

    // indicators differing only at the end of a long text: both sides are whole, the difference is marked
    const before = '产出指标›数量指标›专线：10条\n产出指标›数量指标›宽带：14条\n产出指标›质量指标›网络畅通合格率：≥98%';
    const after = '产出指标›数量指标›专线：10条\n产出指标›数量指标›宽带：14条\n产出指标›质量指标›网络畅通合格率：≥99%';
    const ind = readableChange(entry({ entityId: String(project.id), field: 'indicators.annual', oldValue: before, newValue: after }), { facts });
    expect(ind).toMatchObject({ field: '年度绩效指标', old: before, new: after });
    expect(ind.marked!.old[1]).toBe('8');
    expect(ind.marked!.new[1]).toBe('9');
    expect(ind.marked!.old.join('')).toBe(before);
  });

  it('reads administrative records: control figures, code-book imports, users', () => {
    const cf = readableChange(
      entry({ action: 'control_figure.set', entity: 'control_figure', entityId: '3:2024', field: 'amount', oldValue: '47290000', newValue: '47300000', reason: '调整' }),
      { departments: new Map([[3, '泽州县人力资源和社会保障局']]) },
    );
    expect(cf).toMatchObject({ action: '设置控制数', object: '预算控制数：泽州县人力资源和社会保障局 2024年', old: '472,900.00 元', new: '473,000.00 元', reason: '调整' });
    const book = readableChange(
      entry({
        action: 'codebook.import',
        entity: 'functional_codes',
        entityId: '2025',
        oldValue: '1200 条',
        newValue: JSON.stringify({ total: 1100, added: 3, renamed: [['2080101', '行政运行', '行政运行（人社）']], removed: [['2089999', '其他']], affectedLines: 4 }),
      }),
      {},
    );
    expect(book.object).toBe('2025年功能分类科目');
    expect(book.new.split('\n')).toEqual(['共 1100 条：新增 3，改名 1，删除 1，涉及 4 行', '改名 2080101：行政运行 → 行政运行（人社）', '删除 2089999 其他']);
    const user = readableChange(entry({ action: 'user.deactivate', entity: 'user', entityId: '7', field: 'active', oldValue: 'true', newValue: 'false' }), {
      users: new Map([[7, '档案馆财务']]),
    });
    expect(user).toMatchObject({ action: '停用用户', object: '用户：档案馆财务', field: '状态', old: '启用', new: '停用' });
  });

  it('marks only long texts that both exist', () => {
    expect(markChange('', 'abc')).toBeNull();
    expect(markChange('短', '长')).toBeNull();
    expect(markChange('本年预算增加了办公费用一万元整', '本年预算减少了办公费用一万元整')).toEqual({
      old: ['本年预算', '增加', '了办公费用一万元整'],
      new: ['本年预算', '减少', '了办公费用一万元整'],
    });
  });
});
