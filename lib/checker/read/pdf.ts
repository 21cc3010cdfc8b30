/**
 * A disclosure PDF (text layer) → `ExtractedDocument`: pages read with pdf.js (./pdfPages), tables rebuilt from
 * ruling lines (./grid, ./layout), then the profile's table model (./shanxi13, ./shanghai9), the cover, 目录,
 * numbered text sections and 绩效目标表 forms. What could not be read goes into `unread`.
 */
import type { CodeBook } from '../../facts';
import type { CheckerProfile, ExtractedDocument, ExtractedForm, ProfileTable, TextSection } from '../model';
import { readAmount } from './amounts';
import { pageLayout, type Grid, type GridCell, type TextLine } from './grid';
import { findTables, type PageLayout, type RawTable } from './layout';
import { readPdfPages, type PdfLimits, PDF_LIMITS } from './pdfPages';
import { shanghaiTableNo, toShanghaiTable } from './shanghai9';
import { shanxiHeaderRows, shanxiTableNo, toShanxiTable } from './shanxi13';

export interface ReadOptions {
  profile?: CheckerProfile;
  /** The year's code book (表六 prints 经济科目 names only; their codes come from here). */
  codes?: CodeBook;
  limits?: PdfLimits;
}

const FOOTER = /^第\s*\d+\s*页\s*(共\s*\d+\s*页)?$|^-\s*\d+\s*-$/;
const HEADING = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)/;

export async function readPdfDisclosure(fileName: string, bytes: Uint8Array, opts: ReadOptions = {}): Promise<ExtractedDocument> {
  const pages = await readPdfPages(bytes, opts.limits ?? PDF_LIMITS);
  const layouts: PageLayout[] = pages.map((p) => ({ page: p.page, ...pageLayout(p) }));
  const unread: ExtractedDocument['unread'] = [];
  const textPages = layouts.filter((l) => l.lines.length > 0 || l.grids.length > 0).length;
  if (textPages === 0) {
    unread.push({ where: '全文', reason: 'PDF 没有文字层（可能是扫描件），无法读取文字和表格' });
  }

  const shanxiTables = findTables(
    layouts,
    (l) => shanxiTableNo(l.text) !== null || /^\d{4}年.+表(（.+）)?$/.test(l.text.replace(/\s/g, '')),
    (lines) => {
      const no = shanxiTableNo(lines[0]?.text ?? '');
      return no === null ? null : shanxiHeaderRows(no);
    },
  );
  const sxCount = new Set(shanxiTables.map((t) => shanxiTableNo(t.titleLines[0]?.text ?? '')).filter((n) => n !== null)).size;
  const shTables = findTables(layouts, (l) => shanghaiTableNo(l.text) !== null);
  const shCount = new Set(shTables.map((t) => shanghaiTableNo(t.titleLines.map((x) => x.text).join('')))).size;

  let profile: CheckerProfile;
  let profileReason: string;
  if (opts.profile) {
    profile = opts.profile;
    profileReason = `按指定的模板读取（${profile === 'shanxi-13' ? '山西13张表' : '上海/中央9张表'}）`;
  } else if (sxCount >= shCount && sxCount > 0) {
    profile = 'shanxi-13';
    profileReason = `找到 ${sxCount} 张“预算公开表N”格式的表（单位：万元），按山西13张表读取`;
  } else if (shCount > 0) {
    profile = 'shanghai-9';
    profileReason = `找到 ${shCount} 张上海/中央格式的表（如“部门财务收支预算总表”，单位：元），按上海/中央9张表读取`;
  } else {
    profile = 'shanxi-13';
    profileReason = '未找到可识别的公开表标题，按山西13张表读取';
  }

  const tables: ProfileTable[] = [];
  const counters = { project: 0 };
  if (profile === 'shanxi-13') {
    for (const raw of shanxiTables) {
      const no = shanxiTableNo(raw.titleLines[0]?.text ?? '');
      if (no === null) continue;
      if (tables.some((t) => t.no === no)) {
        unread.push({ where: `第${raw.pages[0]}页`, reason: `表${no}重复出现，只读取第一次` });
        continue;
      }
      const t = toShanxiTable(no, raw, opts.codes ?? null, counters, unread);
      if (t) tables.push(t);
    }
    for (let no = 1; no <= 13; no++) if (!tables.some((t) => t.no === no) && !unread.some((u) => u.reason.startsWith(`表${no}`))) unread.push({ where: '全文', reason: `未找到预算公开表${no}` });
  } else {
    for (const raw of shTables) {
      const no = shanghaiTableNo(raw.titleLines.map((x) => x.text).join(''));
      if (no === null || tables.some((t) => t.no === no)) continue;
      const t = toShanghaiTable(no, raw, unread);
      if (t) tables.push(t);
    }
    for (let no = 1; no <= 9; no++) if (!tables.some((t) => t.no === no)) unread.push({ where: '全文', reason: `未找到第${no}张表` });
  }
  tables.sort((a, b) => a.no - b.no);

  const tablePages = new Set((profile === 'shanxi-13' ? shanxiTables : shTables).flatMap((t) => t.pages));
  const allLines = layouts.flatMap((l) => l.lines).filter((l) => !FOOTER.test(l.text.replace(/\s/g, '')));
  const cover = allLines.filter((l) => l.page === 1);
  const coverText = cover.map((l) => l.text.replace(/\s/g, ''));
  const year = Number(/((?:19|20)\d{2})年/.exec(coverText.join(''))?.[1] ?? NaN);
  const kind = coverText.some((t) => t.includes('单位预算')) ? 'unit' : coverText.some((t) => t.includes('部门预算')) ? 'department' : null;

  const nameMentions: ExtractedDocument['nameMentions'] = [];
  for (const l of allLines) {
    const m = /(?:部门名称|编制部门|编制单位|预算主管部门|预算单位|单位名称)[：:]\s*([^\s单]+)/.exec(l.text);
    if (m) nameMentions.push({ where: `第${l.page}页`, text: m[1] });
  }
  for (const t of tables) {
    const m = /[：:]\s*(\S+)/.exec(t.departmentLine);
    if (m && !nameMentions.some((n) => n.where === `第${t.page}页` && n.text === m[1])) nameMentions.push({ where: `第${t.page}页（表${t.no}）`, text: m[1] });
  }
  let department = nameMentions.find((n) => n.where === '第1页')?.text ?? null;
  if (!department && profile === 'shanxi-13' && coverText[0] && !/\d/.test(coverText[0])) {
    department = coverText[0];
    nameMentions.unshift({ where: '第1页（封面）', text: coverText[0] });
  }
  department ??= nameMentions[0]?.text ?? null;

  const toc = readToc(allLines);
  const formPages = new Set<number>();
  const forms = readForms(layouts, tablePages, formPages, unread);
  const tocPage = allLines.find((l) => l.text.replace(/\s/g, '') === '目录')?.page ?? 1;
  const sections = readSections(allLines.filter((l) => !tablePages.has(l.page) && !formPages.has(l.page) && l.page > tocPage));

  return {
    fileName,
    format: 'pdf',
    profile,
    profileReason,
    department,
    year: Number.isFinite(year) ? year : null,
    kind,
    nameMentions,
    toc,
    tables,
    sections,
    forms,
    pages: layouts.map((l) => ({ page: l.page, lines: l.lines.map((x) => x.text) })),
    unread,
  };
}

