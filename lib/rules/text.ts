/**
 * The typed texts of the 情况说明 (docs/domain.md §7, §8): each change against last year has a reason; no placeholder
 * ships; the descriptions are there; the budget year is the budget's. The figures of the text are computed from
 * the tables, so only what people type is checked here.
 */
import type { Fen, TextFacts } from '../facts';
import { cleanReason, reasonLeadOf } from '../disclosure/words';
import { fenToCentiWan } from '../money';
import { finding, tablesOf } from './context';
import { wan } from './format';
import { findPlaceholder } from './placeholder';
import type { Finding, Rule, RuleInput } from './types';

const TEXT_LABEL: Record<keyof TextFacts, string> = {
  duties: '部门职责',
  organization: '机构设置',
  reasonTotalChange: '收支总预算变动原因',
  reasonGeneralChange: '一般公共预算当年拨款变动原因',
  reasonThreePublicChange: '“三公”经费变动原因',
  reasonRunningCostsChange: '机关运行经费变动原因',
  purchaseOfServices: '政府购买服务指导性目录',
  otherNotes: '其他需要说明的事项',
};
const TEXT_FIELDS = Object.keys(TEXT_LABEL) as (keyof TextFacts)[];

/** “比上年增加 565.69 万元” / “比上年减少 170.87 万元” */
const change = (current: Fen, prior: Fen): string =>
  current >= prior ? `比上年增加 ${wan(current - prior)}` : `比上年减少 ${wan(prior - current)}`;
/** The text compares figures as it shows them (万元, two decimals). */
const differs = (a: Fen, b: Fen) => fenToCentiWan(a) !== fenToCentiWan(b);

/** The figures the text compares with last year, and the reason each needs when it changed. */
function comparedFigures(input: RuleInput): {
  field: keyof TextFacts;
  changed: boolean;
  /** Skipped when the prior figure is missing (prior.missing reports it). */
  priorMissing: boolean;
  describe(): string;
}[] {
  const { facts } = input;
  const ts = tablesOf(input);
  const total = ts.get(1)?.fen('sum:grand', 'total') ?? 0;
  const general = ts.get(5)?.fen('total', 'total') ?? 0;
  const t10 = ts.get(10);
  const tp = {
    abroad: t10?.fen('tp:abroad', 'total') ?? 0,
    reception: t10?.fen('tp:reception', 'total') ?? 0,
    vehiclePurchase: t10?.fen('tp:vehiclePurchase', 'total') ?? 0,
    vehicleOperation: t10?.fen('tp:vehicleOperation', 'total') ?? 0,
  };
  const tpLabel = { abroad: '因公出国（境）费', reception: '公务接待费', vehiclePurchase: '公务用车购置费', vehicleOperation: '公务用车运行维护费' };
  const running = ts.get(11)?.fen('dept', 'total') ?? 0;
  const p = facts.prior;
  const tpChanged = (Object.keys(tp) as (keyof typeof tp)[]).filter((k) => differs(tp[k], p.threePublic[k]));
  return [
    {
      field: 'reasonTotalChange',
      changed: differs(total, p.total),
      priorMissing: p.total === 0,
      describe: () => `收支总预算 ${wan(total)}${change(total, p.total)}`,
    },
    {
      field: 'reasonGeneralChange',
      changed: differs(general, p.generalCurrent),
      priorMissing: p.generalCurrent === 0,
      describe: () => `一般公共预算当年拨款 ${wan(general)}${change(general, p.generalCurrent)}`,
    },
    {
      field: 'reasonThreePublicChange',
      changed: tpChanged.length > 0,
      priorMissing: false,
      describe: () =>
        `“三公”经费${tpChanged.map((k) => `${tpLabel[k]} ${wan(tp[k])}${change(tp[k], p.threePublic[k])}`).join('，')}`,
    },
    {
      field: 'reasonRunningCostsChange',
      changed: differs(running, p.runningCosts),
      priorMissing: false,
      describe: () => `机关运行经费 ${wan(running)}${change(running, p.runningCosts)}`,
    },
  ];
}

