/**
 * A paragraph of the explanatory text: the plain string a renderer shows, plus where every number in it came
 * from. Each figure records its exact value (分 for amounts, hundredths of a percent for shares and rates), the
 * string printed, its offset in the text, and, when the figure is a table figure, the table cells it equals
 * (Σ of their exact amounts). Text typed by people (reasons, descriptions) is marked as typed spans, so a rule can
 * tell a computed number from a number a clerk wrote.
 */
import type { Fen, TextFacts } from '../../facts';
import { formatPercent, formatWanText } from '../../money';
import type { CellAddress } from '../types';
import { AMOUNT_WORD, RATE_WORD, SAME_AS_PRIOR, formatCount, type Change } from '../words';

type FigureKind =
  /** an amount of money, 万元 (`5,907.89`, zero `0`) */
  | 'amount'
  /** the amount of a change against last year (absolute value; see `direction`) */
  | 'change'
  /** a share of a whole, % (`86.24%`); shares with the same `group` add up to 100.00% */
  | 'share'
  /** the rate of a change against last year, % (absolute value; see `direction`) */
  | 'rate'
  /** a count (projects, vehicles, devices) */
  | 'count'
  /** a floor area, 平方米 with two decimals; `value` in 0.01 平方米 */
  | 'area'
  /** a year (`2024`) */
  | 'year'
  /** a date (`2023年12月31日`); `iso` holds it */
  | 'date'
  /** a fixed number of the wording (the 50万元/100万元 thresholds) */
  | 'fixed';

export interface Figure {
  /**
   * Stable machine name of the figure (`income.total`, `threePublic.reception.change`). A key names one figure:
   * where the same figure is written twice (收入总计 in 一 and 二) both carry the same key, value and display.
   * Year, date and fixed figures reuse their keys freely.
   */
  key: string;
  kind: FigureKind;
  /** Exact amount in 分 (amount, change). */
  fen?: Fen;
  /** Hundredths of a percent (share, rate). */
  bp?: number;
  /** count, area (0.01 平方米), year, fixed. */
  value?: number;
  /** ISO date (date). */
  iso?: string;
  /** Direction of a change/rate figure. */
  direction?: 'up' | 'down';
  /** Shares of one whole carry the same group name; their bp add up to 10000. */
  group?: string;
  /** The table cells this figure equals (Σ of their exact amounts). */
  cells?: CellAddress[];
  /** The string printed in the text. */
  display: string;
  /** Offset of `display` in the paragraph's text. */
  offset: number;
}

/** A span of the text typed by a person (a reason, a description) and the fact it came from. */
interface TypedSpan {
  field: keyof TextFacts;
  offset: number;
  length: number;
}

export interface Paragraph {
  text: string;
  figures: Figure[];
  typed: TypedSpan[];
}

/** An amount with the table cells it was read from. */
export interface Sourced {
  fen: Fen;
  cells: CellAddress[];
}

/** Builds a paragraph piece by piece, recording each figure's offset. */
export class ParagraphBuilder {
  private text = '';
  private readonly figures: Figure[] = [];
  private readonly typed: TypedSpan[] = [];

  /** Plain wording. */
  t(s: string): this {
    this.text += s;
    return this;
  }

  private push(f: Omit<Figure, 'offset'>): this {
    this.figures.push({ ...f, offset: this.text.length });
    this.text += f.display;
    return this;
  }

  /** An amount in 万元 (without the unit word). */
  amount(key: string, v: Fen | Sourced): this {
    const { fen, cells } = typeof v === 'number' ? { fen: v, cells: undefined } : v;
    const f: Omit<Figure, 'offset'> = { key, kind: 'amount', fen, display: formatWanText(fen) };
    if (cells && cells.length > 0) f.cells = cells;
    return this.push(f);
  }

  /** `X万元` */
  wan(key: string, v: Fen | Sourced): this {
    return this.amount(key, v).t('万元');
  }

  /** A share `86.24%` of a whole whose shares carry `group`. */
  share(key: string, bp: number, group: string): this {
    return this.push({ key, kind: 'share', bp, group, display: formatPercent(bp) });
  }

  /** A single percentage that is not one of a set of shares (e.g. 占项目支出总额的75.01%). */
  percent(key: string, bp: number): this {
    return this.push({ key, kind: 'share', bp, display: formatPercent(bp) });
  }

  count(key: string, n: number): this {
    return this.push({ key, kind: 'count', value: n, display: formatCount(n) });
  }

  year(y: number, key = 'year'): this {
    return this.push({ key, kind: 'year', value: y, display: String(y) });
  }

  date(key: string, d: { iso: string; display: string }): this {
    return this.push({ key, kind: 'date', iso: d.iso, display: d.display });
  }

  area(key: string, centiSqm: number, display: string): this {
    return this.push({ key, kind: 'area', value: centiSqm, display });
  }

  fixed(key: string, n: number): this {
    return this.push({ key, kind: 'fixed', value: n, display: String(n) });
  }

  /**
   * A change against last year: `比上年增加X万元，增长Y%` / `比上年减少X万元，下降Y%` / `与上年预算数相同`.
   * `priorYear` writes `比2023年…` (the year as a figure) instead of `比上年`, `priorSuffix` what follows it
   * (`比2023年预算减少…`); `lead` replaces the whole `比…` lead (`与上年相比预算数减少…`). The rate is left out when
   * last year's figure is zero (there is no rate of change from nothing) or when `withRate` is false (the 三公
   * sentences, as in the reference).
   */
  change(
    key: string,
    c: Change,
    opts: { priorYear?: number; priorSuffix?: string; lead?: string; withRate?: boolean } = {},
  ): this {
    if (c.direction === 'same') return this.t(SAME_AS_PRIOR);
    const dir = c.direction;
    if (opts.lead !== undefined) this.t(opts.lead);
    else if (opts.priorYear !== undefined) this.t('比').year(opts.priorYear, 'priorYear').t(`年${opts.priorSuffix ?? ''}`);
    else this.t('比上年');
    this.t(AMOUNT_WORD[dir]);
    this.push({ key: `${key}.change`, kind: 'change', fen: c.fen, direction: dir, display: formatWanText(c.fen) });
    this.t('万元');
    if ((opts.withRate ?? true) && c.bp !== null) {
      this.t(`，${RATE_WORD[dir]}`);
      this.push({ key: `${key}.rate`, kind: 'rate', bp: c.bp, direction: dir, display: formatPercent(c.bp) });
    }
    return this;
  }

  /** Text typed by a person, kept verbatim (already cleaned of trailing punctuation by the caller). */
  typedText(field: keyof TextFacts, s: string): this {
    if (s === '') return this;
    this.typed.push({ field, offset: this.text.length, length: s.length });
    this.text += s;
    return this;
  }

  /** `，主要原因是{reason}` when a reason was given; nothing at all otherwise (no dangling “主要原因是”). */
  reason(field: keyof TextFacts, reason: string, lead = '，主要原因是'): this {
    if (reason === '') return this;
    return this.t(lead).typedText(field, reason);
  }

  get length(): number {
    return this.text.length;
  }

  build(): Paragraph {
    return { text: this.text, figures: this.figures, typed: this.typed };
  }
}

export const para = (): ParagraphBuilder => new ParagraphBuilder();

/** A paragraph that is only typed text (职责, 政府购买服务指导性目录…). */
export const typedParagraph = (field: keyof TextFacts, s: string): Paragraph => para().typedText(field, s).build();
