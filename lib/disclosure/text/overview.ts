/**
 * Sections 一 to 五 of 第三部分: 收支变动, 收入, 支出, 财政拨款, 一般公共预算. Every amount is read from 表一,
 * 表三, 表四 or 表五; shares of one whole use the largest remainder method (they add up to 100.00%).
 */
import { FISCAL_SOURCES, FUND_SOURCES, type FiscalSource, type FundSource } from '../../facts';
import { sharesOfWhole } from '../../money';
import { pieChart } from '../charts';
import { FUNCTION_CLASSES } from '../functionClasses';
import { changeOf, cleanReason } from '../words';
import { functionClassName, incomeRowKey, type SectionBody, type TextContext } from './context';
import { para, type Sourced } from './paragraph';

/** 收入 items as the text names them (二). */
const INCOME_TEXT_LABEL: Record<FundSource, string> = {
  general: '一般公共预算拨款收入',
  fund: '政府性基金预算拨款收入',
  capital: '国有资本经营预算拨款收入',
  special: '财政专户管理资金收入',
  unit: '单位资金',
};

/** 财政拨款 sources as the text names them (四). */
const FISCAL_TEXT_LABEL: Record<FiscalSource, string> = {
  general: '一般公共预算拨款',
  fund: '政府性基金预算拨款',
  capital: '国有资本经营预算拨款',
};

/** 一、部门预算收支数据变动情况及原因 */
export function sectionTotals(ctx: TextContext): SectionBody {
  const { look, facts, year, dept } = ctx;
  const income = look.cell(1, 'sum:grand', 'income');
  const expenditure = look.cell(1, 'sum:grand', 'total');
  const reason = cleanReason(facts.text.reasonTotalChange);
  const p = para()
    .year(year)
    .t(`年度${dept}预算收入总计`)
    .wan('income.total', income)
    .t('，其中：本年收入')
    .wan('income.current', look.cell(1, 'sum:current', 'income'))
    .t('，上年结转')
    .wan('income.carryover', look.cell(1, 'sum:carryover', 'income'))
    .t('，')
    .change('income.total', changeOf(income.fen, facts.prior.total))
    .reason('reasonTotalChange', reason)
    .t('；本年部门预算支出总计')
    .wan('expenditure.total', expenditure)
    .t('，其中：本年预算安排')
    .wan('expenditure.current', look.cell(1, 'sum:grand', 'current'))
    .t('，上年结转')
    .wan('expenditure.carryover', look.cell(1, 'sum:grand', 'carryover'))
    .t('，')
    .change('expenditure.total', changeOf(expenditure.fen, facts.prior.total))
    .reason('reasonTotalChange', reason)
    .t('。');
  return { paragraphs: [p.build()] };
}

/** 二、收入预算情况说明: each source and 上年结转 with its share of 收入总计. */
export function sectionIncome(ctx: TextContext): SectionBody {
  const { look, year, dept } = ctx;
  const total = look.cell(1, 'sum:grand', 'income');
  const items: { key: string; label: string; v: Sourced }[] = [
    ...FUND_SOURCES.map((s, i) => ({
      key: `income.current.${s}`,
      label: INCOME_TEXT_LABEL[s],
      v: look.cell(1, incomeRowKey(i), 'income'),
    })),
    { key: 'income.carryover', label: '上年结转', v: look.cell(1, 'sum:carryover', 'income') },
  ];
  const bps = sharesOfWhole(items.map((x) => x.v.fen));
  const p = para().year(year).t(`年度${dept}预算收入`).wan('income.total', total).t('，主要包括');
  items.forEach((x, i) => {
    if (i > 0) p.t('；');
    p.t(x.label).wan(x.key, x.v).t('，占').share(`${x.key}.share`, bps[i], 'income.shares');
  });
  p.t('。');
  return { paragraphs: [p.build()] };
}

/** 三、支出预算情况说明: 基本支出 and 项目支出 with their shares (表三 合计). */
export function sectionExpenditure(ctx: TextContext): SectionBody {
  const { look, year, dept } = ctx;
  const basic = look.cell(3, 'total', 'basic');
  const project = look.cell(3, 'total', 'project');
  const [bBasic, bProject] = sharesOfWhole([basic.fen, project.fen]);
  const p = para()
    .year(year)
    .t(`年度${dept}支出预算`)
    .wan('expenditure.total', look.cell(3, 'total', 'total'))
    .t('，其中：基本支出')
    .wan('expenditure.basic', basic)
    .t('，占')
    .share('expenditure.basic.share', bBasic, 'expenditure.shares')
    .t('；项目支出')
    .wan('expenditure.project', project)
    .t('，占')
    .share('expenditure.project.share', bProject, 'expenditure.shares')
    .t('。');
  return { paragraphs: [p.build()] };
}

