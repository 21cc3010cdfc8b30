import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { budgets, departments } from '../../db/schema';
import { seedIfEmpty } from '../../db/seed';
import { loadBudgetFacts } from '../budget/load';
import { DEFAULT_GLOSSARY } from '../region/glossary';
import { DEFAULT_REGION_TEXTS } from '../region/texts';
import { DEFAULT_REGION_TEXT_INPUT, buildDocument } from './document';
import { buildTables } from './tables';
import { EMPTY_TABLE_NOTE } from './types';

const db = openDatabase(':memory:');
seedIfEmpty(db, { passwordHasher: (p) => p });
const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
const budget = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!;
const facts = loadBudgetFacts(db, budget.id);

describe('buildDocument', () => {
  const doc = buildDocument(facts);

  it('builds the demo document in one call', () => {
    expect(doc.year).toBe(2024);
    expect(doc.cover).toEqual({ title: '泽州县人力资源和社会保障局', subtitle: '2024年度部门预算公开' });
    expect(doc.part1.duties).toBe(facts.text.duties);
    expect(doc.part1.organization).toBe(facts.text.organization);
    expect(JSON.stringify(doc.tables)).toBe(JSON.stringify(buildTables(facts)));
    expect(doc.part3).toHaveLength(12);
    expect(doc.part4).toEqual(DEFAULT_GLOSSARY);
    expect(doc.emptyTableNote).toBe(EMPTY_TABLE_NOTE);
    expect(Object.keys(doc.charts).sort()).toEqual(['generalStructure', 'threePublic']);
    expect(doc.forms).toHaveLength(17);
    expect(doc.purchaseCatalog).toBeUndefined();
    // plain data: survives a JSON round trip unchanged
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('has a 目录 listing the 13 tables and the 12 sections in order', () => {
    expect(doc.toc.map((p) => p.part)).toEqual([
      '第一部分 概况',
      '第二部分 2024年部门预算报表',
      '第三部分 2024年度部门预算情况说明',
      '第四部分 名词解释',
    ]);
    expect(doc.toc[0].entries.map((e) => e.label)).toEqual(['一、本部门职责', '二、机构设置情况']);
    expect(doc.toc[1].entries.map((e) => e.label)).toEqual([
      '表一2024年预算收支总表',
      '表二2024年预算收入总表',
      '表三2024年预算支出总表',
      '表四2024年财政拨款收支总表',
      '表五2024年一般公共预算支出预算表（不含上年结转）',
      '表六2024年一般公共预算安排基本支出分经济科目表（不含上年结转）',
      '表七2024年政府性基金预算收入表（不含上年结转）',
      '表八2024年政府性基金预算支出表（不含上年结转）',
      '表九2024年国有资本经营预算收支预算表（不含上年结转）',
      '表十2024年财政拨款安排“三公”经费支出预算表',
      '表十一2024年财政拨款安排机关运行经费预算表',
      '表十二2024年项目支出预算表（本年预算）',
      '表十三2024年项目支出预算表（上年结转）',
    ]);
    expect(doc.toc[2].entries.map((e) => e.label)).toEqual([
      '一、部门预算收支数据变动情况及原因',
      '二、收入预算情况说明',
      '三、支出预算情况说明',
      '四、财政拨款收支预算总体情况说明',
      '五、一般公共预算支出情况说明',
      '六、一般公共预算基本支出情况说明',
      '七、“三公”经费增减变动原因说明',
      '八、机关运行经费增减变动原因说明',
      '九、政府采购情况',
      '十、绩效管理情况',
      '十一、国有资产占有使用情况',
      '十二、其他说明',
    ]);
    expect(doc.part3.map((s) => s.no)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二']);
    expect(doc.toc[2].entries.map((e) => e.anchor)).toEqual(doc.part3.map((s) => s.anchor));
  });

  it('gives every anchor once', () => {
    const anchors = [
      ...doc.toc.flatMap((p) => [p.anchor, ...p.entries.map((e) => e.anchor)]),
      ...doc.part3.flatMap((s) => (s.subsections ?? []).map((x) => x.anchor)),
      ...doc.forms.map((f) => f.anchor),
    ];
    expect(new Set(anchors).size).toBe(anchors.length);
  });

  it('points the sections at the charts they show', () => {
    expect(doc.part3.filter((s) => s.chart).map((s) => [s.no, s.chart])).toEqual([
      ['五', 'generalStructure'],
      ['七', 'threePublic'],
    ]);
  });

  it('takes the region’s texts, including lib/region/texts.ts’s RegionTexts as stored', () => {
    const custom = buildDocument(facts, {
      glossary: [{ term: '基本支出', definition: '示例解释。' }],
      emptyTableNote: '注：本表无数据，故为空表。',
      tableTitles: DEFAULT_REGION_TEXTS.tableTitles.map((t, i) => (i === 6 ? '{year}年政府性基金预算收入表' : t)),
      purchaseCatalog: '目录\n',
    });
    expect(custom.part4).toEqual([{ term: '基本支出', definition: '示例解释。' }]);
    expect(custom.emptyTableNote).toBe('注：本表无数据，故为空表。');
    expect(custom.tables[6].title).toBe('2024年政府性基金预算收入表');
    expect(custom.toc[1].entries[6].label).toBe('表七2024年政府性基金预算收入表');
    expect(custom.purchaseCatalog).toBe('目录');
    const stored = buildDocument(facts, DEFAULT_REGION_TEXTS);
    expect(stored.tables.map((t) => t.title)).toEqual(doc.tables.map((t) => t.title));
    expect(stored.part4).toEqual(buildDocument(facts, DEFAULT_REGION_TEXT_INPUT).part4);
  });
});
