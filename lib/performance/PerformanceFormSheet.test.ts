/**
 * Golden test of the printed 项目支出绩效目标表: each of the 17 demo forms, rendered to static markup, shows the
 * reference's values (docs/reference/zezhou-rsj-2024.txt, lines 502–1105) as printed.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PerformanceFormSheet, regionFromDepartmentName } from '../../components/PerformanceFormSheet';
import { indicatorGrid } from './printedForm';
import { zezhou2024Forms } from '../../db/seed/demo/forms-2024';
import type { PerformanceForm } from './form';
import { CLASSIC_TAXONOMY } from '../rules/taxonomy';

/**
 * Per form, as printed in the reference: 表十二's project name, 实施期资金总额, 年度资金总额, 填报日期 and the start of the
 * 立项依据.
 */
const REFERENCE: ReadonlyArray<readonly [name: string, total: string, annual: string, filledAt: string, basis: string]> = [
  ['创业和职业技能服务工作经费', '220,000', '75,000', '20231215161224', '根据泽州办字[2021]47号文'],
  ['监察中队乡镇站工作经费', '550,000', '165,000', '20231215161414', '山西省人力资源和社会保障厅《山西'],
  ['劳动监察工作服', '260,000', '260,000', '20231215160640', '山西省人民政府办公厅文件《关于进'],
  ['网络运行维护费', '180,000', '54,000', '20231215161804', '《山西省人力资源和社会保障厅关于'],
  ['社会保险中心办公楼管理费', '180,000', '180,000', '20231215160742', '根据泽州县机构编制委员会办公室《'],
  ['人力资源发展事业工作经费', '750,000', '240,000', '20231215161722', '晋城市人力资源和社会保障局《关于'],
  ['省级财政就业补助资金（上级）', '76,000', '76,000', '20240126111709', '山西省财政厅关于提前下达2024'],
  ['县政府购买公益性岗位资金', '3,610,000', '3,610,000', '20231215140908', '城市人力资源和社会保障局 晋城市'],
  ['遗属补助经费', '40,000', '39,312', '20231213151503', '主要用于2024年4名遗属人员的'],
  ['中央财政就业补助资金（上级就业见习岗位补贴）', '1,500,000', '1,500,000', '20240126112615', '山西省财政厅关于提前下达2024'],
  ['知识更新必需科目培训经费', '400,000', '120,000', '20231215161532', '1.《关于开展2023年全县教育'],
  ['中央财政就业补助资金（上级）', '8,090,000', '8,090,000', '20240126113859', '山西省财政厅关于提前下达2024'],
  ['驻村工作队经费', '20,000', '15,000', '20231215134444', '晋驻村办[2022]14号 山西'],
  ['执法办案经费', '850,000', '850,000', '20231215160524', '国务院令 第423号《劳动保障监'],
  ['创业就业专项资金', '3,050,000', '3,050,000', '20231219130418', '晋市财社【2023】67号晋城市'],
  ['公共就业及人才服务经费', '220,000', '66,000', '20231215161041', '山西省人力资源和社会保障厅关于开'],
  ['人才专项工作经费', '6,000,000', '6,000,000', '20231219130333', '泽州县〔2023〕6号《关于下达'],
];

/** What renderToStaticMarkup does to text. */
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

function render(name: string): { html: string; form: PerformanceForm } {
  const demo = zezhou2024Forms.find((f) => f.projectName === name);
  if (!demo) throw new Error(`no demo form ${name}`);
  const { projectName, ...rest } = demo;
  const form: PerformanceForm = { projectId: 1, ...rest };
  const html = renderToStaticMarkup(
    createElement(PerformanceFormSheet, {
      form,
      projectName,
      unitName: '泽州县人力资源和社会保障局（机关）',
      departmentCode: '054',
      departmentName: '泽州县人力资源和社会保障局',
      year: 2024,
    }),
  );
  return { html, form };
}

/** The text of the `<td>` with the given data-testid. */
function cell(html: string, testId: string): string | undefined {
  const m = new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(html);
  return m?.[1];
}