/**
 * A change the document states (“比上年减少170.87万元，下降3.24%”) is published with its reason, so the reason is
 * an error, not a warning: a warning may be explained to the reviewer instead, and the public would then read the
 * change without any reason.
 */
const reasonMissing: Rule = {
  id: 'text.reason-missing',
  severity: 'error',
  title: '与上年相比有变化的数字已填写原因（公开文本写明，不能以说明代替）',
  check(input) {
    const out: Finding[] = [];
    for (const c of comparedFigures(input)) {
      if (!c.changed || c.priorMissing || cleanReason(input.facts.text[c.field]) !== '') continue;
      out.push(
        finding(reasonMissing, { kind: 'text', field: c.field }, `${c.describe()}，未填写变动原因：情况说明公开这一变动时须写明原因，请在“说明文字”中填写原因本身`),
      );
    }
    return out;
  },
};

const REASON_FIELDS = ['reasonTotalChange', 'reasonGeneralChange', 'reasonThreePublicChange', 'reasonRunningCostsChange'] as const;

/**
 * The text writes “，主要原因是{reason}。” itself; a stored reason that starts with those words again (typed before
 * saves normalized it, or imported) would read “主要原因是主要原因是…”. The document strips them when it prints.
 */
const reasonRepeatsTemplate: Rule = {
  id: 'text.reason-repeats-template',
  severity: 'warning',
  title: '变动原因不重复模板自带的“主要原因是”',
  check({ facts }) {
    const out: Finding[] = [];
    for (const f of REASON_FIELDS) {
      const lead = reasonLeadOf(facts.text[f]);
      if (lead === null) continue;
      out.push(
        finding(
          reasonRepeatsTemplate,
          { kind: 'text', field: f },
          `${TEXT_LABEL[f]}以“${lead}”开头，而情况说明已写有“主要原因是”：请只填写原因本身（如“${cleanReason(facts.text[f]) || '……'}”）`,
        ),
      );
    }
    return out;
  },
};

const placeholder: Rule = {
  id: 'text.placeholder',
  severity: 'error',
  title: '情况说明中没有占位符（XX、待填写、TODO、……）',
  check({ facts }) {
    const out: Finding[] = [];
    for (const f of TEXT_FIELDS) {
      const p = findPlaceholder(facts.text[f]);
      if (p) out.push(finding(placeholder, { kind: 'text', field: f }, `${TEXT_LABEL[f]}中有占位符“${p}”，请填写实际内容`));
    }
    return out;
  },
};

const requiredMissing: Rule = {
  id: 'text.required-missing',
  severity: 'warning',
  title: '机构设置已填写（部门职责是必填内容：required.duties）',
  check({ facts }) {
    const out: Finding[] = [];
    for (const f of ['organization'] as const) {
      if (facts.text[f].trim() === '') out.push(finding(requiredMissing, { kind: 'text', field: f }, `未填写${TEXT_LABEL[f]}`));
    }
    return out;
  },
};

const yearMismatch: Rule = {
  id: 'text.year-mismatch',
  severity: 'warning',
  title: '情况说明中写的部门预算年度是本预算年度',
  check({ facts }) {
    const out: Finding[] = [];
    const re = /(\d{4})年度?部门预算/g;
    for (const f of TEXT_FIELDS) {
      for (const m of facts.text[f].matchAll(re)) {
        if (Number(m[1]) === facts.year) continue;
        out.push(finding(yearMismatch, { kind: 'text', field: f }, `${TEXT_LABEL[f]}写的是“${m[0]}”，本预算是${facts.year}年部门预算`));
        break;
      }
    }
    return out;
  },
};

export const TEXT_RULES: Rule[] = [reasonMissing, reasonRepeatsTemplate, placeholder, requiredMissing, yearMismatch];
