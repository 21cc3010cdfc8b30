/**
 * A section edit (income, prior-year figures, texts, assets): a handful of named fields of the budget, saved
 * together. The edit carries the budget version and the values it was based on; only the fields the user changed
 * are written, and an edit is refused (showing the current value) when one of those fields was changed by someone
 * else meanwhile. Fields the user left alone are never overwritten with what they saw.
 */
import { z } from '../../zod';
import type { Db } from '../../../db/client';
import type { Actor } from '../../auth/authorize';
import { writeAudit, type AuditAction, type Tx } from '../../audit';
import { fieldErrorsOf, invalid, ok, stale, type FieldErrors, type Result } from '../../result';
import { bumpBudgetVersion, openEdit, runEdit, type EditContext } from './common';
import { versionField } from './fields';

export type SectionValue = string | number;
export type SectionValues = Record<string, SectionValue>;

export interface SectionInput {
  budgetId: number;
  /** The budget version the form was loaded at. */
  baseVersion: number;
  /** The values the form was loaded with (as the server sent them). */
  base: SectionValues;
  /** The values as typed (strings); keys not sent are left alone. */
  values: Record<string, unknown>;
}

export interface SectionSpec {
  /** e.g. 收入 — used in messages. */
  label: string;
  /** Audit action and entity, e.g. income.update / income. */
  action: AuditAction;
  entity: string;
  /** Builds the field parsers (and the keys allowed) for this budget. */
  fields(ctx: EditContext, keys: string[]): { schemas: Record<string, z.ZodType<SectionValue>>; errors: FieldErrors };
  read(tx: Tx, budgetId: number, ctx: EditContext): SectionValues;
  write(tx: Tx, budgetId: number, changes: SectionValues, ctx: EditContext, current: SectionValues): void;
  /** How a field's value reads in a message (`一般公共预算本年收入为 1,234.56 元`). */
  describe(key: string, value: SectionValue | undefined, ctx: EditContext): string;
}

/** A saved section: the budget's version after it, the section's values as stored, and the keys written. */
export type SectionSaved = { version: number; values: SectionValues; changed: string[] };

const baseSchema = z.record(z.string().max(200), z.union([z.string().max(20_000), z.number()]), { error: '缺少原始数据，请刷新后重试' });

export function updateSection(
  db: Db,
  actor: Actor,
  input: SectionInput,
  spec: SectionSpec,
): Result<SectionSaved, SectionValues> {
  const opened = openEdit(db, actor, input?.budgetId);
  if (!opened.ok) return opened;
  const { ctx } = opened;
  const baseVersion = versionField.safeParse(input.baseVersion);
  if (!baseVersion.success) return invalid({ baseVersion: baseVersion.error.issues[0].message });
  const base = baseSchema.safeParse(input.base ?? {});
  if (!base.success) return invalid({ base: base.error.issues[0].message });
  const rawValues = input.values && typeof input.values === 'object' ? input.values : {};
  const keys = Object.keys(rawValues);
  if (keys.length > 500) return invalid({}, '字段过多');
  const { schemas, errors } = spec.fields(ctx, keys);
  if (Object.keys(errors).length) return invalid(errors);
  const parsed = z.object(schemas).safeParse(rawValues);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const values = parsed.data as SectionValues;
  const changed = keys.filter((k) => values[k] !== base.data[k]);

  return runEdit<Omit<SectionSaved, 'version'>, SectionValues>(db, actor, ctx.budget.id, (tx, budget, now) => {
    const current = spec.read(tx, budget.id, ctx);
    if (baseVersion.data !== budget.version) {
      const conflicts = changed.filter((k) => current[k] !== base.data[k] && current[k] !== values[k]);
      if (conflicts.length) {
        const fieldErrors: FieldErrors = {};
        for (const k of conflicts) fieldErrors[k] = `已被他人修改：当前${spec.describe(k, current[k], ctx)}`;
        return stale(
          `${spec.label}已被他人修改：当前${conflicts.map((k) => spec.describe(k, current[k], ctx)).join('，')}，请刷新后重试`,
          current,
          fieldErrors,
        );
      }
    }
    const toWrite: SectionValues = {};
    for (const k of changed) if (current[k] !== values[k]) toWrite[k] = values[k];
    const written = Object.keys(toWrite);
    if (written.length === 0) return ok({ version: budget.version, values: current, changed: [] });
    spec.write(tx, budget.id, toWrite, ctx, current);
    for (const k of written)
      writeAudit(
        tx,
        { budgetId: budget.id, userId: actor.userId, action: spec.action, entity: spec.entity, entityId: budget.id, field: k, oldValue: current[k] ?? null, newValue: toWrite[k] },
        now,
      );
    return ok({ version: bumpBudgetVersion(tx, budget.id, now), values: { ...current, ...toWrite }, changed: written });
  });
}

/** Rejects keys a section does not know. */
export function unknownKeys(keys: string[], known: (k: string) => boolean): FieldErrors {
  const errors: FieldErrors = {};
  for (const k of keys) if (!known(k)) errors[k.slice(0, 100)] = '未知的字段';
  return errors;
}
