/**
 * The checker of disclosures made elsewhere, on documents whose faults we know:
 * - the reference disclosure (docs/reference/zezhou-rsj-2024.txt = shared/seeds/000_c1a490894301d3c9.txt), whose
 *   faults db/seed/demo/NOTES.md and FORMS-NOTES.md list with their arithmetic: every finding below is argued;
 * - the documents our builder makes (the demo department, the small fixture): clean, so nothing but 尾差;
 * - those documents changed in one place: exactly that inconsistency is reported.
 */
import { describe, expect, it } from 'vitest';
import { zezhou2024 } from '../../../db/seed/demo/zezhou-2024';
import type { BudgetFacts } from '../../facts';
import { codebookFromCsv } from '../../disclosure/testing/codebookFromCsv';
import { smallFacts } from '../../disclosure/testing/fixture';
import type { ExtractedDocument } from '../model';
import { CHECKER_RULES, checkDisclosure } from './index';
import { documentFromFacts } from './testing/fromFacts';
import { referenceDocument } from './testing/referenceDoc';

const codes = codebookFromCsv(2024);
const notInfo = (doc: ExtractedDocument) => checkDisclosure(doc, codes).findings.filter((f) => f.severity !== 'info');
const keys = (doc: ExtractedDocument) => notInfo(doc).map((f) => f.key);

