/**
 * Printed figures and what they can mean. A figure printed with d decimals stands for any exact value within half
 * a unit of its last digit (half away from zero), so two printed figures contradict each other only when no pair
 * of exact values behind them can be equal. Every comparison here is exact integer arithmetic (分, BigInt for ratios).
 */
import type { Fen } from '../../facts';

/** A printed amount: its exact printed value in 分 and half the unit of its last digit, in 分. */
export interface Printed {
  fen: Fen;
  /** Half the unit of the last printed digit (5,907.89 万元 → 5,000 分; 82.7 万元 → 50,000 分). */
  half: Fen;
  text: string;
}

/** `5,907.89` / `82.7` / `0` read in 万元 (or 元); null when it is not a plain number. */
export function printed(text: string, unit: '万元' | '元' = '万元'): Printed | null {
  const s = text.replace(/[,，\s]/g, '');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const decimals = (m[2] ?? '').length;
  const scale = unit === '万元' ? 6 : 2; // 分 per unit: 10^6 for 万元, 10^2 for 元
  if (decimals > scale) return null;
  const digits = m[1] + (m[2] ?? '').padEnd(scale, '0');
  const fen = Number(digits);
  if (!Number.isSafeInteger(fen)) return null;
  const half = decimals === scale ? 0 : 5 * 10 ** (scale - decimals - 1);
  return { fen, half, text };
}

/** Whether two printed figures can stand for the same exact value. */
export const compatible = (a: Printed, b: Printed): boolean => Math.abs(a.fen - b.fen) <= a.half + b.half;

/** A printed percentage in hundredths of a percent scaled by 100 (`10.59` → 105900), with its half unit. */
interface PrintedRate {
  /** Percent × 10^4 (10.59% → 105,900). */
  value: number;
  half: number;
  text: string;
}

export function printedRate(text: string): PrintedRate | null {
  const m = /^(\d+)(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!m) return null;
  const decimals = (m[2] ?? '').length;
  const value = Number(m[1] + (m[2] ?? '').padEnd(4, '0'));
  return { value, half: 5 * 10 ** (3 - decimals), text };
}

/**
 * Whether `rate` % can be part ÷ whole × 100 for some exact values behind the printed part and whole (both > 0).
 * `slack` widens the printed rate (in percent × 10^4) for shares rounded by the largest-remainder method.
 */
export function ratioCompatible(part: Printed, whole: Printed, rate: PrintedRate, slack = 0): boolean {
  const pMin = BigInt(Math.max(0, part.fen - part.half));
  const pMax = BigInt(part.fen + part.half);
  const wMin = BigInt(whole.fen - whole.half);
  const wMax = BigInt(whole.fen + whole.half);
  if (wMin <= 0n) return true; // nothing to compare against
  const lo = BigInt(Math.max(0, rate.value - rate.half - slack));
  const hi = BigInt(rate.value + rate.half + slack);
  // the ratio interval [pMin/wMax, pMax/wMin] (× 10^6 for percent × 10^4) must meet [lo, hi]
  const ratioMinTimes = pMin * 1_000_000n; // compare pMin/wMax ≤ hi  ⇔ pMin·10^6 ≤ hi·wMax
  const ratioMaxTimes = pMax * 1_000_000n; // compare pMax/wMin ≥ lo  ⇔ pMax·10^6 ≥ lo·wMin
  return ratioMinTimes <= hi * wMax && ratioMaxTimes >= lo * wMin;
}

/** The same figure less or more a printed change (for the figure of last year: current − change, or + change). */
export function minus(a: Printed, b: Printed): Printed {
  return { fen: a.fen - b.fen, half: a.half + b.half, text: '' };
}
export function plus(a: Printed, b: Printed): Printed {
  return { fen: a.fen + b.fen, half: a.half + b.half, text: '' };
}

/** The number pattern of amounts in text: `5,907.89`, `5907.89`, `0`, `82.7`. */
export const NUM = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
