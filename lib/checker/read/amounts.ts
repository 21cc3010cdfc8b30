/** Printed amounts → 分, exactly (lib/money.ts; never floats): `1,234.56` in 万元 or 元, blank, `-`, `—`. */
import type { Fen } from '../../facts';
import { parseWan, parseYuan } from '../../money';

type ReadAmount = { ok: true; fen: Fen } | { ok: false; error: string };

const DASH = /^[-−—–]+$/;

export function readAmount(text: string, unit: '元' | '万元'): ReadAmount {
  const t = text.replace(/\s/g, '').replace(/−/g, '-');
  if (t === '' || DASH.test(t)) return { ok: true, fen: 0 };
  const r = unit === '元' ? parseYuan(t, { allowNegative: true }) : parseWan(t, { allowNegative: true });
  return r.ok ? { ok: true, fen: r.fen } : { ok: false, error: `“${text}”不是金额` };
}
