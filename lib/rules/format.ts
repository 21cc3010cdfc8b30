/** Figures in findings' messages, written as the disclosure writes them. */
import type { Fen } from '../facts';
import { fenToCentiWan, formatWan, formatYuan, formatYuanExact } from '../money';

/** `5,095.13 万元`. */
export const wan = (fen: Fen): string => `${formatWan(fen)} 万元`;

/** `39,312 元` (whole 元 as the forms print them), `39,312.45 元` when the amount has 分. */
export const yuan = (fen: Fen): string => `${fen % 100 === 0 ? formatYuan(fen) : formatYuanExact(fen)} 元`;

/** `12.00 元` or `95.13 万元`: a difference, in 元 when it would show as 0.00 万元. */
export function diff(fen: Fen): string {
  const abs = Math.abs(fen);
  return fenToCentiWan(abs) === 0 ? `${formatYuanExact(abs)} 元` : wan(abs);
}

/**
 * Two figures that should be equal: in 万元, or in exact 元 when they would show the same in 万元.
 * Returns [a, b, difference].
 */
export function pair(a: Fen, b: Fen): [string, string, string] {
  if (formatWan(a) === formatWan(b)) return [`${formatYuanExact(a)} 元`, `${formatYuanExact(b)} 元`, diff(a - b)];
  return [wan(a), wan(b), diff(a - b)];
}

/** “A 5,095.13 万元与B 5,000.00 万元不一致，相差 95.13 万元” */
export function mismatch(aLabel: string, a: Fen, bLabel: string, b: Fen): string {
  const [x, y, d] = pair(a, b);
  return `${aLabel} ${x}与${bLabel} ${y}不一致，相差 ${d}`;
}

/** Same in 元 (performance forms): “年度资金总额 39,312 元与表十二项目金额 39,300 元不一致，相差 12 元” */
export function mismatchYuan(aLabel: string, a: Fen, bLabel: string, b: Fen): string {
  return `${aLabel} ${yuan(a)}与${bLabel} ${yuan(b)}不一致，相差 ${yuan(Math.abs(a - b))}`;
}

/** Table name as the disclosure numbers it: 表一 … 表十三. */
const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三'];
export const tableName = (no: number): string => `表${CN[no] ?? no}`;

/** Quoted, shortened text for messages. */
export function quote(s: string, max = 24): string {
  const t = s.trim().replace(/\s+/g, ' ');
  return `“${t.length > max ? t.slice(0, max) + '…' : t}”`;
}
