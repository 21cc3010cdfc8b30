/**
 * Forms (docs/domain.md §6, §9): each 绩效目标表's project is a project of the project table under the same name;
 * its 年度资金总额 equals the project's amount there (元 against 万元 with two decimals: equal when the 万元 figure is
 * the 元 figure rounded); its funding parts add up to its total; where the reader gives the 项目概况, the costs it
 * lists before a stated total add up to it, and the total is the form's.
 */
import type { Fen } from '../../facts';
import { formatWan, formatYuan } from '../../money';
import type { ExtractedDocument, ExtractedForm, ProfileTable } from '../model';
import { docFinding, type DocRule } from './place';
import type { DocFinding, NotChecked } from './types';
import { normalizeName } from './document';

export const FORM_RULES = {
  name: { id: 'doc.form-name', severity: 'error', title: '绩效目标表的项目名称与项目支出表一致' },
  unmatched: { id: 'doc.form-unmatched', severity: 'warning', title: '每张绩效目标表对应项目支出表中的一个项目' },
  annual: { id: 'doc.form-annual', severity: 'error', title: '绩效目标表年度资金总额等于项目支出表中的项目金额（元↔万元）' },
  parts: { id: 'doc.form-parts', severity: 'error', title: '绩效目标表年度资金各来源之和等于年度资金总额' },
  overview: { id: 'doc.form-overview', severity: 'warning', title: '项目概况所列支出构成之和等于所写总额，总额与绩效目标表资金总额一致' },
} as const satisfies Record<string, DocRule>;

const yuan = (fen: Fen) => `${formatYuan(fen)} 元`;
/** A 元 amount and a 万元 figure printed with two decimals agree when the 万元 figure is the 元 amount rounded. */
const agrees = (formFen: Fen, tableFen: Fen) => Math.abs(formFen - tableFen) <= 5_000;

interface ProjectRow {
  key: string;
  name: string;
  fen: Fen;
}

function projectRows(t: ProfileTable): ProjectRow[] {
  const total = t.columns.findIndex((c) => c.key === 'total');
  const name = t.columns.findIndex((c) => c.key === 'name');
  return t.rows
    .filter((r) => r.key.startsWith('project:'))
    .map((r) => {
      const n = r.cells[name];
      const a = r.cells[total];
      return { key: r.key, name: n && n.kind === 'text' ? n.text.trim() : '', fen: a && a.kind === 'amount' ? a.amount : 0 };
    });
}

function overview(f: ExtractedForm, out: DocFinding[], i: number) {
  const text = f.overview ?? '';
  if (!text) return;
  const place = { page: f.page, table: `绩效目标表「${f.projectName}」`, column: '项目概况' };
  // the last stated total of the 概况 is the project's (earlier ones may total one cost: “水费每年共计4.8万元”)
  for (const sentence of text.split(/。/).reverse()) {
    const totals = [...sentence.matchAll(/(?:共计|共需资金|共需|合计)\s*([\d,]+(?:\.\d+)?)\s*(万元|元)/g)];
    const total = totals[totals.length - 1];
    if (!total) continue;
    // a cost broken down further (“办公费430000元,其中办公用品200000元,办公耗材230000元”) counts once
    const before = sentence.slice(0, total.index).replace(/元[,，]其中[^；;]*/g, '元');
    const items = [...before.matchAll(/(?<![\d.])(\d+)元/g)].map((m) => Number(m[1]) * 100);
    const stated = Math.round(Number(total[1].replace(/,/g, '')) * (total[2] === '万元' ? 1_000_000 : 100));
    const candidates = [...new Set([f.annualTotal, f.periodTotal].filter((x): x is Fen => x !== null && x !== undefined))];
    const sum = items.reduce((a, b) => a + b, 0);
    if (items.length >= 2 && sum !== stated) {
      out.push(
        docFinding(
          FORM_RULES.overview,
          { kind: 'budget' },
          `绩效目标表「${f.projectName}」项目概况列明的支出 ${items.map((x) => formatYuan(x)).join(' + ')} = ${yuan(sum)}，` +
            `与所写“${total[0]}”（${yuan(stated)}）不一致` +
            (candidates.length ? `；表中资金总额为 ${candidates.map(yuan).join('、')}` : ''),
          { ...place, quote: sentence.slice(Math.max(0, sentence.length - 60)) },
          `${i}`,
        ),
      );
    } else if (candidates.length > 0 && !candidates.includes(stated) && (items.length < 2 || !candidates.includes(sum))) {
      out.push(
        docFinding(
          FORM_RULES.overview,
          { kind: 'budget' },
          `绩效目标表「${f.projectName}」项目概况写“${total[0]}”（${yuan(stated)}），与表中资金总额 ${candidates.map(yuan).join('、')} 都不一致`,
          { ...place, quote: total[0] },
          `${i}`,
        ),
      );
    }
    return;
  }
}