/** 四、财政拨款收支预算总体情况说明: total, by source, this year vs carried over, the non-zero 类 (表四). */
export function sectionFiscal(ctx: TextContext): SectionBody {
  const { look, year, dept } = ctx;
  const p = para()
    .year(year)
    .t(`年度${dept}财政拨款收支总预算`)
    .wan('fiscal.total', look.cell(4, 'sum:grand', 'income'))
    .t('。其中：');
  FISCAL_SOURCES.forEach((s, i) => {
    if (i > 0) p.t('，');
    const v = look.sum([look.cell(4, incomeRowKey(i), 'income'), look.cell(4, `carry:${s}`, 'income')]);
    p.t(FISCAL_TEXT_LABEL[s]).wan(`fiscal.source.${s}`, v);
  });
  p.t('。其中：当年拨款收入')
    .wan('fiscal.current', look.cell(4, 'sum:current', 'income'))
    .t('，上年结转收入')
    .wan('fiscal.carryover', look.cell(4, 'sum:carryover', 'income'))
    .t('。');
  const classes = FUNCTION_CLASSES.map((c) => ({ code: c.code, v: look.cell(4, `f:${c.code}`, 'total') })).filter(
    (c) => c.v.fen !== 0,
  );
  if (classes.length > 0) {
    p.t('支出包括：');
    classes.forEach((c, i) => {
      if (i > 0) p.t('、');
      p.t(functionClassName(ctx, c.code)).wan(`fiscal.class.${c.code}`, c.v);
    });
    p.t('等。');
  }
  return { paragraphs: [p.build()] };
}

const GENERAL_STRUCTURE_TITLE = '一般公共预算当年拨款结构图';

/** 五、一般公共预算支出情况说明: (一) change vs last year, (二) structure by 类 (表五), and the chart. */
export function sectionGeneral(ctx: TextContext): SectionBody {
  const { look, facts, year, dept } = ctx;
  const total = look.cell(5, 'total', 'total');
  const reason = cleanReason(facts.text.reasonGeneralChange);
  const p1 = para()
    .year(year)
    .t(`年度${dept}一般公共预算当年支出`)
    .wan('general.total', total)
    .t('，')
    .change('general.total', changeOf(total.fen, facts.prior.generalCurrent))
    .reason('reasonGeneralChange', reason)
    .t('。');

  // the 类 rows of 表五, in code order (the fixed 30-类 order), non-zero rows only
  const classes = look
    .table(5)
    .rows.filter((r) => r.level === 1 && r.key.startsWith('f:'))
    .map((r) => {
      const code = r.key.slice(2);
      return { code, label: functionClassName(ctx, code), v: look.cell(5, r.key, 'total') };
    })
    .filter((c) => c.v.fen !== 0);
  const chart = pieChart(
    GENERAL_STRUCTURE_TITLE,
    classes.map((c) => ({ key: `f:${c.code}`, label: c.label, fen: c.v.fen })),
    '本年度无一般公共预算当年拨款支出，不列示结构图。',
  );
  const p2 = para().year(year).t(`年度${dept}一般公共预算当年支出`).wan('general.total', total);
  if (classes.length > 0) {
    p2.t('，主要用于以下方面：');
    classes.forEach((c, i) => {
      if (i > 0) p2.t('；');
      p2.t(c.label)
        .wan(`general.class.${c.code}`, c.v)
        .t('，占')
        .share(`general.class.${c.code}.share`, chart.slices[i].bp, 'general.classShares');
    });
    p2.t('等');
  }
  p2.t('。');

  return {
    paragraphs: [],
    subsections: [
      { heading: '（一）一般公共预算当年支出规模变化情况', paragraphs: [p1.build()] },
      {
        heading: '（二）一般公共预算当年支出结构情况',
        paragraphs: chart.emptyMessage ? [p2.build(), para().t(chart.emptyMessage).build()] : [p2.build()],
      },
    ],
    chart: { key: 'generalStructure', chart, show: !chart.emptyMessage },
  };
}
