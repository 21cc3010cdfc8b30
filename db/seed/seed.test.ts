import { describe, expect, it } from 'vitest';
import { verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../client';
import { budgets, departments, users } from '../schema';
import { seedIfEmpty } from '.';
import { loadBudgetFacts } from '../../lib/budget/load';
import { headline } from '../../lib/budget/headline';
import { formatWan } from '../../lib/money';
import { DEMO_ACCOUNTS } from './demo/accounts';

describe('first-run seed', () => {
  const db = openDatabase(':memory:');
  const seeded = seedIfEmpty(db);

  it('seeds an empty database once, and never again', () => {
    expect(seeded).toBe(true);
    expect(seedIfEmpty(db)).toBe(false);
    expect(db.select().from(departments).all().map((d) => d.code)).toEqual(['054', '061']);
  });

  it("reproduces the reference's headline totals from the demo department's facts", () => {
    const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
    const budget = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!;
    const facts = loadBudgetFacts(db, budget.id);
    const h = headline(facts);
    expect(formatWan(h.incomeTotal)).toBe('5,907.89'); // 收入总计
    expect(formatWan(h.incomeCurrent)).toBe('5,095.13'); // 本年收入
    expect(formatWan(h.incomeCarryover)).toBe('812.76'); // 上年结转
    expect(formatWan(h.basic)).toBe('2,656.10'); // 基本支出
    expect(formatWan(h.project)).toBe('3,251.79'); // 项目支出
    expect(formatWan(h.expenditureTotal)).toBe('5,907.89'); // 支出总计
    expect(facts.units).toHaveLength(5);
    expect(facts.projects.filter((p) => !p.carryover)).toHaveLength(17);
    expect(facts.projects.filter((p) => p.carryover)).toHaveLength(5);
    expect(facts.forms).toHaveLength(17);
    // the 政府经济 款 is resolved from the unit type: 行政 30108 → 50102, 事业 30108 → 50501
    const pension = facts.basicLines.filter((l) => l.economicCode === '30108');
    const unitType = new Map(facts.units.map((u) => [u.id, u.type]));
    for (const l of pension) expect(l.govEconomicCode).toBe(unitType.get(l.unitId) === 'institution' ? '50501' : '50102');
  });

  it('stores demo passwords as argon2id hashes only', async () => {
    for (const a of DEMO_ACCOUNTS) {
      const u = db.select().from(users).where(eq(users.username, a.username)).get()!;
      expect(u.passwordHash).toMatch(/^\$argon2id\$/);
      expect(u.passwordHash).not.toContain(a.password);
      expect(await verify(u.passwordHash, a.password)).toBe(true);
    }
  });

  it('keeps the audit log append-only', () => {
    db.$client.prepare("INSERT INTO audit_log (action, entity, created_at) VALUES ('test', 'x', 1)").run();
    expect(() => db.$client.prepare('UPDATE audit_log SET action = ?').run('forged')).toThrow(/append-only/);
    expect(() => db.$client.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});