describe('the reference disclosure (泽州县人力资源和社会保障局 2024)', () => {
  const report = checkDisclosure(referenceDocument(), codes);
  const found = report.findings.filter((f) => f.severity !== 'info').map((f) => f.key);

  it('reports the figures that disagree between and within the tables', () => {
    expect(found.filter((k) => k.startsWith('table.') || k.startsWith('cross.'))).toEqual([
      // 表二 prints 合计 = 本年收入 only, while its 上年结转 column holds 812.76 / 15.00 / 797.76 (NOTES §1 #5): its
      // 合计 is not 本年 + 上年结转 (5,095.13 ≠ 5,095.13 + 812.76 = 5,907.89), so it differs from 表三 row by row;
      // 2080105: 表二 42.50 vs 表三 12.50 (NOTES #1: 表三's 12.50 is the misprint)
      'cross.t2-equals-t3@cell:2:f:208:2',
      'cross.t2-equals-t3@cell:2:f:20801:2',
      'cross.t2-equals-t3@cell:2:f:20807:2',
      'cross.t2-equals-t3@cell:2:f:2080105:2',
      'cross.t2-equals-t3@cell:2:f:2080199:2',
      'cross.t2-equals-t3@cell:2:f:2080799:2',
      'cross.t2-equals-t3@cell:2:total:2',
      // 表四 本年支出合计 5,907.89 ≠ Σ 类 5,512.46 + 139.71 + 225.72 = 5,877.89 (its 208 小计 is 5,512.46, NOTES #3)
      'table.grand-total@cell:4:sum:current:3',
      // 表三 208 5,512.46 ≠ Σ款 1,973.99 + 538.11 + 3,030.36 = 5,542.46 (NOTES #2)
      'table.hierarchy-sum@cell:3:f:208:2',
      // 表三 20801 1,973.99 ≠ Σ项 1,756.49 + 37.50 + 12.50 + 6.60 + 5.40 + 125.50 = 1,943.99, and its 项目 217.50 ≠
      // 37.50 + 12.50 + 6.60 + 5.40 + 125.50 = 187.50 (the misprinted 2080105, NOTES #1)
      'table.hierarchy-sum@cell:3:f:20801:2',
      'table.hierarchy-sum@cell:3:f:20801:4',
      // 表三 合计 5,907.89 ≠ Σ类 5,512.46 + 139.71 + 225.72 = 5,877.89
      'table.hierarchy-sum@cell:3:total:2',
      // 表十二: department 2,439.03 ≠ its one unit 2,139.03, whose 17 projects add up to 2,439.03 (NOTES #6)
      'table.hierarchy-sum@cell:12:dept:1',
      'table.hierarchy-sum@cell:12:dept:2',
      'table.hierarchy-sum@cell:12:unit:1:1',
      'table.hierarchy-sum@cell:12:unit:1:2',
      // 表三 208: 合计 5,512.46 ≠ 基本 2,290.67 + 项目 3,251.79 = 5,542.46
      'table.total-equals-basic-plus-project@cell:3:f:208:2',
      // 表二 合计 ≠ 本年 + 上年结转 on every row with 上年结转 (see above)
      'table.total-equals-sources@cell:2:f:208:2',
      'table.total-equals-sources@cell:2:f:20801:2',
      'table.total-equals-sources@cell:2:f:20807:2',
      'table.total-equals-sources@cell:2:f:2080199:2',
      'table.total-equals-sources@cell:2:f:2080799:2',
      'table.total-equals-sources@cell:2:total:2',
      // 表四 208: 小计 5,512.46 ≠ 一般公共预算 5,542.46 + 0 + 0 (NOTES #3)
      'table.total-equals-sources@cell:4:f:208:3',
    ]);
  });

  it('reports the text that counts the wrong number of projects and a figure that is not its table’s', () => {
    expect(found.filter((k) => k.startsWith('doc.text-'))).toEqual([
      // 十: 其他运转类 10 + 特定目标类 5 = 15, but 表十二 lists 17 this-year projects (NOTES #7), in both sentences
      'doc.text-count@budget#categories:185',
      'doc.text-count@budget#categories:284',
      // 十: 公开项目绩效目标15个, but 17 绩效目标表 are attached (FORMS-NOTES “Project count”)
      'doc.text-count@budget#forms:234',
      // 十: 实行绩效目标管理的项目15个 and 纳入绩效目标管理的二级项目15个: neither 17 (表十二) nor 22 (with 表十三)
      'doc.text-count@budget#实行绩效目标管理的项目:72',
      'doc.text-count@budget#纳入绩效目标管理的二级项目:150',
      // 四: 社会保障和就业支出 5,542.46, while 表四's 208 小计 prints 5,512.46 (the table's misprint, NOTES #3)
      'doc.text-figure@budget#4:208',
    ]);
    const count = report.findings.find((f) => f.key === 'doc.text-count@budget#categories:185')!;
    expect(count.message).toBe('「十、绩效管理情况」其他运转类 10 个、特定目标类 5 个，共 15 个，表十二列有本年项目 17 个，个数不符');
    expect(count.place.section).toBe('十、绩效管理情况');
    expect(count.place.quote).toContain('特定目标类项目5个');
  });

  it('reports the names that differ: the department in 表二 and a footer, two forms against 表十二', () => {
    expect(found.filter((k) => k.startsWith('doc.department-name') || k.startsWith('doc.form-'))).toEqual([
      // the footer after 表二 prints 涿州县…, 表二's 部门名称 涿州市… (NOTES #4)
      'doc.department-name@budget#14',
      'doc.department-name@budget#2',
      // form titles 巡察中队乡镇站工作经历费 (165,000 元 = 表十二 监察中队乡镇站工作经费 16.50) and 劳动保障工作盟
      // (260,000 元 = 劳动监察工作服 26.00) (NOTES #16); the half-width “(上级)” titles are the same names
      'doc.form-name@budget#1',
      'doc.form-name@budget#2',
      // 县政府购买公益性岗位资金: 岗位补贴 2,378,000 + 社保补贴 1,234,000 = 3,612,000 元, written “共计3611万元”, against
      // a 资金总额 of 3,610,000 元 (NOTES #15: the composition is 2,000 元 off its own total)
      'doc.form-overview@budget#7',
    ]);
    const form = report.findings.find((f) => f.key === 'doc.form-name@budget#1')!;
    expect(form.message).toBe('绩效目标表的项目名称“巡察中队乡镇站工作经历费”与项目支出表中的“监察中队乡镇站工作经费”不一致（年度资金 165,000 元 即表中 16.50 万元，是同一项目）');
  });

  it('reports the wording faults a reviewer marks', () => {
    expect(found.filter((k) => ['doc.punctuation', 'doc.reason-missing', 'doc.toc'].some((p) => k.startsWith(p)))).toEqual([
      // “…经费增加。；本年…” and “…预算减少。。” (NOTES #13)
      'doc.punctuation@budget#一、部门预算收支数据变动情况及原因:108',
      'doc.punctuation@budget#七、“三公”经费增减变动原因说明:70',
      // 五(一): 比上年减少170.87万元，下降3.24%, and no reason anywhere in 五 (NOTES #12)
      'doc.reason-missing@budget#五、一般公共预算支出情况说明',
      // 目录: 表二2024年预算收入总表; the table is titled 2024年预算收入汇总表 (NOTES #4)
      'doc.toc@budget#title:2',
    ]);
  });

  it('reports nothing else as a fault: every change rate, share and figure of the text recomputes', () => {
    // e.g. 一: 565.69 / (5,907.89 − 565.69) = 10.589% → 10.59%; 五(一): 170.87 / 5,266.00 = 3.245% → 3.24%;
    // 八: 2.41 / 85.11 = 2.83%, printed 2.8% (one decimal: consistent); 三: 2,656.1 is 2,656.10 written short
    expect(found).toHaveLength(24 + 6 + 5 + 4);
    expect(report.notChecked).toEqual([]);
  });

  it('reports the 尾差 of the print as information (表六 2,573.40 = 2,381.49 + 191.90 + 0.01)', () => {
    const tails = report.findings.filter((f) => f.ruleId === 'rounding.tail-difference');
    expect(tails.every((f) => f.severity === 'info')).toBe(true);
    expect(tails.map((f) => f.key)).toContain('rounding.tail-difference@cell:6:total:3#table.hierarchy-sum');
  });
});

