/**
 * 项目支出绩效目标表 (docs/domain.md §6, §8): amounts agree with 表十二; splits add up; 年度 ≤ 实施期 (equal for a
 * one-year project); 产出/效益/满意度 indicators in each period; the taxonomy respected; values parse; percentages
 * within 0–100; 时效 within the budget year; the funding split not contradicting the project; no placeholder;
 * unit costs that fit the year's amount.
 */
import { FISCAL_SOURCES, FUND_SOURCE_LABEL, type Fen, type Project } from '../facts';
import type { FundingSplit, Indicator, IndicatorPeriod, PerformanceForm } from '../performance/form';
import { parseIndicatorValue, type IndicatorValue } from '../performance/value';
import { finding, tablesOf } from './context';
import { mismatchYuan, quote, yuan } from './format';
import { findPlaceholder } from './placeholder';
import { level1Of, taxonomyForYear, type Taxonomy } from './taxonomy';
import type { Finding, FindingLocation, Rule, RuleInput } from './types';

const PERIOD_LABEL: Record<IndicatorPeriod, string> = { total: '实施期', annual: '年度' };
const PERIODS: readonly IndicatorPeriod[] = ['total', 'annual'];
const SPLIT_FIELD: Record<IndicatorPeriod, 'fundingTotal' | 'fundingAnnual'> = { total: 'fundingTotal', annual: 'fundingAnnual' };
const SPLIT_PARTS: ReadonlyArray<readonly [keyof FundingSplit, string]> = [
  ['central', '中央财政资金'],
  ['provincial', '省级财政资金'],
  ['local', '市县(区)财政资金'],
  ['selfRaised', '单位自筹'],
  ['other', '其他资金'],
];
const splitSum = (s: FundingSplit): Fen => s.central + s.provincial + s.local + s.selfRaised + s.other;

/** Text fields of the form, with their labels (placeholder and completeness checks). */
const FORM_TEXT_FIELDS: ReadonlyArray<readonly [keyof PerformanceForm, string, boolean]> = [
  // field, label, required
  ['overview', '项目概况', true],
  ['basis', '立项依据', true],
  ['necessity', '项目设立必要性', true],
  ['measures', '保证项目实施的制度、措施', true],
  ['plan', '项目实施计划', true],
  ['goalTotal', '实施期总体目标', true],
  ['goalAnnual', '年度总体目标', true],
  ['manager', '负责人', false],
  ['handler', '经办人', false],
  ['phone', '联系电话', false],
];

// ── shared per input ─────────────────────────────────────────────────────────────────────────────────────

interface FormEntry {
  form: PerformanceForm;
  project: Project;
  /** `项目“遗属补助经费”绩效目标表` */
  label: string;
}

interface FormsContext {
  entries: FormEntry[];
  taxonomy: Taxonomy;
  parse(value: string): IndicatorValue;
}

const cache = new WeakMap<RuleInput, FormsContext>();

function formsOf(input: RuleInput): FormsContext {
  let c = cache.get(input);
  if (!c) {
    const projects = new Map(input.facts.projects.map((p) => [p.id, p]));
    const entries: FormEntry[] = [];
    for (const form of input.facts.forms) {
      const project = projects.get(form.projectId);
      if (!project) continue; // a form of another budget's project: nothing to check it against
      entries.push({ form, project, label: `项目“${project.name}”绩效目标表` });
    }
    const parsed = new Map<string, IndicatorValue>();
    c = {
      entries,
      taxonomy: input.taxonomy ?? taxonomyForYear(input.facts.year),
      parse(value) {
        let v = parsed.get(value);
        if (!v) parsed.set(value, (v = parseIndicatorValue(value)));
        return v;
      },
    };
    cache.set(input, c);
  }
  return c;
}

const formLoc = (projectId: number, field?: string, indicatorIndex?: number): FindingLocation => {
  const l: FindingLocation = { kind: 'form', projectId };
  if (field !== undefined) l.field = field;
  if (indicatorIndex !== undefined) l.indicatorIndex = indicatorIndex;
  return l;
};

/**
 * A finding on one indicator. Its location has the indicator's index (for the UI); its key names the indicator by
 * period and 三级 name (`…@form:12:indicator:annual:水费标准`), so an explanation stays with the indicator when rows
 * are inserted or moved. A name repeated within a period gets its occurrence (`#2`).
 */
