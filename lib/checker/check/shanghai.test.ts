/**
 * The 9-table profile on the 上海市普陀区财政局 2025 sample (lib/checker/testing/fixtures/, read by the PDF reader):
 * a correct document, so nothing is reported, and every identity could be checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { codebookFromCsv } from '../../disclosure/testing/codebookFromCsv';
import type { ExtractedDocument } from '../model';
import { readDisclosure } from '../read';
import { checkDisclosure } from './index';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../testing/fixtures/shanghai-putuo-finance-bureau-2025-dept-budget.pdf');
const codes = codebookFromCsv(2024);
let doc: ExtractedDocument;

beforeAll(async () => {
  const r = await readDisclosure({ name: 'putuo.pdf', bytes: new Uint8Array(fs.readFileSync(FIXTURE)) }, { codes });
  if (!r.ok) throw new Error('the sample must be readable');
  doc = r.document;
}, 60_000);

describe('上海市普陀区财政局 2025 (9 tables)', () => {
  it('reports nothing and leaves nothing unchecked', () => {
    expect(doc.profile).toBe('shanghai-9');
    const report = checkDisclosure(doc, codes);
    // 表一 收入总计 31,214,205.80 元 = 支出总计 (all income is 财政拨款); 表四 支出总计 = 表五 合计 (表六, 表七 empty);
    // 表三 合计 = 基本 + 项目 on every row; 表九 “三公” 0.95 万元 = 因公出国 0 + 公务接待 0.95 + 公务用车 0; the text's
    // “三公”经费预算数为0.95万元 and 机关运行经费预算为229.43万元 are 表九's figures
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.notChecked).toEqual([]);
  });

  it('reports a 三公 figure of the text changed in one place', () => {
    const changed: ExtractedDocument = structuredClone(doc);
    const s = changed.sections.find((x) => x.heading.includes('三公'))!;
    s.text = s.text.replace('0.95万元', '1.95万元');
    const found = checkDisclosure(changed, codes).findings.filter((f) => f.severity !== 'info');
    expect(found.map((f) => f.ruleId)).toEqual(['doc.text-figure']);
    expect(found[0].message).toContain('1.95 万元，表九为 0.95 万元');
  });
});