function readToc(lines: TextLine[]): ExtractedDocument['toc'] {
  const start = lines.findIndex((l) => l.text.replace(/\s/g, '') === '目录');
  if (start < 0) return [];
  const page = lines[start].page;
  const out: ExtractedDocument['toc'] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.page !== page) break;
    // `一、部门主要职能 ……… 3`, `表二 2024年预算收入总表 7` (the leader drawn, not printed), or a title alone
    const m = /^(.*?[^\d\s.…·•])[\s.…·•]*?(?:[\s.…·•]{2,}|\s|(?<=[^\d]))(\d{1,3})$/.exec(l.text.trim());
    const bare = l.text.replace(/[\s.…·•]{2,}$/, '');
    const title = (m ? m[1] : bare).replace(/\s+/g, '');
    if (title) out.push({ title, page: m ? Number(m[2]) : null });
  }
  return out;
}

/**
 * Sections of the explanatory text: a numbered heading (`一、…`, `（一）…`, `第一部分…`: short, not a sentence) or a
 * title line (printed larger than the body text) starts one; the lines under it are its text.
 */
function readSections(lines: TextLine[]): TextSection[] {
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const out: TextSection[] = [];
  let cur: TextSection | null = null;
  for (const l of lines) {
    const t = l.text.trim();
    const numbered = HEADING.test(t) && t.length <= 40 && !/[。；;]$/.test(t);
    if (numbered || (body > 0 && l.size >= body * 1.2 && t.length <= 40)) {
      cur = { heading: t, text: '', where: `第${l.page}页`, page: l.page };
      out.push(cur);
    } else if (cur) cur.text += t;
  }
  return out;
}

/** The text of the cell covering row band `band` at x (a cell of an earlier band may span down to it). */
function textAt(g: Grid, band: number, x: number): string {
  for (let r = band; r >= 0; r--) {
    const c = g.rows[r].find((cell) => x >= cell.x0 - 1 && x < cell.x1 - 1 && r + cell.rowSpan > band);
    if (c) return c.text.replace(/\s/g, '');
  }
  return '';
}

const FUNDING_LABEL = /^(?:其中[:：])?(.+)$/;