function indicatorFinding(rule: Rule, form: PerformanceForm, idx: number, message: string): Finding {
  const f = finding(rule, formLoc(form.projectId, undefined, idx), message);
  const i = form.indicators[idx];
  let n = 0;
  for (let k = 0; k <= idx; k++) {
    const o = form.indicators[k];
    if (o.period === i.period && o.name === i.name) n++;
  }
  f.key = `${rule.id}@form:${form.projectId}:indicator:${i.period}:${i.name.trim()}` + (n > 1 ? `#${n}` : '');
  return f;
}

/**
 * The findings of a per-indicator rule: `problem` looks at one indicator of one form and returns what is wrong
 * with it (the message that follows the indicator's label) or null.
 */
function perIndicator(
  rule: Rule,
  input: RuleInput,
  problem: (i: Indicator, ctx: FormsContext, entry: FormEntry) => string | null,
): Finding[] {
  const ctx = formsOf(input);
  const out: Finding[] = [];
  for (const entry of ctx.entries) {
    entry.form.indicators.forEach((i, idx) => {
      const message = problem(i, ctx, entry);
      if (message) out.push(indicatorFinding(rule, entry.form, idx, `${entry.label}${indicatorLabel(i)}${message}`));
    });
  }
  return out;
}

/** `年度指标“产出指标›数量指标›全年用水量”` */
const indicatorLabel = (i: Indicator): string =>
  `${PERIOD_LABEL[i.period]}指标“${[i.level1, i.level2, i.name].filter((s) => s.trim() !== '').join('›') || '（空）'}”`;

// ── amounts ──────────────────────────────────────────────────────────────────────────────────────────────

const annualEqualsTable12: Rule = {
  id: 'form.annual-equals-table12',
  severity: 'error',
  title: '绩效目标表年度资金总额 = 表十二项目金额',
  check(input) {
    const t12 = tablesOf(input).get(12);
    if (!t12) return [];
    const out: Finding[] = [];
    for (const { form, project, label } of formsOf(input).entries) {
      if (project.carryover) continue;
      const inTable = t12.fen(`project:${project.id}`, 'total');
      if (form.fundingAnnual.total === inTable) continue;
      out.push(
        finding(
          annualEqualsTable12,
          formLoc(project.id, 'fundingAnnual.total'),
          mismatchYuan(`${label}年度资金总额`, form.fundingAnnual.total, '表十二项目金额', inTable),
        ),
      );
    }
    return out;
  },
};

const splitAddsUp: Rule = {
  id: 'form.split-adds-up',
  severity: 'error',
  title: '绩效目标表资金构成之和 = 资金总额',
  check(input) {
    const out: Finding[] = [];
    for (const { form, project, label } of formsOf(input).entries) {
      for (const period of PERIODS) {
        const field = SPLIT_FIELD[period];
        const s = form[field];
        const sum = splitSum(s);
        if (sum === s.total) continue;
        const parts = SPLIT_PARTS.filter(([k]) => s[k] !== 0).map(([k, l]) => `${l} ${yuan(s[k])}`);
        out.push(
          finding(
            splitAddsUp,
            formLoc(project.id, `${field}.total`),
            `${label}${PERIOD_LABEL[period]}资金：` +
              mismatchYuan(parts.length ? `${parts.join(' + ')}，合计` : '各项资金合计', sum, '资金总额', s.total),
          ),
        );
      }
    }
    return out;
  },
};

const annualWithinTotal: Rule = {
  id: 'form.annual-within-total',
  severity: 'error',
  title: '年度资金总额不超过实施期资金总额',
  check(input) {
    const out: Finding[] = [];
    for (const { form, project, label } of formsOf(input).entries) {
      const a = form.fundingAnnual.total;
      const t = form.fundingTotal.total;
      if (a <= t) continue;
      out.push(
        finding(
          annualWithinTotal,
          formLoc(project.id, 'fundingAnnual.total'),
          `${label}年度资金总额 ${yuan(a)}超过实施期资金总额 ${yuan(t)}，多 ${yuan(a - t)}`,
        ),
      );
    }
    return out;
  },
};

