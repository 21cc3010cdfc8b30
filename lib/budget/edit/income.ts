/** 收入 by fund source: this year's (本年收入) and carried over (上年结转), in 分. */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { incomeEntries } from '../../../db/schema';
import type { Actor } from '../../auth/authorize';
import { FUND_SOURCE_LABEL, FUND_SOURCES, type FundSource, type IncomeEntry } from '../../facts';
import { formatYuanExact } from '../../money';
import { yuanField } from './fields';
import { unknownKeys, updateSection, type SectionInput, type SectionSpec, type SectionValue, type SectionValues } from './section';

export const INCOME_PARTS = ['current', 'carryover'] as const;
type IncomePart = (typeof INCOME_PARTS)[number];
export const INCOME_PART_LABEL: Record<IncomePart, string> = { current: '本年收入', carryover: '上年结转' };

/** Field keys: `general.current`, `general.carryover`, … */
export const incomeKey = (source: FundSource, part: IncomePart) => `${source}.${part}`;
const KEY_RE = new RegExp(`^(${FUND_SOURCES.join('|')})\\.(current|carryover)$`);

function incomeLabel(key: string): string {
  const m = KEY_RE.exec(key);
  return m ? `${FUND_SOURCE_LABEL[m[1] as FundSource]}${INCOME_PART_LABEL[m[2] as IncomePart]}` : key;
}

/** The section's values as the form is loaded with them (分). */
export function incomeValues(income: IncomeEntry[]): SectionValues {
  const out: SectionValues = {};
  for (const s of FUND_SOURCES) {
    const e = income.find((i) => i.source === s);
    out[incomeKey(s, 'current')] = e?.current ?? 0;
    out[incomeKey(s, 'carryover')] = e?.carryover ?? 0;
  }
  return out;
}

const spec: SectionSpec = {
  label: '收入',
  action: 'income.update',
  entity: 'income',
  fields(_ctx, keys) {
    const schemas: Record<string, z.ZodType<SectionValue>> = {};
    for (const k of keys) if (KEY_RE.test(k)) schemas[k] = yuanField(incomeLabel(k), { blankAsZero: true });
    return { schemas, errors: unknownKeys(keys, (k) => KEY_RE.test(k)) };
  },
  read(tx, budgetId) {
    const rows = tx.select().from(incomeEntries).where(eq(incomeEntries.budgetId, budgetId)).all();
    return incomeValues(rows);
  },
  write(tx, budgetId, changes) {
    for (const [key, value] of Object.entries(changes)) {
      const [source, part] = key.split('.') as [FundSource, IncomePart];
      const existing = tx
        .select()
        .from(incomeEntries)
        .where(and(eq(incomeEntries.budgetId, budgetId), eq(incomeEntries.source, source)))
        .get();
      if (existing)
        tx.update(incomeEntries)
          .set({ [part]: value as number })
          .where(and(eq(incomeEntries.budgetId, budgetId), eq(incomeEntries.source, source)))
          .run();
      else tx.insert(incomeEntries).values({ budgetId, source, current: 0, carryover: 0, [part]: value as number }).run();
    }
  },
  describe(key, value) {
    return `${incomeLabel(key)}为 ${formatYuanExact(Number(value ?? 0))} 元`;
  },
};

/** Saves income figures typed in 元 (`values`: `general.current` → `1,234.56`). */
export function updateIncome(db: Db, actor: Actor, input: SectionInput) {
  return updateSection(db, actor, input, spec);
}
