/** 上年预算 figures the text compares against: totals, 一般公共预算当年拨款, 三公 by item, 机关运行经费 (分). */
import 'server-only';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { priorYearFigures } from '../../../db/schema';
import type { Actor } from '../../auth/authorize';
import type { PriorYear } from '../../facts';
import { formatYuanExact } from '../../money';
import { yuanField } from './fields';
import { unknownKeys, updateSection, type SectionInput, type SectionSpec, type SectionValue, type SectionValues } from './section';

export const PRIOR_FIELDS = ['total', 'generalCurrent', 'abroad', 'reception', 'vehiclePurchase', 'vehicleOperation', 'runningCosts'] as const;
type PriorField = (typeof PRIOR_FIELDS)[number];
export const PRIOR_LABEL: Record<PriorField, string> = {
  total: '上年收支总计',
  generalCurrent: '上年一般公共预算当年拨款',
  abroad: '上年因公出国（境）费',
  reception: '上年公务接待费',
  vehiclePurchase: '上年公务用车购置费',
  vehicleOperation: '上年公务用车运行维护费',
  runningCosts: '上年机关运行经费',
};
const isPriorField = (k: string): k is PriorField => (PRIOR_FIELDS as readonly string[]).includes(k);

export function priorValues(p: PriorYear): SectionValues {
  return {
    total: p.total,
    generalCurrent: p.generalCurrent,
    abroad: p.threePublic.abroad,
    reception: p.threePublic.reception,
    vehiclePurchase: p.threePublic.vehiclePurchase,
    vehicleOperation: p.threePublic.vehicleOperation,
    runningCosts: p.runningCosts,
  };
}

const spec: SectionSpec = {
  label: '上年预算数',
  action: 'prior.update',
  entity: 'prior_year',
  fields(_ctx, keys) {
    const schemas: Record<string, z.ZodType<SectionValue>> = {};
    for (const k of keys) if (isPriorField(k)) schemas[k] = yuanField(PRIOR_LABEL[k], { blankAsZero: true });
    return { schemas, errors: unknownKeys(keys, isPriorField) };
  },
  read(tx, budgetId) {
    const r = tx.select().from(priorYearFigures).where(eq(priorYearFigures.budgetId, budgetId)).get();
    const out: SectionValues = {};
    for (const f of PRIOR_FIELDS) out[f] = r?.[f] ?? 0;
    return out;
  },
  write(tx, budgetId, changes) {
    const set = changes as Partial<Record<PriorField, number>>;
    const exists = tx.select({ id: priorYearFigures.budgetId }).from(priorYearFigures).where(eq(priorYearFigures.budgetId, budgetId)).get();
    if (exists) tx.update(priorYearFigures).set(set).where(eq(priorYearFigures.budgetId, budgetId)).run();
    else tx.insert(priorYearFigures).values({ budgetId, ...set }).run();
  },
  describe(key, value) {
    return `${isPriorField(key) ? PRIOR_LABEL[key] : key}为 ${formatYuanExact(Number(value ?? 0))} 元`;
  },
};

/** Saves prior-year figures typed in 元. */
export function updatePrior(db: Db, actor: Actor, input: SectionInput) {
  return updateSection(db, actor, input, spec);
}