const oneYearEqual: Rule = {
  id: 'form.one-year-equal',
  severity: 'error',
  title: '一次性（一年期）项目的实施期资金 = 年度资金',
  check(input) {
    const out: Finding[] = [];
    for (const { form, project, label } of formsOf(input).entries) {
      if (form.attribute !== 'oneOff' && form.periodYears !== 1) continue;
      const t = form.fundingTotal;
      const a = form.fundingAnnual;
      if (t.total !== a.total) {
        out.push(
          finding(
            oneYearEqual,
            formLoc(project.id, 'fundingTotal.total'),
            `${label}：项目期为1年，` + mismatchYuan('实施期资金总额', t.total, '年度资金总额', a.total),
          ),
        );
        continue;
      }
      const part = SPLIT_PARTS.find(([k]) => t[k] !== a[k]);
      if (part) {
        const [k, l] = part;
        out.push(
          finding(
            oneYearEqual,
            formLoc(project.id, `fundingTotal.${k}`),
            `${label}：项目期为1年，` + mismatchYuan(`实施期${l}`, t[k], `年度${l}`, a[k]),
          ),
        );
      }
    }
    return out;
  },
};

// ── indicators ───────────────────────────────────────────────────────────────────────────────────────────

const hasValue = (i: Indicator) => i.name.trim() !== '' && i.value.trim() !== '';

const requiredIndicators: Rule = {
  id: 'form.required-indicators',
  severity: 'error',
  title: '每个时期至少有一个产出、效益、满意度指标',
  check(input) {
    const { entries, taxonomy } = formsOf(input);
    const out: Finding[] = [];
    for (const { form, project, label } of entries) {
      for (const period of PERIODS) {
        const present = new Set<string>();
        for (const i of form.indicators) if (i.period === period && hasValue(i)) present.add(i.level1.trim());
        const missing = taxonomy.required.filter((l) => !present.has(l));
        if (missing.length === 0) continue;
        out.push(
          finding(
            requiredIndicators,
            formLoc(project.id, `indicators.${period}`),
            `${label}${PERIOD_LABEL[period]}绩效指标缺少${missing.join('、')}（每类一级指标至少要有一个填写了指标值的三级指标）`,
          ),
        );
      }
    }
    return out;
  },
};

const level2Belongs: Rule = {
  id: 'form.level2-belongs',
  severity: 'error',
  title: '二级指标属于其一级指标（按本年度指标体系）',
  check(input) {
    const { taxonomy } = formsOf(input);
    return perIndicator(level2Belongs, input, (i) => {
      const l1 = i.level1.trim();
      const l2 = i.level2.trim();
      const node = taxonomy.level1.find((l) => l.name === l1);
      if (!node) return `：一级指标“${l1 || '（空）'}”不在${taxonomy.label}中`;
      if (node.level2.includes(l2)) return null;
      const owner = level1Of(taxonomy, l2);
      return owner
        ? `：二级指标“${l2}”属于一级指标“${owner}”，不属于“${l1}”`
        : `：二级指标“${l2 || '（空）'}”不在${taxonomy.label}中（${l1}下应为${node.level2.join('、')}）`;
    });
  },
};

const indicatorIncomplete: Rule = {
  id: 'form.indicator-incomplete',
  severity: 'error',
  title: '绩效指标填写完整（三级指标名称和指标值）',
  check(input) {
    return perIndicator(indicatorIncomplete, input, (i) => {
      const noName = i.name.trim() === '';
      const noValue = i.value.trim() === '';
      if (!noName && !noValue) return null;
      return `未填写${noName && noValue ? '三级指标名称和指标值' : noName ? '三级指标名称' : '指标值'}`;
    });
  },
};

const valueUnreadable: Rule = {
  id: 'form.value-unreadable',
  severity: 'error',
  title: '指标值可识别（运算符+数值+单位、时间或定性词语）',
  check(input) {
    return perIndicator(valueUnreadable, input, (i, ctx) => {
      const v = ctx.parse(i.value);
      return v.kind === 'unreadable' ? `的指标值${quote(i.value)}无法识别：${v.reason}` : null;
    });
  },
};

const percentRange: Rule = {
  id: 'form.percent-range',
  severity: 'error',
  title: '百分比指标值在 0–100% 之间',
  check(input) {
    return perIndicator(percentRange, input, (i, ctx) => {
      const v = ctx.parse(i.value);
      if (v.kind !== 'quantity' || v.unit !== '%') return null;
      const n = Number(v.number);
      const impossible = n > 100 || (v.operator === '>' && n >= 100) || (v.operator === '<' && n <= 0);
      return impossible ? `的指标值${quote(i.value)}超出 0–100% 的范围` : null;
    });
  },
};

