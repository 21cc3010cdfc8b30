/** The engine: the catalogue, the order of findings, determinism, purity, summaries, and that size silences no rule. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BudgetFacts } from '../facts';
import { buildTables } from '../disclosure/tables';
import { compareFindings } from './context';
import { checkBudget, RULES, runRules, summarize } from './index';
import { CLASSIC_TAXONOMY, TAXONOMY_2021, taxonomyForYear } from './taxonomy';
import { goodFacts, inputOf, largeRuleFacts, WAN, YUAN } from './testing/fixtures';

/** A budget that trips many rules at once. */
function badFacts(): BudgetFacts {
  const f = goodFacts();
  f.basicLines[0].functionCode = '20801';
  f.basicLines[1].economicCode = '30298';
  f.basicLines[2].amount += 40 * YUAN;
  f.projects[1].items[0].amount += 5 * WAN;
  f.forms[0].indicators[2].value = '2023年5月';
  f.forms[1].overview = 'XX';
  f.text.reasonGeneralChange = '';
  f.prior.total = 0;
  return f;
}

describe('the catalogue', () => {
  it('has unique ids of the form family.name, a severity and a Chinese title', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(['error', 'warning', 'info']).toContain(r.severity);
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('is documented rule by rule in lib/rules/README.md', () => {
    const readme = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'README.md'), 'utf8');
    for (const r of RULES) expect(readme, r.id).toContain(`\`${r.id}\` | ${r.severity}`);
  });

  it('every finding carries its rule’s severity', () => {
    for (const f of runRules(inputOf(badFacts()))) expect(f.severity).toBe(RULES.find((r) => r.id === f.ruleId)!.severity);
  });
});

describe('runRules', () => {
  it('is silent on a consistent budget', () => {
    expect(runRules(inputOf(goodFacts()))).toEqual([]);
    expect(checkBudget(goodFacts(), 255.5 * WAN)).toEqual([]);
  });

  it('orders findings by severity, then rule id, then location', () => {
    const fs = runRules(inputOf(badFacts()));
    expect(fs.length).toBeGreaterThan(8);
    expect([...fs].sort(compareFindings)).toEqual(fs);
    const rank = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < fs.length; i++) {
      const a = fs[i - 1];
      const b = fs[i];
      expect(rank[a.severity] < rank[b.severity] || (a.severity === b.severity && a.ruleId <= b.ruleId)).toBe(true);
    }
    expect(new Set(fs.map((f) => f.key)).size).toBe(fs.length);
  });

  it('does not depend on the order of the facts', () => {
    const f = badFacts();
    const g: BudgetFacts = {
      ...f,
      units: [...f.units].reverse(),
      basicLines: [...f.basicLines].reverse(),
      projects: [...f.projects].reverse().map((p) => ({ ...p, items: [...p.items].reverse() })),
      income: [...f.income].reverse(),
      forms: [...f.forms].reverse(),
    };
    expect(runRules(inputOf(g))).toEqual(runRules(inputOf(f)));
  });

  it('gives the same keys on every run (explanations are stored against them)', () => {
    const a = runRules(inputOf(badFacts())).map((f) => f.key);
    const b = runRules(inputOf(badFacts())).map((f) => f.key);
    expect(b).toEqual(a);
    expect(a).toContain('codes.function-not-item-level@line:1');
    expect(a).toContain('text.reason-missing@text:reasonGeneralChange');
  });

  it('does not mutate the facts or the tables', () => {
    const f = badFacts();
    const tables = buildTables(f);
    const before = JSON.stringify([f, tables]);
    const freeze = (o: unknown): void => {
      if (o && typeof o === 'object') {
        Object.freeze(o);
        for (const v of Object.values(o)) freeze(v);
      }
    };
    freeze(f);
    freeze(tables);
    runRules({ facts: f, tables, controlFigure: 1 });
    expect(JSON.stringify([f, tables])).toBe(before);
  });

  it('checkBudget builds the tables once and runs every rule', () => {
    const f = badFacts();
    expect(checkBudget(f, 255.5 * WAN)).toEqual(runRules(inputOf(f, { controlFigure: 255.5 * WAN })));
  });

  it('summarize counts the findings by severity', () => {
    const fs = runRules(inputOf(badFacts()));
    const s = summarize(fs);
    expect(s.error + s.warning + s.info).toBe(fs.length);
    expect(s.error).toBeGreaterThan(0);
    const g = goodFacts();
    g.text.reasonGeneralChange = '主要原因是新增就业服务项目';
    const warnings = runRules(inputOf(g));
    expect(summarize(warnings)).toEqual({ error: 0, warning: 1, info: 0 });
    g.text.reasonGeneralChange = '';
    expect(summarize(runRules(inputOf(g)))).toEqual({ error: 1, warning: 0, info: 0 });
  });
});

