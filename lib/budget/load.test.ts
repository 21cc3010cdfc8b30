import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { basicLines, economicMappings, units } from '../../db/schema';
import { updateUnit } from '../admin/departments';
import { serializeFacts } from '../publish/snapshots';
import { updateLine } from './edit/lines';
import { seededWorld } from './edit/testing';
import { loadBudgetFacts } from './load';

/** A fresh connection to the same facts, without any cache: what the facts are. */
const uncached = (w: ReturnType<typeof seededWorld>) => w.db.$client.transaction(() => loadBudgetFacts(w.db, w.budgetId))();

describe('loadBudgetFacts keeps the budget’s own rows by budget version', () => {
  it('answers an unchanged budget from what it read, and a saved one afresh', () => {
    const w = seededWorld();
    const first = loadBudgetFacts(w.db, w.budgetId);
    const again = loadBudgetFacts(w.db, w.budgetId);
    expect(again.basicLines).toBe(first.basicLines);
    expect(serializeFacts(again)).toBe(serializeFacts(uncached(w)));

    const line = first.basicLines[0];
    const version = w.db.select({ v: basicLines.version }).from(basicLines).where(eq(basicLines.id, line.id)).get()!.v;
    const r = updateLine(w.db, w.actors.renshe, { budgetId: w.budgetId, lineId: line.id, version, changes: { amount: '1234.56' } });
    expect(r.ok).toBe(true);
    const after = loadBudgetFacts(w.db, w.budgetId);
    expect(after.basicLines.find((l) => l.id === line.id)!.amount).toBe(123_456);
    expect(serializeFacts(after)).toBe(serializeFacts(uncached(w)));
  });

  it('derives the lines’ 政府经济 款 again when the mapping or a unit’s type changes (no budget version moves)', () => {
    const w = seededWorld();
    const before = loadBudgetFacts(w.db, w.budgetId);
    const line = before.basicLines.find((l) => l.economicCode === '30101')!;
    const unit = w.db.select().from(units).where(eq(units.id, line.unitId)).get()!;
    const other = unit.type === 'institution' ? 'admin' : 'institution';
    updateUnit(w.db, w.actors.admin, { id: unit.id, name: unit.name, type: other });
    const retyped = loadBudgetFacts(w.db, w.budgetId);
    expect(serializeFacts(retyped)).toBe(serializeFacts(uncached(w)));
    expect(retyped.units.find((u) => u.id === unit.id)!.type).toBe(other);

    w.db
      .update(economicMappings)
      .set({ govCodeAdmin: '50199', govCodeInstitution: '50199' })
      .where(and(eq(economicMappings.year, before.year), eq(economicMappings.deptCode, '30101')))
      .run();
    const remapped = loadBudgetFacts(w.db, w.budgetId);
    expect(remapped.basicLines.find((l) => l.id === line.id)!.govEconomicCode).toBe('50199');
    expect(serializeFacts(remapped)).toBe(serializeFacts(uncached(w)));
  });

  it('inside a transaction reads what the transaction sees and keeps nothing of it', () => {
    const w = seededWorld();
    const line = loadBudgetFacts(w.db, w.budgetId).basicLines[0];
    const rollback = new Error('rollback');
    expect(() =>
      w.db.transaction((tx) => {
        tx.update(basicLines).set({ amount: 7 }).where(eq(basicLines.id, line.id)).run();
        expect(loadBudgetFacts(w.db, w.budgetId).basicLines.find((l) => l.id === line.id)!.amount).toBe(7);
        throw rollback;
      }),
    ).toThrow(rollback);
    expect(loadBudgetFacts(w.db, w.budgetId).basicLines.find((l) => l.id === line.id)!.amount).toBe(line.amount);
  });

  it('hands out frozen facts, so no reader can change what the next one gets', () => {
    const w = seededWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    expect(() => {
      (facts.basicLines[0] as { amount: number }).amount = 1;
    }).toThrow(TypeError);
    expect(() => facts.projects[0].items.push(facts.projects[0].items[0])).toThrow(TypeError);
    expect(() => facts.basicLines.sort((a, b) => a.amount - b.amount)).toThrow(TypeError);
    expect(() => {
      (facts.forms[0].fundingTotal as { total: number }).total = 1;
    }).toThrow(TypeError);
  });
});