const timeOutsideYear: Rule = {
  id: 'form.time-outside-year',
  severity: 'error',
  title: '时效指标的时间在预算年度内（实施期指标在项目期内）',
  check(input) {
    const year = input.facts.year;
    return perIndicator(timeOutsideYear, input, (i, ctx, { form }) => {
      const v = ctx.parse(i.value);
      if (v.kind !== 'period' || v.year === null) return null; // no year written: the budget year
      const lastYear = year + Math.max(1, form.periodYears) - 1;
      let message: string | null = null;
      if (i.period === 'annual' && v.year !== year) {
        message = `不在预算年度${year}年内`;
      } else if (i.period === 'total' && (v.year < year || v.year > lastYear)) {
        message = lastYear === year ? `不在项目期（${year}年）内` : `不在项目期（${year}年起）内`;
        if (form.periodYears > 1 && form.periodYears < 99) message = `不在项目期（${year}–${lastYear}年）内`;
      }
      return message ? `的时间${quote(i.value)}${message}` : null;
    });
  },
};

// ── funding source, placeholders, texts ──────────────────────────────────────────────────────────────────

const sourceContradiction: Rule = {
  id: 'form.source-contradiction',
  severity: 'warning',
  title: '资金构成与项目名称或资金来源相矛盾',
  check(input) {
    const out: Finding[] = [];
    for (const { form, project, label } of formsOf(input).entries) {
      const s = form.fundingAnnual;
      if (s.total <= 0) continue;
      const listed = SPLIT_PARTS.filter(([k]) => s[k] !== 0).map(([k, l]) => `${l} ${yuan(s[k])}`).join('、') || '无';
      const push = (field: keyof FundingSplit, why: string) =>
        out.push(
          finding(sourceContradiction, formLoc(project.id, `fundingAnnual.${field}`), `${label}：${why}（年度资金列在：${listed}）`),
        );
      if (project.name.includes('中央') && s.central === 0) push('central', '项目名称含“中央”，但年度中央财政资金为 0');
      if (/省级|省财政/.test(project.name) && s.provincial === 0) push('provincial', '项目名称含“省级”，但年度省级财政资金为 0');
      const fiscal = (FISCAL_SOURCES as readonly string[]).includes(project.source);
      if (fiscal && s.central + s.provincial + s.local === 0) {
        push('local', `项目资金来源为${FUND_SOURCE_LABEL[project.source]}（财政拨款），但年度资金中没有财政资金`);
      } else if (project.source === 'unit' && s.selfRaised + s.other === 0) {
        push('selfRaised', '项目资金来源为单位资金，但年度资金全部列为财政资金');
      }
    }
    return out;
  },
};

const placeholder: Rule = {
  id: 'form.placeholder',
  severity: 'error',
  title: '绩效目标表中没有占位符（XX、待填写、TODO、……）',
  check(input) {
    const out: Finding[] = [];
    for (const { form, project, label } of formsOf(input).entries) {
      for (const [field, name] of FORM_TEXT_FIELDS) {
        const p = findPlaceholder(String(form[field] ?? ''));
        if (p) out.push(finding(placeholder, formLoc(project.id, field), `${label}的${name}中有占位符“${p}”，请填写实际内容`));
      }
      form.indicators.forEach((i, idx) => {
        const p = findPlaceholder(i.name) ?? findPlaceholder(i.value);
        if (p) out.push(indicatorFinding(placeholder, form, idx, `${label}${indicatorLabel(i)}中有占位符“${p}”，请填写实际内容`));
      });
    }
    return out;
  },
};

const textMissing: Rule = {
  id: 'form.text-missing',
  severity: 'warning',
  title: '绩效目标表的说明性内容已填写',
  check(input) {
    const out: Finding[] = [];
    for (const { form, project, label } of formsOf(input).entries) {
      for (const [field, name, required] of FORM_TEXT_FIELDS) {
        if (!required || String(form[field] ?? '').trim() !== '') continue;
        out.push(finding(textMissing, formLoc(project.id, field), `${label}未填写${name}`));
      }
    }
    return out;
  },
};

// ── unit costs ───────────────────────────────────────────────────────────────────────────────────────────

/** Spellings of one unit. */
const UNIT_SYNONYMS: Record<string, string> = {
  平米: '平方米',
  '㎡': '平方米',
  'm²': '平方米',
  度: '千瓦时',
  名: '人',
  位: '人',
};
const normUnit = (u: string) => UNIT_SYNONYMS[u] ?? u;
/** Times per year of a per-period unit cost (元/人/月 × 12). */
const PER_YEAR: Record<string, number> = { 年: 1, 月: 12, 季度: 4, 季: 4 };