describe('PerformanceFormSheet (golden, 17 demo forms)', () => {
  it('covers every demo form', () => {
    expect(REFERENCE.map(([n]) => n).sort()).toEqual(zezhou2024Forms.map((f) => f.projectName).sort());
  });

  for (const [name, total, annual, filledAt, basis] of REFERENCE) {
    it(name, () => {
      const { html, form } = render(name);
      expect(html).toContain('泽州县县(区)级预算部门(单位)项目支出绩效目标表');
      expect(html).toContain('(2024年度)');
      expect(cell(html, 'sheet-project-name')).toBe(escapeHtml(name));
      expect(html).toContain('054-泽州县人力资源和社会保障局');
      expect(html).toContain('泽州县人力资源和社会保障局（机关）');
      expect(cell(html, 'sheet-total-total')).toBe(total);
      expect(cell(html, 'sheet-annual-total')).toBe(annual);
      // each form uses one source, printed with the same figure as the total
      const splitCells = ['central', 'provincial', 'local', 'selfRaised', 'other'].map((k) => cell(html, `sheet-annual-${k}`));
      expect(splitCells.filter((c) => c !== '0')).toEqual([annual]);
      // the reference prints the entry system's timestamp (20231215134444); the form prints the date it holds
      expect(html).toContain(`填报日期: ${Number(filledAt.slice(0, 4))}年${Number(filledAt.slice(4, 6))}月${Number(filledAt.slice(6, 8))}日`);
      expect(html).not.toContain(filledAt);
      expect(html).toContain(escapeHtml(basis));
      for (const t of [form.overview, form.necessity, form.measures, form.plan, form.goalTotal, form.goalAnnual]) {
        expect(html).toContain(escapeHtml(t));
      }
      expect(html).toContain(form.attribute === 'recurring' ? '经常性项目(长期开展)' : '一次性项目');
      expect(html).toContain(`${form.periodYears}年`);
      // the grid: header, then every indicator's 三级 name and 指标值
      expect(html).toContain('绩效指标');
      for (const i of form.indicators) {
        expect(html, `${name}: ${i.name}`).toContain(escapeHtml(i.name));
        expect(html, `${name}: ${i.value}`).toContain(escapeHtml(i.value));
      }
      // one printed row per row of the longer period in each (一级, 二级) group
      const rows = html.match(/data-testid="sheet-indicator-row"/g)?.length ?? 0;
      expect(rows).toBe(indicatorGrid(form.indicators, CLASSIC_TAXONOMY).reduce((s, b) => s + b.rows, 0));
      // every 二级 row of the official form is printed, with indicators or empty
      for (const l1 of CLASSIC_TAXONOMY.level1)
        for (const l2 of l1.level2) expect(html, `${name}: ${l2}`).toMatch(new RegExp(`>${l2}</td>`));
      expect(rows).toBeGreaterThanOrEqual(Math.max(...(['total', 'annual'] as const).map((p) => form.indicators.filter((i) => i.period === p).length)));
    });
  }

  it('prints the first form as the reference does, row by row', () => {
    const { html } = render('创业和职业技能服务工作经费');
    // each row as its cells' texts
    const rows = [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) =>
      [...m[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1].replace(/<br\/>/g, '')),
    );
    expect(rows[3]).toEqual(['项目资金(元)', '实施期资金总额:', '220,000', '年度资金总额:', '75,000']);
    expect(rows[6]).toEqual(['市县(区)财政资金', '220,000', '市县(区)财政资金', '75,000']);
    const header = rows.findIndex((r) => r[0] === '绩效指标');
    expect(rows[header]).toEqual(['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '二级指标', '三级指标', '指标值']);
    expect(rows[header + 1]).toEqual(['产出指标', '数量指标', '全年用水量', '≤17000吨', '数量指标', '全年用水量', '≤17000吨']);
    expect(rows[header + 2]).toEqual(['全年用电量', '≤72000度', '全年用电量', '≤72000度']);
    expect(rows[header + 4]).toEqual(['质量指标', '购置办公用品合格率', '100%', '质量指标', '购置办公用品合格率', '100%']);
    // the 二级 rows the form has no indicator for are printed empty, as on the official form
    expect(rows.find((r) => r[0] === '效益指标')).toEqual(['效益指标', '经济效益指标', '', '', '经济效益指标', '', '']);
    expect(rows.find((r) => r[0] === '满意度指标')).toEqual(['满意度指标', '服务对象满意度指标', '职工满意度', '98%', '服务对象满意度指标', '职工满意度', '90%']);
    expect(rows.at(-1)).toEqual(['负责人: ', '经办人: ', '联系电话: ', '填报日期: 2023年12月15日']); // printed 20231215161224
    // the 一级 cell spans its block: 产出指标 over 10 rows
    expect(html).toMatch(/rowSpan="10"[^>]*>产出指标</i);
  });

  it('aligns periods by 二级 and pads the shorter side', () => {
    const grid = indicatorGrid([
      { period: 'total', level1: '产出指标', level2: '数量指标', name: 'a', value: '1个', sort: 1 },
      { period: 'total', level1: '产出指标', level2: '数量指标', name: 'b', value: '2个', sort: 2 },
      { period: 'annual', level1: '产出指标', level2: '数量指标', name: 'a', value: '1个', sort: 1 },
      { period: 'annual', level1: '产出指标', level2: '时效指标', name: 'c', value: '2024年6月', sort: 2 },
      { period: 'annual', level1: '效益指标', level2: '社会效益指标', name: 'd', value: '提高', sort: 3 },
    ]);
    expect(grid.map((b) => [b.level1, b.rows, b.groups.map((g) => [g.level2, g.total.length, g.annual.length, g.rows])])).toEqual([
      ['产出指标', 3, [['数量指标', 2, 1, 2], ['时效指标', 0, 1, 1]]],
      ['效益指标', 1, [['社会效益指标', 0, 1, 1]]],
    ]);
  });

  it('derives the county from the department name', () => {
    expect(regionFromDepartmentName('泽州县人力资源和社会保障局')).toBe('泽州县');
    expect(regionFromDepartmentName('城区教育局')).toBe('城区');
  });
});
