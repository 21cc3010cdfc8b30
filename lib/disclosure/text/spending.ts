/**
 * Sections 六 to 九 of 第三部分: 基本支出 (表六), 三公 (表十), 机关运行经费 (表十一), 政府采购 (project items
 * marked as procurement: no table shows it, so it is computed here, once).
 */
import { PROCUREMENT_KINDS, type BudgetFacts, type Fen, type ProcurementKind } from '../../facts';
import { bucketOf, type Bucket, type ThreePublicItem } from '../aggregate';
import { pieChart } from '../charts';
import { changeOf, cleanReason } from '../words';
import type { SectionBody, TextContext } from './context';
import { para, type Sourced } from './paragraph';

interface EconomicItem {
  code: string;
  name: string;
  fen: Fen;
}

/**
 * The 部门经济 款 that make up 人员经费 and 公用经费 in 表六 (a 款 listed twice there, once per 政府经济 款, is
 * merged), ordered by amount, largest first, then by code: deterministic, and the main items come first.
 */
function basicEconomicItems(ctx: TextContext): Record<Bucket, EconomicItem[]> {
  const { look, facts } = ctx;
  const merged = new Map<string, Fen>();
  for (const r of look.table(6).rows) {
    if (r.level !== 2 || !r.key.startsWith('e:')) continue;
    const dept = r.key.slice(2).split('>')[0];
    merged.set(dept, (merged.get(dept) ?? 0) + look.cell(6, r.key, 'total').fen);
  }
  const out: Record<Bucket, EconomicItem[]> = { personnel: [], public: [] };
  for (const [code, fen] of merged) {
    if (fen === 0) continue;
    out[bucketOf(facts.codes, code)].push({ code, name: facts.codes.deptEconomic[code]?.name || code, fen });
  }
  const order = (a: EconomicItem, b: EconomicItem) => b.fen - a.fen || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  out.personnel.sort(order);
  out.public.sort(order);
  return out;
}

/** 六、一般公共预算基本支出情况说明 */
export function sectionBasic(ctx: TextContext): SectionBody {
  const { look, year, dept } = ctx;
  const items = basicEconomicItems(ctx);
  const p1 = para()
    .year(year)
    .t(`年度${dept}一般公共预算安排基本支出`)
    .wan('basic.total', look.cell(6, 'total', 'total'))
    .t('，其中：');
  const part = (bucket: Bucket, label: string, end: string) => {
    const p = para().t(label).wan(`basic.${bucket}`, look.cell(6, 'total', bucket));
    if (items[bucket].length > 0) p.t(`，主要包括：${items[bucket].map((x) => x.name).join('、')}等`);
    return p.t(end).build();
  };
  return { paragraphs: [p1.build(), part('personnel', '人员经费', '；'), part('public', '公用经费', '。')] };
}

/** The 三公 items in the order the text lists them, with their 表十 rows. */
const THREE_PUBLIC_TEXT_ITEMS: readonly { item: ThreePublicItem; label: string }[] = [
  { item: 'abroad', label: '因公出国（境）费' },
  { item: 'reception', label: '公务接待费' },
  { item: 'vehicleOperation', label: '公务用车运行维护费' },
  { item: 'vehiclePurchase', label: '公务用车购置费' },
];

const THREE_PUBLIC_CHART_TITLE = '三公经费分布图';
export const THREE_PUBLIC_EMPTY = '本年度无“三公”经费预算，不列示三公经费分布图。';

/** 七、“三公”经费增减变动原因说明 */
export function sectionThreePublic(ctx: TextContext): SectionBody {
  const { look, facts, year, dept } = ctx;
  const total = look.cell(10, 'total', 'total');
  const prior = facts.prior.threePublic;
  const priorTotal = prior.abroad + prior.reception + prior.vehiclePurchase + prior.vehicleOperation;
  const items = THREE_PUBLIC_TEXT_ITEMS.map((x) => ({ ...x, v: look.cell(10, `tp:${x.item}`, 'total') }));

  const p1 = para()
    .year(year)
    .t(`年${dept}财政拨款安排的“三公”经费预算`)
    .wan('threePublic.total', total)
    .t('，')
    .change('threePublic.total', changeOf(total.fen, priorTotal), { priorYear: year - 1, withRate: false })
    .reason('reasonThreePublicChange', cleanReason(facts.text.reasonThreePublicChange))
    .t('。');
  const p2 = para().t('其中：');
  items.forEach((x, i) => {
    if (i > 0) p2.t('；');
    p2.t(x.label)
      .wan(`threePublic.${x.item}`, x.v)
      .t('，')
      .change(`threePublic.${x.item}`, changeOf(x.v.fen, prior[x.item]), { lead: '与上年相比预算数', withRate: false });
  });
  p2.t('。');

  const chart = pieChart(
    THREE_PUBLIC_CHART_TITLE,
    items.map((x) => ({ key: x.item, label: x.label, fen: x.v.fen })),
    THREE_PUBLIC_EMPTY,
  );
  const paragraphs = [p1.build(), p2.build()];
  if (chart.emptyMessage) paragraphs.push(para().t(chart.emptyMessage).build());
  return { paragraphs, chart: { key: 'threePublic', chart, show: !chart.emptyMessage } };
}

/** 八、机关运行经费增减变动原因说明 (表十一 部门合计) */
export function sectionRunningCosts(ctx: TextContext): SectionBody {
  const { look, facts, year } = ctx;
  const current: Sourced = look.cell(11, 'dept', 'total');
  const reason = cleanReason(facts.text.reasonRunningCostsChange);
  const p = para()
    .year(year - 1, 'priorYear')
    .t('年机关运行经费')
    .wan('runningCosts.prior', facts.prior.runningCosts)
    .t('，')
    .year(year)
    .t('年预算')
    .wan('runningCosts', current)
    .t('，')
    .change('runningCosts', changeOf(current.fen, facts.prior.runningCosts), { priorYear: year - 1, priorSuffix: '预算' })
    .t('。');
  // as in the reference, the reason is a sentence of its own here
  if (reason !== '') p.reason('reasonRunningCostsChange', reason, '主要原因是').t('。');
  return { paragraphs: [p.build()] };
}

const PROCUREMENT_TEXT_LABEL: Record<ProcurementKind, string> = {
  goods: '政府采购货物预算',
  works: '政府采购工程预算',
  services: '政府采购服务预算',
};

/**
 * 政府采购预算 by kind: the project items marked as procurement (this year's and carried-over projects, any fund
 * source: the mark decides). No table shows these figures; rules that check them should call this function.
 */
function procurementByKind(facts: Pick<BudgetFacts, 'projects'>): Record<ProcurementKind, Fen> {
  const out: Record<ProcurementKind, Fen> = { goods: 0, works: 0, services: 0 };
  for (const p of facts.projects) for (const it of p.items) if (it.procurement) out[it.procurement] += it.amount;
  return out;
}

/** 九、政府采购情况 */
export function sectionProcurement(ctx: TextContext): SectionBody {
  const { facts, year, dept } = ctx;
  const by = procurementByKind(facts);
  const total = PROCUREMENT_KINDS.reduce((s, k) => s + by[k], 0);
  const p = para().year(year).t(`年${dept}政府采购预算总额`).wan('procurement.total', total).t('。其中：');
  PROCUREMENT_KINDS.forEach((k, i) => {
    if (i > 0) p.t('、');
    p.t(PROCUREMENT_TEXT_LABEL[k]).wan(`procurement.${k}`, by[k]);
  });
  p.t('。');
  return { paragraphs: [p.build()] };
}