/**
 * 项目支出绩效目标表 (山西 layout): the grids of the pages read as one stream of rows, since a form runs over pages
 * and a page may end one form and start the next. A form starts at its `项目名称` row; the 资金 rows give the
 * 实施期/年度 totals and parts (the 年度 half is the right one), the indicator header row (`一级指标 | 二级指标 |
 * 三级指标 | 指标值 | 二级指标 | …`) fixes the indicator columns for the rows under it.
 */
function readForms(
  layouts: PageLayout[],
  tablePages: Set<number>,
  /** Filled with the pages the forms are printed on. */
  formPages: Set<number>,
  unread: ExtractedDocument['unread'],
): ExtractedForm[] {
  const forms: ExtractedForm[] = [];
  let form: ExtractedForm | null = null;
  let indicatorCols: { level1: number; groups: { period: 'total' | 'annual'; xs: [number, number, number] }[] } | null = null;
  let partsLeft = 0;
  let level1 = '';
  const level2 = { total: '', annual: '' };
  for (const l of layouts) {
    if (tablePages.has(l.page)) continue;
    for (const g of [...l.grids].sort((a, b) => b.top - a.top)) {
      for (let b = 0; b < g.rows.length; b++) {
        const cells = g.rows[b].map((c) => c.text.replace(/\s/g, ''));
        if (cells[0] === '项目名称' && cells.length >= 2) {
          // a form continued on a new page repeats its 项目名称 row; a new form goes on with 主管部门及代码
          const next = g.rows[b + 1]?.[0]?.text.replace(/\s/g, '') ?? '';
          if (form && cells[1] === form.projectName && next !== '主管部门及代码') continue;
          form = { projectName: cells[1], annualTotal: null, periodTotal: null, annualParts: [], unit: '元', indicators: [], overview: null, where: `第${l.page}页`, page: l.page };
          forms.push(form);
          indicatorCols = null;
          partsLeft = 0;
          continue;
        }
        if (!form) continue;
        formPages.add(l.page);
        if (cells[0] === '负责人:' || cells[0] === '负责人：') {
          indicatorCols = null;
          continue;
        }
        const totalAt = cells.findIndex((t) => /^年度资金总额/.test(t));
        if (totalAt >= 0) {
          if (cells.some((t) => /^项目资金[（(]万元[）)]/.test(t))) form.unit = '万元';
          const a = readAmount(cells[totalAt + 1] ?? '', form.unit);
          form.annualTotal = a.ok ? a.fen : null;
          if (!a.ok) unread.push({ where: form.where, reason: `绩效目标表“${form.projectName}”年度资金总额：${a.error}` });
          const periodAt = cells.findIndex((t) => /^实施期资金总额/.test(t));
          const pa = periodAt >= 0 ? readAmount(cells[periodAt + 1] ?? '', form.unit) : null;
          form.periodTotal = pa?.ok ? pa.fen : null;
          partsLeft = 5;
          continue;
        }
        if (partsLeft > 0 && cells.length >= 2) {
          partsLeft -= 1;
          const label = FUNDING_LABEL.exec(cells[cells.length - 2])![1];
          const v = readAmount(cells[cells.length - 1], form.unit);
          form.annualParts.push({ label, amount: v.ok ? v.fen : null });
          if (!v.ok) unread.push({ where: form.where, reason: `绩效目标表“${form.projectName}”${label}：${v.error}` });
          continue;
        }
        if (cells[0] === '项目概况') {
          form.overview = cells[1] ?? '';
          continue;
        }
        const headerAt = g.rows[b].findIndex((c) => c.text.replace(/\s/g, '') === '一级指标');
        if (headerAt >= 0) {
          const row = g.rows[b];
          const centre = (c: GridCell) => (c.x0 + c.x1) / 2;
          const second = row.filter((c) => c.text.replace(/\s/g, '') === '二级指标');
          const third = row.filter((c) => c.text.replace(/\s/g, '') === '三级指标');
          const value = row.filter((c) => c.text.replace(/\s/g, '') === '指标值');
          const periods: ('total' | 'annual')[] = second.length === 2 ? ['total', 'annual'] : ['annual'];
          indicatorCols = {
            level1: centre(row[headerAt]),
            groups: periods.map((period, i) => ({ period, xs: [centre(second[i]), centre(third[i]), centre(value[i])] as [number, number, number] })),
          };
          level1 = '';
          level2.total = level2.annual = '';
          continue;
        }
        if (!indicatorCols || !g.rows[b].length) continue;
        level1 = textAt(g, b, indicatorCols.level1) || level1;
        for (const grp of indicatorCols.groups) {
          const [x2, x3, xv] = grp.xs;
          level2[grp.period] = textAt(g, b, x2) || level2[grp.period];
          const level3 = textAt(g, b, x3);
          const value = textAt(g, b, xv);
          if (level3 || value) form.indicators.push({ period: grp.period, level1, level2: level2[grp.period], level3, value });
        }
      }
    }
  }
  return forms;
}

export type { RawTable };
