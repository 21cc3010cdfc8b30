/**
 * The small vocabulary of the explanatory text (第三部分 情况说明): direction words for a change against last
 * year, the section numerals, and the formatting of the few non-money figures (counts, floor area, dates).
 * Money and percentages are formatted by lib/money (formatWanText, formatPercent) and nowhere else.
 */
import type { Fen } from '../facts';
import { shareBp } from '../money';

type Direction = 'up' | 'down' | 'same';

/** Direction of a change, from the exact difference in 分 (equal only when the exact amounts are equal). */
const directionOf = (diff: Fen): Direction => (diff > 0 ? 'up' : diff < 0 ? 'down' : 'same');

/** 增加 / 减少: the verb before a changed amount. */
export const AMOUNT_WORD: Record<Exclude<Direction, 'same'>, string> = { up: '增加', down: '减少' };
/** 增长 / 下降: the verb before a rate of change. */
export const RATE_WORD: Record<Exclude<Direction, 'same'>, string> = { up: '增长', down: '下降' };
/** Written instead of an amount and a rate when this year's figure equals last year's. */
export const SAME_AS_PRIOR = '与上年预算数相同';

/** The change of a figure against last year's: its direction, its absolute amount and its rate. */
export interface Change {
  direction: Direction;
  /** |current − prior| in 分 (the amount the text shows). */
  fen: Fen;
  /** |current − prior| / prior in hundredths of a percent; null when last year's figure is zero (no rate). */
  bp: number | null;
}

export function changeOf(current: Fen, prior: Fen): Change {
  const diff = current - prior;
  const fen = Math.abs(diff);
  return { direction: directionOf(diff), fen, bp: prior > 0 ? shareBp(fen, prior) : null };
}

/** 一 … 十二: the numerals of the twelve sections of 第三部分. */
export const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'] as const;
export type SectionNo = (typeof SECTION_NUMERALS)[number];

/**
 * A reason or description typed by a person, ready to slot into a sentence: trimmed, and without the sentence
 * punctuation the text adds itself (the reference shows the doubled "。；" / "。。" this avoids).
 */
export function cleanTyped(s: string | null | undefined): string {
  return (s ?? '').trim().replace(/[\s。；;，,、.！!]+$/u, '').trim();
}

/**
 * The words the text itself writes before a typed reason (`，主要原因是{reason}。`) and that a clerk tends to type
 * again: 主要原因是 / 主要原因为 / 主要原因： / 原因是 / 原因： / 主要是 / 主要系 …, with the punctuation around them.
 */
const REASON_LEAD = /^[\s，,、；;。：:]*(?:(?:主要)?原因(?:是|为|系|在于|[：:，,])|主要是|主要系)[\s：:，,]*/u;

/**
 * A typed reason as the sentence takes it: without the template's own lead (`主要原因是`, repeated or not) and
 * without the trailing punctuation the sentence adds. `主要原因是：人员减少。` → `人员减少`. Used on save and on
 * every read, so a reason stored before this normalization prints once too.
 */
export function cleanReason(s: string | null | undefined): string {
  let t = (s ?? '').trim();
  for (let m = REASON_LEAD.exec(t); m && m[0] !== ''; m = REASON_LEAD.exec(t)) t = t.slice(m[0].length);
  return cleanTyped(t);
}

/** The template words a typed reason starts with (`主要原因是`), or null when it starts with the reason itself. */
export function reasonLeadOf(s: string | null | undefined): string | null {
  const m = REASON_LEAD.exec((s ?? '').trim());
  if (!m || m[0] === '') return null;
  return m[0].replace(/^[\s，,、；;。：:]+|[\s，,、；;。]+$/gu, '');
}

/** A typed multi-line text (职责, 其他说明…) as paragraphs: split on line breaks, blank lines dropped. */
export function typedParagraphs(s: string | null | undefined): string[] {
  return (s ?? '')
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** `8` for a count of vehicles, projects, devices. */
export const formatCount = (n: number): string => String(n);

/**
 * Floor area from 0.01 平方米 (an integer): `6,094.61`, two decimals, thousands separators. The one format of an
 * area wherever it shows: the explanatory text, the assets form's input and the edit's messages (client-safe).
 */
export function formatArea(centiSqm: number): string {
  const v = Math.round(centiSqm);
  const abs = Math.abs(v).toString().padStart(3, '0');
  const int = abs.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (v < 0 ? '-' : '') + int + '.' + abs.slice(-2);
}

/** `2023年12月31日` from a valid ISO date `2023-12-31`. */
function cnDate(iso: string): string {
  const [y, mo, d] = iso.split('-').map(Number);
  return `${y}年${mo}月${d}日`;
}

/** `2023年12月31日` from an ISO date; falls back to the last day of the year before `year` when unparseable. */
export function formatDateCn(iso: string | null | undefined, year: number): { iso: string; display: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec((iso ?? '').trim());
  const valid = m ? m[0] : `${year - 1}-12-31`;
  return { iso: valid, display: cnDate(valid) };
}

/**
 * A 填报日期 as typed or as the source systems print it — `20231215134444` (with the time), `20231215`,
 * `2023-12-15`, `2023/12/15`, `2023年12月15日` — as its ISO date `2023-12-15`; null when it is no real date
 * (or a year outside 1990–2199, or a time that does not exist). The time of day is dropped: the form prints a date.
 */
export function parseFilledDate(s: string | null | undefined): string | null {
  const t = (s ?? '').trim();
  const m =
    /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(t) ??
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1990 || y > 2199 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59)) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 填报日期 as the form prints it: `2023年12月15日`; blank stays blank, a value that is no date prints as stored. */
export function formatFilledDate(s: string | null | undefined): string {
  const iso = parseFilledDate(s);
  return iso === null ? (s ?? '').trim() : cnDate(iso);
}