export function checkForms(doc: ExtractedDocument): { findings: DocFinding[]; notChecked: NotChecked[] } {
  const out: DocFinding[] = [];
  const notChecked: NotChecked[] = [];
  if (doc.forms.length === 0) return { findings: out, notChecked };
  const projectTable = doc.tables.find((t) => (doc.profile === 'shanxi-13' ? t.no === 12 : false));
  if (!projectTable) {
    notChecked.push({ rule: FORM_RULES.annual.id, reason: '未能核查：未读取到项目支出表，绩效目标表的项目名称和金额无从核对' });
  }
  const rows = projectTable ? projectRows(projectTable) : [];
  const used = new Set<string>();
  const unmatched: { f: ExtractedForm; i: number }[] = [];
  const byName = new Map<string, ProjectRow[]>();
  for (const r of rows) byName.set(normalizeName(r.name), [...(byName.get(normalizeName(r.name)) ?? []), r]);
  const formPlace = (f: ExtractedForm, column: string) => ({ page: f.page, table: `绩效目标表「${f.projectName}」`, column });

  const checkAmount = (f: ExtractedForm, r: ProjectRow, i: number) => {
    if (f.annualTotal === null) {
      notChecked.push({ rule: FORM_RULES.annual.id, reason: `未能核查：绩效目标表「${f.projectName}」的年度资金总额未读取到` });
      return;
    }
    if (agrees(f.annualTotal, r.fen)) return;
    out.push(
      docFinding(
        FORM_RULES.annual,
        { kind: 'budget' },
        `绩效目标表「${f.projectName}」年度资金总额 ${yuan(f.annualTotal)}，项目支出表中该项目为 ${formatWan(r.fen)} 万元（${yuan(r.fen)}），两者不一致`,
        formPlace(f, '年度资金总额'),
        `${i}`,
      ),
    );
  };

  doc.forms.forEach((f, i) => {
    // funding parts add up
    const parts = f.annualParts.filter((p) => p.amount !== null);
    if (f.annualTotal !== null && parts.length > 0) {
      const sum = parts.reduce((s, p) => s + (p.amount ?? 0), 0);
      if (sum !== f.annualTotal) {
        out.push(
          docFinding(
            FORM_RULES.parts,
            { kind: 'budget' },
            `绩效目标表「${f.projectName}」年度资金 ${parts.map((p) => `${p.label} ${formatYuan(p.amount ?? 0)}`).join(' + ')} = ${yuan(sum)}，与年度资金总额 ${yuan(f.annualTotal)} 不一致`,
            formPlace(f, '年度资金'),
            `${i}`,
          ),
        );
      }
    }
    overview(f, out, i);
    if (!projectTable) return;
    const same = (byName.get(normalizeName(f.projectName)) ?? []).filter((r) => !used.has(r.key));
    if (same.length > 0) {
      const r = same.find((x) => f.annualTotal !== null && agrees(f.annualTotal, x.fen)) ?? same[0];
      used.add(r.key);
      checkAmount(f, r, i);
    } else unmatched.push({ f, i });
  });
  // a form whose name is not in the table: its project is the one left over with the form's amount, if only one
  for (const { f, i } of unmatched) {
    const left = rows.filter((r) => !used.has(r.key) && f.annualTotal !== null && agrees(f.annualTotal, r.fen));
    if (left.length === 1) {
      used.add(left[0].key);
      out.push(
        docFinding(
          FORM_RULES.name,
          { kind: 'budget' },
          `绩效目标表的项目名称“${f.projectName}”与项目支出表中的“${left[0].name}”不一致（年度资金 ${yuan(f.annualTotal!)} 即表中 ${formatWan(left[0].fen)} 万元，是同一项目）`,
          { ...formPlace(f, '项目名称'), row: left[0].name, quote: f.projectName },
          `${i}`,
        ),
      );
    } else {
      out.push(
        docFinding(
          FORM_RULES.unmatched,
          { kind: 'budget' },
          `绩效目标表「${f.projectName}」在项目支出表中找不到同名项目${left.length > 1 ? `（金额相同的项目有 ${left.length} 个，无法确定是哪一个）` : ''}`,
          { ...formPlace(f, '项目名称'), quote: f.projectName },
          `${i}`,
        ),
      );
    }
  }
  return { findings: out, notChecked };
}
