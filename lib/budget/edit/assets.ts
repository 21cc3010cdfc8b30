/**
 * 国有资产占有使用情况: vehicles by category (编制 and 实有), 办公用房 floor area typed in 平方米 with two decimals
 * (stored as integer 0.01 平方米), devices over 50万/100万元, and the date the figures are as of.
 */
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { budgetAssets, vehicleCounts } from '../../../db/schema';
import type { Actor } from '../../auth/authorize';
import type { Assets } from '../../facts';
import { formatArea } from '../../disclosure/words';
import { nextSort } from './common';
import { areaField, countField, isoDateField } from './fields';
import { unknownKeys, updateSection, type SectionInput, type SectionSpec, type SectionValue, type SectionValues } from './section';

/** The standard 公务用车 categories, always offered. */
const VEHICLE_CATEGORIES = ['领导用车', '机要通信用车', '应急保障用车', '执法执勤用车', '特种专业技术用车', '事业单位业务用车', '其他公务用车'] as const;

const ASSET_LABEL: Record<string, string> = {
  asOf: '统计截止日期',
  officeArea: '办公用房建筑面积',
  devicesOver500k: '单价50万元以上通用设备',
  devicesOver1m: '单价100万元以上通用设备',
};
const VEHICLE_PART_LABEL = { establishment: '编制数', actual: '实有数' } as const;
const VEHICLE_KEY_RE = /^vehicles\.([^.]{1,20})\.(establishment|actual)$/;

export const vehicleKey = (category: string, part: 'establishment' | 'actual') => `vehicles.${category}.${part}`;

/** The categories a budget shows: the standard ones, then any other already stored. */
export function vehicleCategories(assets: Assets): string[] {
  const extra = assets.vehicles.map((v) => v.category).filter((c) => !(VEHICLE_CATEGORIES as readonly string[]).includes(c));
  return [...VEHICLE_CATEGORIES, ...extra];
}

/** The section's values as the form is loaded with them (area in 0.01 平方米). */
export function assetValues(assets: Assets): SectionValues {
  const out: SectionValues = {
    asOf: assets.asOf,
    officeArea: assets.officeAreaCentiSqm,
    devicesOver500k: assets.devicesOver500k,
    devicesOver1m: assets.devicesOver1m,
  };
  for (const c of vehicleCategories(assets)) {
    const v = assets.vehicles.find((x) => x.category === c);
    out[vehicleKey(c, 'establishment')] = v?.establishment ?? 0;
    out[vehicleKey(c, 'actual')] = v?.actual ?? 0;
  }
  return out;
}

export function assetLabel(key: string): string {
  const m = VEHICLE_KEY_RE.exec(key);
  if (m) return `${m[1]}${VEHICLE_PART_LABEL[m[2] as 'establishment' | 'actual']}`;
  return ASSET_LABEL[key] ?? key;
}

const spec: SectionSpec = {
  label: '国有资产情况',
  action: 'assets.update',
  entity: 'budget_assets',
  fields(ctx, keys) {
    void ctx;
    const schemas: Record<string, z.ZodType<SectionValue>> = {};
    for (const k of keys) {
      if (k === 'asOf') schemas[k] = isoDateField;
      else if (k === 'officeArea') schemas[k] = areaField('办公用房建筑面积');
      else if (k === 'devicesOver500k' || k === 'devicesOver1m') schemas[k] = countField(ASSET_LABEL[k]);
      else if (VEHICLE_KEY_RE.test(k)) schemas[k] = countField(assetLabel(k));
    }
    return { schemas, errors: unknownKeys(keys, (k) => k in ASSET_LABEL || VEHICLE_KEY_RE.test(k)) };
  },
  read(tx, budgetId, ctx) {
    const a = tx.select().from(budgetAssets).where(eq(budgetAssets.budgetId, budgetId)).get();
    const vehicles = tx.select().from(vehicleCounts).where(eq(vehicleCounts.budgetId, budgetId)).all();
    return assetValues({
      asOf: a?.asOf ?? `${ctx.budget.year - 1}-12-31`,
      officeAreaCentiSqm: a?.officeAreaCentiSqm ?? 0,
      devicesOver500k: a?.devicesOver500k ?? 0,
      devicesOver1m: a?.devicesOver1m ?? 0,
      vehicles: vehicles.map((v) => ({ category: v.category, establishment: v.establishment, actual: v.actual })),
    });
  },
  write(tx, budgetId, changes, ctx, current) {
    const set: Partial<typeof budgetAssets.$inferInsert> = {};
    if (changes.asOf !== undefined) set.asOf = String(changes.asOf);
    if (changes.officeArea !== undefined) set.officeAreaCentiSqm = Number(changes.officeArea);
    if (changes.devicesOver500k !== undefined) set.devicesOver500k = Number(changes.devicesOver500k);
    if (changes.devicesOver1m !== undefined) set.devicesOver1m = Number(changes.devicesOver1m);
    if (Object.keys(set).length) {
      const exists = tx.select({ id: budgetAssets.budgetId }).from(budgetAssets).where(eq(budgetAssets.budgetId, budgetId)).get();
      if (exists) tx.update(budgetAssets).set(set).where(eq(budgetAssets.budgetId, budgetId)).run();
      else tx.insert(budgetAssets).values({ budgetId, asOf: String(current.asOf ?? `${ctx.budget.year - 1}-12-31`), ...set }).run();
    }
    for (const [key, value] of Object.entries(changes)) {
      const m = VEHICLE_KEY_RE.exec(key);
      if (!m) continue;
      const [, category, part] = m as unknown as [string, string, 'establishment' | 'actual'];
      const where = and(eq(vehicleCounts.budgetId, budgetId), eq(vehicleCounts.category, category));
      const row = tx.select().from(vehicleCounts).where(where).get();
      if (row) tx.update(vehicleCounts).set({ [part]: Number(value) }).where(where).run();
      else {
        const std = (VEHICLE_CATEGORIES as readonly string[]).indexOf(category);
        const sort = std >= 0 ? std + 1 : nextSort(tx, vehicleCounts.sort, vehicleCounts.budgetId, budgetId);
        tx.insert(vehicleCounts)
          .values({ budgetId, category, establishment: 0, actual: 0, [part]: Number(value), sort })
          .run();
      }
    }
  },
  describe(key, value) {
    if (key === 'asOf') return `${ASSET_LABEL.asOf}为 ${value ?? ''}`;
    if (key === 'officeArea') return `${ASSET_LABEL.officeArea}为 ${formatArea(Number(value ?? 0))} 平方米`;
    return `${assetLabel(key)}为 ${value ?? 0}`;
  },
};

/** Saves asset figures (vehicle counts per category: keys `vehicles.<类别>.establishment|actual`). */
export function updateAssets(db: Db, actor: Actor, input: SectionInput) {
  return updateSection(db, actor, input, spec);
}