describe('taxonomy', () => {
  it('is chosen by year (≤ 2024 classic), configurably', () => {
    expect(taxonomyForYear(2024)).toBe(CLASSIC_TAXONOMY);
    expect(taxonomyForYear(2025)).toBe(TAXONOMY_2021);
    expect(taxonomyForYear(2024, 2022)).toBe(TAXONOMY_2021);
    expect(TAXONOMY_2021.level1.map((l) => l.name)).toEqual(['成本指标', '产出指标', '效益指标', '满意度指标']);
    expect(TAXONOMY_2021.level1[0].level2).toEqual(['经济成本指标', '社会成本指标', '生态环境成本指标']);
  });
});

// Speed is measured by `npm run bench` (and lib/rules/testing/bench.ts), never asserted in a test.
describe('a large synthetic department', () => {
  it('runs every rule on 5,000 lines and 300 projects and silences none of them', () => {
    // badFacts' faults, planted at the far end of the arrays: a rule that stopped early, capped its findings or
    // lost them among the ~900 this department already has (尾差, unit costs) would miss them.
    const f = largeRuleFacts(5000, 300);
    const lines = f.basicLines.slice(-3);
    const formed = f.projects.filter((p) => f.forms.some((x) => x.projectId === p.id));
    const project = formed[formed.length - 1];
    const [placeholderForm, timeForm] = [f.forms[f.forms.length - 2], f.forms[f.forms.length - 1]];
    lines[2].functionCode = '20801';
    lines[1].economicCode = '30298';
    lines[0].amount += 40 * YUAN;
    project.items[0].amount += 5 * WAN;
    const dated = timeForm.indicators[2];
    dated.value = '2023年5月';
    placeholderForm.overview = 'XX';
    f.prior.generalCurrent = WAN; // this department has no prior year: give 一般公共预算当年拨款 one, unexplained
    f.text.reasonGeneralChange = ''; // (badFacts also zeroes prior.total: it is 0 here already)

    const findings = runRules(inputOf(f));
    const keys = findings.map((x) => x.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        `codes.function-not-item-level@line:${lines[2].id}`,
        `codes.economic-unknown@line:${lines[1].id}`,
        `form.annual-equals-table12@form:${project.id}:fundingAnnual.total`,
        `form.placeholder@form:${placeholderForm.projectId}:overview`,
        `form.time-outside-year@form:${timeForm.projectId}:indicator:${dated.period}:${dated.name}`,
        'income.balance-per-source@income:general#current',
        'text.reason-missing@text:reasonGeneralChange',
      ]),
    );
    // every rule the same faults trip on the small budget speaks on the large one too
    const small = new Set(runRules(inputOf(badFacts())).map((x) => x.ruleId));
    expect(small.size).toBeGreaterThan(8);
    expect([...new Set(findings.map((x) => x.ruleId))]).toEqual(expect.arrayContaining([...small]));
    expect(findings.every((x) => x.message.length > 0 && x.key.length > 0)).toBe(true);
  });
});
