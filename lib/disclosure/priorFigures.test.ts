/**
 * Carrying 上年预算数 forward: next year's figures are read at the cells next year's text compares with, so a budget
 * that repeats this year's figures reads "与上年预算数相同" in every comparison (the cells of priorFigures.ts and of
 * the text sections cannot drift apart unnoticed).
 */
import { describe, expect, it } from 'vitest';
import { loadBudgetFacts } from '../budget/load';
import { seededWorld } from '../budget/edit/testing';
import { buildDocument } from './document';
import { priorFiguresFrom } from './priorFigures';
import { buildTables } from './tables';
import { SAME_AS_PRIOR } from './words';

describe('上年预算数 carried forward', () => {
  it('are this year’s 收支总计, 一般公共预算当年拨款, 三公 items and 机关运行经费, exactly the figures the text compares', () => {
    const w = seededWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const prior = priorFiguresFrom(buildTables(facts));
    // the demo department (the reference document): 收支总计 5,907.89 万元 … in 分
    expect(prior.total).toBeGreaterThan(0);
    expect(prior.generalCurrent).toBeGreaterThan(0);
    expect(prior.generalCurrent).toBeLessThanOrEqual(prior.total);
    const text = buildDocument({ ...facts, prior }).part3.map((s) => [s.heading, ...s.paragraphs.map((p) => p.text), ...(s.subsections ?? []).flatMap((x) => x.paragraphs.map((p) => p.text))].join('\n'));
    const all = text.join('\n');
    // no comparison states a change: 增加/减少 of an amount against last year appear nowhere
    expect(all).not.toMatch(/比上年(?:预算数)?(?:增加|减少)/);
    expect(all).not.toMatch(/与上年相比预算数(?:增加|减少)/);
    expect(all.split(SAME_AS_PRIOR).length - 1).toBeGreaterThanOrEqual(4);
  });
});
