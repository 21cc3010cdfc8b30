/**
 * Money: integer 分 end to end. Parsing user strings never goes through floats; formatting rounds once,
 * half away from zero, from the exact value.
 */
import type { Fen } from './facts';

const FEN_PER_YUAN = 100;
export const FEN_PER_WAN = 1_000_000;
/** Largest amount accepted anywhere: 1 万亿元, far above any county budget, far below 2^53 分. */
export const MAX_FEN = 100_000_000_000_000;

type ParseResult = { ok: true; fen: Fen } | { ok: false; error: string };

/**
 * Parse an amount typed in 元 (`1,234.56`, `１２３４.５`, `-3`, ` 1 234 `) into 分.
 * At most two decimals; thousands separators allowed; full-width digits accepted.
 */
export function parseYuan(input: string, opts: { allowNegative?: boolean } = {}): ParseResult {
  return parseDecimal(input, 2, opts.allowNegative ?? false, '元');
}

/** Parse an amount typed in 万元 with at most six decimals (exact to the 分) into 分. */
export function parseWan(input: string, opts: { allowNegative?: boolean } = {}): ParseResult {
  return parseDecimal(input, 6, opts.allowNegative ?? false, '万元');
}

function parseDecimal(input: string, decimals: number, allowNegative: boolean, unit: string): ParseResult {
  if (typeof input !== 'string') return { ok: false, error: '请输入金额' };
  const s = toHalfWidth(input).trim().replace(/[,，\s]/g, '');
  if (s === '') return { ok: false, error: '请输入金额' };
  if (s.length > 24) return { ok: false, error: '金额过长' };
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return { ok: false, error: `“${input.trim().slice(0, 20)}”不是有效的金额` };
  const [, sign, intPart, frac = ''] = m;
  if (frac.length > decimals) {
    return { ok: false, error: unit === '元' ? '金额最多保留两位小数（到分）' : `金额最多保留${decimals}位小数` };
  }
  const negative = sign === '-';
  if (negative && !allowNegative) return { ok: false, error: '金额不能为负数' };
  const digits = (intPart + frac.padEnd(decimals, '0')).replace(/^0+(?=\d)/, '');
  // unit multiplier: 元 → 分 is exact with 2 decimals; 万元 → 分 with 6 decimals
  if (digits.length > 16) return { ok: false, error: '金额超出允许范围' };
  const abs = Number(digits);
  if (!Number.isSafeInteger(abs) || abs > MAX_FEN) return { ok: false, error: '金额超出允许范围' };
  const fen = negative && abs !== 0 ? -abs : abs;
  return { ok: true, fen };
}

function toHalfWidth(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF0E\uFF0B\uFF0D]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** The sum of amounts in 分 (a missing amount counts as zero). */
export function totalFen(amounts: Iterable<Fen | null | undefined>): Fen {
  let s = 0;
  for (const a of amounts) s += a ?? 0;
  return s;
}

/** Divide an integer by a positive integer, rounding half away from zero. */
function roundDiv(n: number, d: number): number {
  const q = Math.trunc(n / d);
  const r = n - q * d;
  if (Math.abs(r) * 2 >= d) return q + Math.sign(n);
  return q;
}

/** 分 → hundredths of 万元 (the figure a disclosure table shows), rounded once. */
export const fenToCentiWan = (fen: Fen): number => roundDiv(fen, FEN_PER_WAN / 100);

/** 分 → whole 元 (the figure a 绩效目标表 prints), rounded once. */
export const fenToYuan = (fen: Fen): number => roundDiv(fen, 100);

function groupThousands(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatScaled(value: number, decimals: number, grouping: boolean): string {
  const neg = value < 0;
  const abs = Math.abs(value).toString().padStart(decimals + 1, '0');
  const int = abs.slice(0, abs.length - decimals);
  const frac = decimals > 0 ? '.' + abs.slice(abs.length - decimals) : '';
  return (neg ? '-' : '') + (grouping ? groupThousands(int) : int) + frac;
}

/** `5,907.89`: 分 shown in 万元 with two decimals. */
export function formatWan(fen: Fen, opts: { grouping?: boolean } = {}): string {
  return formatScaled(fenToCentiWan(fen), 2, opts.grouping ?? true);
}

/** `5095.13`, `0.000001`: 分 in 万元 exactly (two to six decimals, no grouping) — what parseWan reads back. */
export function formatWanExact(fen: Fen): string {
  return formatScaled(fen, 6, false).replace(/0{1,4}$/, '');
}

/** Table cell: blank for zero, else `5,907.89`. */
export function formatWanCell(fen: Fen): string {
  return fenToCentiWan(fen) === 0 ? '' : formatWan(fen);
}

/** Text figure: `0` for zero (`0万元`), else `5,907.89`. */
export function formatWanText(fen: Fen): string {
  return fenToCentiWan(fen) === 0 ? '0' : formatWan(fen);
}

/** `3,050,000`: 分 shown in whole 元 (performance forms). Rounds half away from zero to the 元. */
export function formatYuan(fen: Fen): string {
  return formatScaled(roundDiv(fen, FEN_PER_YUAN), 0, true);
}

/** `1,234.56`: 分 shown in 元 with two decimals (entry grids). */
export function formatYuanExact(fen: Fen, opts: { grouping?: boolean } = {}): string {
  return formatScaled(fen, 2, opts.grouping ?? true);
}

/**
 * Percentages in hundredths of a percent (basis points /100), as integers.
 * `share(part, whole)` → 8624 means 86.24%. Rounded half away from zero.
 */
export function shareBp(part: Fen, whole: Fen): number {
  if (whole === 0) return 0;
  // part * 10000 may exceed 2^53 for huge amounts; use BigInt for the exact division
  const n = BigInt(part) * 10000n;
  const d = BigInt(whole);
  const q = n / d;
  const r = n - q * d;
  const twice = (r < 0n ? -r : r) * 2n;
  const absD = d < 0n ? -d : d;
  const sign = (n < 0n) !== (d < 0n) ? -1n : 1n;
  return Number(twice >= absD ? q + sign : q);
}

/**
 * Shares of one whole that add up to exactly 100.00% (largest remainder method).
 * Returns hundredths of a percent per part; parts of zero get 0. If the parts don't sum to the whole,
 * each share is computed independently.
 */
export function sharesOfWhole(parts: Fen[]): number[] {
  const whole = parts.reduce((a, b) => a + b, 0);
  if (whole <= 0 || parts.some((p) => p < 0)) return parts.map((p) => shareBp(p, whole));
  const W = BigInt(whole);
  const exact = parts.map((p) => {
    const n = BigInt(p) * 10000n;
    return { floor: Number(n / W), rem: n % W };
  });
  let missing = 10000 - exact.reduce((s, e) => s + e.floor, 0);
  const order = exact
    .map((e, i) => ({ i, rem: e.rem }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  const out = exact.map((e) => e.floor);
  for (const { i, rem } of order) {
    if (missing <= 0) break;
    if (rem === 0n) continue;
    out[i] += 1;
    missing -= 1;
  }
  return out;
}

/** `86.24%` from hundredths of a percent; `0%` for zero (as the text writes it). */
export function formatPercent(bp: number): string {
  if (bp === 0) return '0%';
  return formatScaled(bp, 2, false) + '%';
}