/** The demo department's budget with the one reason the reference leaves out typed (NOTES §1 #12). */
const demo: BudgetFacts = {
  ...zezhou2024,
  text: { ...zezhou2024.text, reasonGeneralChange: '上级补助项目资金减少' },
  codes,
  forms: [],
};
const small = (): BudgetFacts => {
  const f = smallFacts(codes);
  return {
    ...f,
    text: { ...f.text, reasonTotalChange: '新增项目', reasonGeneralChange: '新增项目', reasonThreePublicChange: '新购公务用车', reasonRunningCostsChange: '新设执法队' },
  };
};

describe('documents our builder makes', () => {
  it('finds nothing but 尾差 on the demo department’s document', () => {
    expect(notInfo(documentFromFacts(demo))).toEqual([]);
  });

  it('finds nothing but 尾差 on the small fixture (three unit types, 基金, carry-over, 三公 in projects)', () => {
    expect(notInfo(documentFromFacts(small()))).toEqual([]);
  });

  it('finds the one missing reason when the demo leaves it out, as the reference does', () => {
    expect(keys(documentFromFacts({ ...demo, text: { ...demo.text, reasonGeneralChange: '' } }))).toEqual([
      'doc.reason-missing@budget#五、一般公共预算支出情况说明',
    ]);
  });
});

describe('one change, one finding', () => {
  const base = () => documentFromFacts(demo);
  const section = (d: ExtractedDocument, numeral: string) => d.sections.find((s) => s.heading.startsWith(`${numeral}、`))!;

  it('a text figure changed: 三 writes 基本支出 2,656.20', () => {
    const d = base();
    const s = section(d, '三');
    s.text = s.text.replace('基本支出2,656.10万元', '基本支出2,656.20万元');
    expect(keys(d)).toEqual(['doc.text-figure@budget#三:基本支出:37']);
  });

  it('a cell changed: 表五 2080101 合计 +1.00 万元 breaks its 款, its row and the other tables', () => {
    const d = base();
    const t5 = d.tables.find((t) => t.no === 5)!;
    const row = t5.rows.find((r) => r.key === 'f:2080101')!;
    const c = row.cells[2];
    if (c.kind !== 'amount') throw new Error('amount expected');
    row.cells[2] = { ...c, amount: c.amount + 1_000_000 };
    expect(keys(d)).toEqual([
      'table.hierarchy-sum@cell:5:f:20801:2',
      'table.total-equals-basic-plus-project@cell:5:f:2080101:2',
    ]);
  });

  it('a changed rate: 一 writes 增长10.69%', () => {
    const d = base();
    const s = section(d, '一');
    s.text = s.text.replace('增长10.59%，主要原因是新立项', '增长10.69%，主要原因是新立项');
    expect(keys(d)).toEqual(['doc.change-rate@budget#0:67']);
  });

  it('a form amount changed: 人才专项工作经费 年度资金 6,000,100 元 against 表十二 600.00 万元', () => {
    const d = base();
    d.forms = [
      {
        projectName: '人才专项工作经费',
        annualTotal: 600_010_000,
        annualParts: [{ label: '市县(区)财政资金', amount: 600_010_000 }],
        unit: '元',
        indicators: [],
        where: '绩效目标表「人才专项工作经费」',
        page: null,
      },
    ];
    // the text says 公开项目绩效目标0个 (the demo is built without forms): one form read is also a count finding
    expect(keys(d)).toEqual(['doc.form-annual@budget#0', 'doc.text-count@budget#forms:266']);
  });

  it('a name changed: 表五 prints another department', () => {
    const d = base();
    d.nameMentions[5] = { where: '表5部门名称', text: '泽州县人力资源和社会保障厅' };
    expect(keys(d)).toEqual(['doc.department-name@budget#5']);
  });

  it('what could not be read is said, not reported as a fault', () => {
    const d = base();
    d.tables = d.tables.filter((t) => t.no !== 11);
    d.unread = [{ where: '第15页', reason: '表十一的表格线无法识别' }];
    const r = checkDisclosure(d, codes);
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.notChecked.map((n) => n.reason)).toEqual([
      '未能读取：第15页：表十一的表格线无法识别',
      '未能核查：未读取到表十一，涉及表十一的表内、表间核对未进行',
      '未能核查：未读取到表十一，「八、机关运行经费增减变动原因说明」的机关运行经费无从核对',
      '未能核查：目录列有“表十一2024年财政拨款安排机关运行经费预算表”，正文中未读取到表十一',
    ]);
  });
});

describe('the catalogue', () => {
  it('documents every rule of the checker in lib/rules/README.md', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../rules/README.md', import.meta.url), 'utf8');
    for (const r of CHECKER_RULES) expect(readme, r.id).toContain(`\`${r.id}\` | ${r.severity}`);
  });
});
