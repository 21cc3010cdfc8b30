/**
 * Timing of the rule engine on a synthetic 5,000-line department (300 projects, 240 forms):
 *   npx tsx lib/rules/testing/bench.ts [lines] [projects]
 * Prints the median, best and 90th percentile of 31 runs of all rules (tables prebuilt) and of checkBudget.
 */
import { buildTables } from '../../disclosure/tables';
import { checkBudget, runRules, summarize } from '../index';
import { largeRuleFacts } from './fixtures';

const lines = Number(process.argv[2] ?? 5000);
const projects = Number(process.argv[3] ?? 300);
const facts = largeRuleFacts(lines, projects);
const tables = buildTables(facts);
const input = () => ({ facts, tables, controlFigure: null });
for (let i = 0; i < 3; i++) checkBudget(facts, null); // warm up

const N = 31;
const rules: number[] = [];
const rulesCpu: number[] = [];
const whole: number[] = [];
/** CPU time of this process in ms: unaffected by other processes competing for the cores. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (let i = 0; i < N; i++) {
  const c0 = cpu();
  let t0 = performance.now();
  runRules(input());
  rules.push(performance.now() - t0);
  rulesCpu.push(cpu() - c0);
  t0 = performance.now();
  checkBudget(facts, null);
  whole.push(performance.now() - t0);
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[N >> 1].toFixed(1)} ms, best ${s[0].toFixed(1)} ms, p90 ${s[Math.floor(N * 0.9)].toFixed(1)} ms`;
};
const findings = runRules(input());
console.log(
  `${facts.basicLines.length} lines, ${facts.projects.length} projects (${facts.projects.reduce((s, p) => s + p.items.length, 0)} items), ` +
    `${facts.forms.length} forms (${facts.forms.reduce((s, f) => s + f.indicators.length, 0)} indicators); ` +
    `${findings.length} findings ${JSON.stringify(summarize(findings))}`,
);
console.log(`all rules (tables prebuilt): wall ${stats(rules)}`);
console.log(`all rules (tables prebuilt): CPU ${stats(rulesCpu)}`);
console.log(`checkBudget (tables + rules): ${stats(whole)}`);
