import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { disclosureDocumentHtml } from '../../components/DisclosureDocument';
import { disclosureDigest } from '../pdf/printDigest';
import { DisclosureDocumentView } from '../../components/DisclosureDocumentView';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { budgets, departments } from '../../db/schema';
import { seedIfEmpty } from '../../db/seed';
import { loadBudgetFacts } from '../budget/load';
import { buildDocument } from './document';
import { DEFAULT_REGION_TEXTS } from '../region/texts';

const db = openDatabase(':memory:');
seedIfEmpty(db, { passwordHasher: (p) => p });
const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
const budget = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!;
const demoFacts = () => loadBudgetFacts(db, budget.id);

function props(facts = demoFacts()) {
  return { doc: buildDocument(facts, DEFAULT_REGION_TEXTS), forms: facts.forms, regionName: facts.department.regionName };
}

describe('the rendered-document cache (components/DisclosureDocument)', () => {
  it('serves exactly what the view renders', () => {
    const p = props();
    expect(disclosureDocumentHtml(p)).toBe(renderToStaticMarkup(createElement(DisclosureDocumentView, p)));
    // the second call is the cached string
    expect(disclosureDocumentHtml(props())).toBe(disclosureDocumentHtml(p));
  });

  it('a changed figure (one 分 is a new key; 1 万元 shows), form or region name gives new HTML, never the stale page', () => {
    const facts = demoFacts();
    const before = disclosureDocumentHtml(props(facts));
    const line = facts.basicLines[0];
    const oneFen = { ...facts, basicLines: [{ ...line, amount: line.amount + 1 }, ...facts.basicLines.slice(1)] };
    expect(disclosureDigest(props(oneFen))).not.toBe(disclosureDigest(props(facts)));
    const changed = { ...facts, basicLines: [{ ...line, amount: line.amount + 1_000_000 }, ...facts.basicLines.slice(1)] };
    expect(disclosureDocumentHtml(props(changed))).not.toBe(before);

    const form = facts.forms[0];
    const renamed = { ...facts, forms: [{ ...form, manager: '新的负责人' }, ...facts.forms.slice(1)] };
    expect(disclosureDocumentHtml(props(renamed))).toContain('新的负责人');
    expect(disclosureDocumentHtml({ ...props(facts), regionName: '另一县' })).toContain('另一县');
    expect(disclosureDocumentHtml(props(facts))).toBe(before);
  });
});

describe('the rendered document', () => {
  const html = disclosureDocumentHtml(props());
  // what a reader sees: the markup without the SVG's hidden <title>/<desc> and without attribute values
  const visible = html.replace(/<(title|desc)>[^<]*<\/\1>/g, '').replace(/="[^"]*"/g, '=""');
  const count = (s: string, part: string) => s.split(part).length - 1;

  it('prints each chart’s title once, as the caption above the chart', () => {
    for (const title of ['一般公共预算当年拨款结构图', '三公经费分布图']) {
      expect([title, count(visible, title)]).toEqual([title, 1]);
      expect(html).toMatch(new RegExp(`<figcaption[^>]*>${title}</figcaption><div[^>]*><svg`));
    }
  });

  it('prints every form’s 填报日期 as a date (2023年12月15日), never the entry system’s timestamp', () => {
    const dates = [...html.matchAll(/填报日期: ([^<]*)</g)].map((m) => m[1]);
    expect(dates).toHaveLength(17);
    for (const d of dates) expect(d).toMatch(/^20(23|24)年\d{1,2}月\d{1,2}日$/);
    expect(dates).toContain('2023年12月15日');
    expect(html).not.toMatch(/20231215\d{6}/);
  });
});