/**
 * How far (share of the year's amount) a unit cost × quantity may be off. A product above the amount by more than
 * this is wrong whatever else the project pays for (one cost cannot exceed the whole); a product below it by more
 * than this is only wrong when that indicator is the year's only 成本 indicator (it should then account for the
 * money), since other costs of the project need not be on the form.
 */
const COST_FAR_RATIO = 0.5;

/** Length of the longest common substring (names of a cost and of its quantity: 专线费用 / 专线). */
function commonLength(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return best;
}

interface Quantity {
  n: number;
  i: Indicator;
}

/** The quantity a unit cost multiplies: the only one with its unit, else the one whose name fits best. */
function matchQuantity(cost: Indicator, candidates: readonly Quantity[] | undefined): Quantity | null {
  if (!candidates || candidates.length === 0) return null;
  if (candidates.length === 1) return candidates[0];
  const scored = candidates.map((q) => ({ q, score: commonLength(cost.name, q.i.name) }));
  scored.sort((a, b) => b.score - a.score);
  if (scored[0].score < 2 || scored[0].score === scored[1].score) return null; // ambiguous
  return scored[0].q;
}

const costFarFromAmount: Rule = {
  id: 'form.cost-far-from-amount',
  severity: 'warning',
  title: '成本指标（单价 × 对应数量）与年度资金总额相差过大（超过50%）',
  check(input) {
    const ctx = formsOf(input);
    const { taxonomy } = ctx;
    const out: Finding[] = [];
    for (const { form, label } of ctx.entries) {
      const amountYuan = form.fundingAnnual.total / 100;
      if (amountYuan <= 0) continue;
      const quantities = new Map<string, Quantity[]>();
      const costs: number[] = [];
      form.indicators.forEach((i, idx) => {
        if (i.period !== 'annual') return;
        const l2 = i.level2.trim();
        if (taxonomy.cost.includes(l2)) costs.push(idx);
        if (!taxonomy.quantity.includes(l2)) return;
        const v = ctx.parse(i.value);
        if (v.kind !== 'quantity' || v.unit === '' || v.unit.includes('/')) return;
        const u = normUnit(v.unit);
        const list = quantities.get(u);
        if (list) list.push({ n: Number(v.number), i });
        else quantities.set(u, [{ n: Number(v.number), i }]);
      });
      for (const idx of costs) {
        const i = form.indicators[idx];
        const v = ctx.parse(i.value);
        if (v.kind !== 'quantity') continue;
        const m = /^(万?元)\/(.+)$/.exec(v.unit);
        if (!m) continue; // an absolute cost (≤20000元) or no money unit
        const [per, ...rest] = m[2].split('/');
        const q = matchQuantity(i, quantities.get(normUnit(per)));
        if (!q || rest.length > 1) continue;
        let times = 1;
        let timesText = '';
        if (rest.length === 1) {
          const t = PER_YEAR[rest[0]];
          if (t === undefined) continue; // 元/人/天, 元/人/次: how many days or times is not on the form
          times = t;
          if (t !== 1) timesText = ` × ${t}${rest[0] === '月' ? '个月' : rest[0]}`;
        }
        const product = Number(v.number) * (m[1] === '万元' ? 10_000 : 1) * q.n * times;
        const above = product > amountYuan * (1 + COST_FAR_RATIO);
        const below = costs.length === 1 && product < amountYuan * (1 - COST_FAR_RATIO);
        if (!above && !below) continue;
        const off = Math.round((Math.abs(product - amountYuan) / amountYuan) * 100);
        const productFen = Math.round(product) * 100;
        out.push(
          indicatorFinding(
            costFarFromAmount,
            form,
            idx,
            `${label}成本指标“${i.name}”${i.value.trim()} × 数量指标“${q.i.name}”${q.i.value.trim()}${timesText} ≈ ${yuan(productFen)}，` +
              (above
                ? `比年度资金总额 ${yuan(form.fundingAnnual.total)}多 ${off}%`
                : `比年度资金总额 ${yuan(form.fundingAnnual.total)}少 ${off}%（该指标是本年度唯一的成本指标）`),
          ),
        );
      }
    }
    return out;
  },
};

export const FORM_RULES: Rule[] = [
  annualEqualsTable12,
  splitAddsUp,
  annualWithinTotal,
  oneYearEqual,
  requiredIndicators,
  level2Belongs,
  indicatorIncomplete,
  valueUnreadable,
  percentRange,
  timeOutsideYear,
  sourceContradiction,
  placeholder,
  textMissing,
  costFarFromAmount,
];
