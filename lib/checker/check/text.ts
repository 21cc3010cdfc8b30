/**
 * Document rules on the explanatory text (docs/domain.md §9): every amount, share and count the text gives equals
 * the table figure it speaks of; changes against last year are recomputed (amount and rate), their direction words
 * agree, and a stated change has a reason; template leftovers, doubled punctuation and stray years. Figures are
 * compared as printed: a text figure and a cell contradict each other only when no exact values behind both can be
 * equal (printed.ts), so one-decimal writing (82.7) is not a fault.
 */
import type { CodeBook } from '../../facts';
import { FUNCTION_CLASSES } from '../../disclosure/functionClasses';
import { formatWan } from '../../money';
import { findPlaceholder } from '../../rules/placeholder';
import { tableName } from '../../rules/format';
import type { ExtractedDocument, ProfileTable, TextSection } from '../model';
import { around, docFinding, type DocRule } from './place';
import { compatible, minus, NUM, plus, printed, printedRate, ratioCompatible, type Printed } from './printed';
import type { DocFinding, NotChecked } from './types';

export const TEXT_RULES = {
  figure: { id: 'doc.text-figure', severity: 'error', title: '说明中的金额与其所述表格数一致' },
  count: { id: 'doc.text-count', severity: 'error', title: '说明中的项目个数与表十二、表十三及所附绩效目标表一致' },
  share: { id: 'doc.text-share', severity: 'error', title: '说明中的占比按所述金额重算一致' },
  changeRate: { id: 'doc.change-rate', severity: 'error', title: '增减幅度按本年数和增减额重算一致' },
  changeAmount: { id: 'doc.change-amount', severity: 'error', title: '增减额等于本年数与上年数之差' },
  changeDirection: { id: 'doc.change-direction', severity: 'error', title: '增减用词（增加/增长，减少/下降）与增减方向一致' },
  reason: { id: 'doc.reason-missing', severity: 'warning', title: '说明了增减变动的，写明主要原因' },
  leftover: { id: 'doc.template-leftover', severity: 'error', title: '无模板残留（“增加（减少）”“主要原因是。”、占位符）' },
  punctuation: { id: 'doc.punctuation', severity: 'warning', title: '无重复或残缺的标点（“。。”“。；”）' },
  strayYear: { id: 'doc.stray-year', severity: 'warning', title: '说明中的年份为预算年度或上年（文号、金额不算）' },
  className: { id: 'doc.text-class-name', severity: 'error', title: '说明中的功能科目类名称为本年度科目名称' },
  kindWording: { id: 'doc.kind-wording', severity: 'warning', title: '“部门”“单位”用词与公开文件类型一致' },
} as const satisfies Record<string, DocRule>;

type Tables = Map<number, ProfileTable>;

/** Exact amount of a cell by row key and column key; null when the table, row or column is missing. */
function cell(ts: Tables, no: number, rowKey: string, colKey: string): { fen: number; row: string; column: string } | null {
  const t = ts.get(no);
  if (!t) return null;
  const r = t.rows.find((x) => x.key === rowKey);
  const i = t.columns.findIndex((c) => c.key === colKey);
  if (!r || i < 0) return null;
  const c = r.cells[i];
  if (!c || c.kind !== 'amount') return null;
  const label = r.cells.filter((x) => x.kind === 'text' && x.text.trim() !== '').map((x) => (x.kind === 'text' ? x.text.trim() : ''));
  return { fen: c.amount, row: label.join(' ') || rowKey, column: colKey };
}

/** The numeral of a section heading (`五、…` → 五). */
const numeral = (s: TextSection): string => /^(十[一二]|[一二三四五六七八九十])、/.exec(s.heading.trim())?.[1] ?? '';

interface Claim {
  section: string;
  /** The words before the figure; the figure follows directly (spaces allowed) and is followed by 万元. */
  label: string;
  cell: readonly [number, string, string];
  /** Only the first occurrence in the section (the later ones speak of something else). */
  first?: boolean;
}

const C = (section: string, label: string, no: number, row: string, col: string, first = false): Claim => ({ section, label, cell: [no, row, col], first });

/** What each figure of the 山西 text speaks of (the wording of lib/disclosure/text and of the reference). */
const CLAIMS_13: readonly Claim[] = [
  C('一', '收入总计', 1, 'sum:grand', 'income'),
  C('一', '本年收入', 1, 'sum:current', 'income'),
  C('一', '上年结转', 1, 'sum:carryover', 'income', true),
  C('一', '支出总计', 1, 'sum:grand', 'total'),
  C('一', '本年预算安排', 1, 'sum:current', 'current'),
  C('二', '预算收入', 1, 'sum:grand', 'income'),
  C('二', '一般公共预算拨款收入', 1, 'f:201', 'income'),
  C('二', '政府性基金预算拨款收入', 1, 'f:202', 'income'),
  C('二', '国有资本经营预算拨款收入', 1, 'f:203', 'income'),
  C('二', '财政专户管理资金收入', 1, 'f:204', 'income'),
  C('二', '单位资金', 1, 'f:205', 'income'),
  C('二', '上年结转', 1, 'sum:carryover', 'income'),
  C('三', '支出预算', 1, 'sum:grand', 'total'),
  C('三', '基本支出', 3, 'total', 'basic'),
  C('三', '项目支出', 3, 'total', 'project'),
  C('四', '财政拨款收支总预算', 4, 'sum:grand', 'income'),
  C('四', '一般公共预算拨款', 4, 'sum:grand', 'general'),
  C('四', '政府性基金预算拨款', 4, 'sum:grand', 'fund'),
  C('四', '国有资本经营预算拨款', 4, 'sum:grand', 'capital'),
  C('四', '当年拨款收入', 4, 'sum:current', 'income'),
  C('四', '上年结转收入', 4, 'sum:carryover', 'income'),
  C('五', '一般公共预算当年支出', 5, 'total', 'total'),
  C('六', '基本支出', 6, 'total', 'total'),
  C('六', '人员经费', 6, 'total', 'personnel'),
  C('六', '公用经费', 6, 'total', 'public'),
  C('七', '“三公”经费预算', 10, 'total', 'total'),
  C('七', '因公出国（境）费', 10, 'tp:abroad', 'total'),
  C('七', '公务接待费', 10, 'tp:reception', 'total'),
  C('七', '公务用车运行维护费', 10, 'tp:vehicleOperation', 'total'),
  C('七', '公务用车购置费', 10, 'tp:vehiclePurchase', 'total'),
  C('十', '部门预算资金', 1, 'sum:grand', 'total'),
  C('十', '基本支出', 3, 'total', 'basic'),
  C('十', '项目支出', 3, 'total', 'project'),
  C('十', '涉及一般公共预算当年拨款', 5, 'total', 'project'),
  C('十', '共计本年预算金额', 12, 'dept', 'total'),
  C('十', '上年结转', 13, 'dept', 'total'),
];

const COLUMN_WORD: Record<string, string> = {
  income: '收入',
  total: '合计',
  current: '当年预算安排',
  basic: '基本支出',
  project: '项目支出',
  general: '一般公共预算',
  fund: '政府性基金预算',
  capital: '国有资本经营预算',
  personnel: '人员经费',
  public: '公用经费',
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Ctx {
  doc: ExtractedDocument;
  tables: Tables;
  codebook: CodeBook;
  out: DocFinding[];
  notChecked: NotChecked[];
}

const textLoc = { kind: 'budget' } as const;
const sectionPlace = (s: TextSection, quote: string) => ({ page: s.page, section: s.heading, quote });

function mismatchFigure(ctx: Ctx, s: TextSection, what: string, p: Printed, no: number, c: { fen: number; row: string; column: string }, quote: string, disc: string) {
  ctx.out.push(
    docFinding(
      TEXT_RULES.figure,
      textLoc,
      `「${s.heading}」写${what} ${p.text} 万元，${tableName(no)}「${c.row}」${COLUMN_WORD[c.column] ?? c.column}为 ${formatWan(c.fen)} 万元，两者不一致（相差 ${formatWan(Math.abs(p.fen - c.fen))} 万元）`,
      sectionPlace(s, quote),
      disc,
    ),
  );
}

/** Text figures against the cells they speak of (13-table profile). */
function figures13(ctx: Ctx) {
  for (const s of ctx.doc.sections) {
    const n = numeral(s);
    for (const claim of CLAIMS_13) {
      if (claim.section !== n) continue;
      const re = new RegExp(`${escape(claim.label)}\\s*${NUM}\\s*万元`, 'g');
      for (const m of s.text.matchAll(re)) {
        // a longer label ending in this one (“本年收入” in “当年拨款收入”) is another claim's
        const before = s.text.slice(0, m.index);
        if (CLAIMS_13.some((o) => o !== claim && o.section === n && o.label.endsWith(claim.label) && o.label.length > claim.label.length && before.endsWith(o.label.slice(0, o.label.length - claim.label.length)))) continue;
        const p = printed(m[1]);
        const c = cell(ctx.tables, ...claim.cell);
        if (!p) continue;
        if (!c) {
          ctx.notChecked.push({ rule: TEXT_RULES.figure.id, reason: `未能核查：「${s.heading}」的“${claim.label}”所对应的${tableName(claim.cell[0])}数字未读取到` });
          break;
        }
        if (!compatible(p, { fen: c.fen, half: 5_000, text: '' })) {
          mismatchFigure(ctx, s, `“${claim.label}”`, p, claim.cell[0], c, around(s.text, m.index, m.index + m[0].length), `${n}:${claim.label}:${m.index}`);
        }
        if (claim.first) break;
      }
    }
    if (n === '八' && ctx.doc.year !== null) runningCosts(ctx, s, ctx.doc.year);
    // amounts by 功能 类 (四: 表四 小计; 五: 表五 合计)
    if (n === '四' || n === '五') classFigures(ctx, s, n === '四' ? 4 : 5);
  }
  counts13(ctx);
}

/** 八: “2024年预算82.70万元” is 表十一's 部门合计. */
function runningCosts(ctx: Ctx, s: TextSection, year: number) {
  const m = new RegExp(`${year}\\s*年预算\\s*${NUM}\\s*万元`).exec(s.text);
  if (!m) return;
  const p = printed(m[1]);
  const c = cell(ctx.tables, 11, 'dept', 'total');
  if (!p) return;
  if (!c) {
    ctx.notChecked.push({ rule: TEXT_RULES.figure.id, reason: `未能核查：未读取到表十一，「${s.heading}」的机关运行经费无从核对` });
    return;
  }
  if (!compatible(p, { fen: c.fen, half: 5_000, text: '' })) mismatchFigure(ctx, s, '机关运行经费', p, 11, c, around(s.text, m.index, m.index + m[0].length), '八:running');
}

/** Code of a 功能 类 by its name in the year's code book (or the fixed list); null when the name is unknown. */
function classCode(codebook: CodeBook, name: string): string | null {
  for (const c of FUNCTION_CLASSES) if ((codebook.functional[c.code] || c.name) === name) return c.code;
  return null;
}

function classFigures(ctx: Ctx, s: TextSection, no: number) {
  const col = 'total';
  const re = new RegExp(`([\\u4e00-\\u9fa5]{2,20}支出|预备费)\\s*${NUM}\\s*万元`, 'g');
  const start = no === 4 ? s.text.indexOf('支出包括') : s.text.indexOf('主要用于');
  if (start < 0) return;
  for (const m of s.text.slice(start).matchAll(re)) {
    let name = m[1].replace(/^(?:支出包括|主要用于以下方面|以下方面|用于|包括)[：:]?/, '');
    name = name.replace(/^.*[：:、；]/, '');
    const p = printed(m[2]);
    if (!p) continue;
    const at = start + m.index;
    const code = classCode(ctx.codebook, name);
    if (!code) {
      const old = FUNCTION_CLASSES.find((c) => ctx.codebook.functional[c.code] && c.name === name);
      ctx.out.push(
        docFinding(
          TEXT_RULES.className,
          textLoc,
          old
            ? `「${s.heading}」写“${name}”，${ctx.doc.year ?? ''}年功能科目 ${old.code} 的名称为“${ctx.codebook.functional[old.code]}”`
            : `「${s.heading}」写“${name}”，不是${ctx.doc.year ?? '本'}年度支出功能分类的类名称`,
          sectionPlace(s, around(s.text, at, at + m[0].length)),
          `${no}:${name}`,
        ),
      );
      continue;
    }
    const c = cell(ctx.tables, no, `f:${code}`, col);
    if (!c) continue;
    if (!compatible(p, { fen: c.fen, half: 5_000, text: '' })) mismatchFigure(ctx, s, `“${name}”`, p, no, c, around(s.text, at, at + m[0].length), `${no}:${code}`);
  }
}

/** Rows of a table that are projects. */
const projectRows = (t: ProfileTable | undefined) => (t ? t.rows.filter((r) => r.key.startsWith('project:')) : []);

function counts13(ctx: Ctx) {
  const s = ctx.doc.sections.find((x) => numeral(x) === '十');
  if (!s) return;
  const t12 = ctx.tables.get(12);
  const t13 = ctx.tables.get(13);
  if (!t12) {
    ctx.notChecked.push({ rule: TEXT_RULES.count.id, reason: '未能核查：未读取到表十二，说明中的项目个数无从核对' });
    return;
  }
  const thisYear = projectRows(t12).length;
  const carried = projectRows(t13).length;
  const quoteOf = (m: RegExpMatchArray) => around(s.text, m.index!, m.index! + m[0].length);
  const pushCount = (m: RegExpMatchArray, message: string, disc: string) =>
    ctx.out.push(docFinding(TEXT_RULES.count, textLoc, message, sectionPlace(s, quoteOf(m)), disc));
  for (const m of s.text.matchAll(/(实行绩效目标管理的项目|纳入绩效目标管理的二级项目)(\d+)个/g)) {
    const n = Number(m[2]);
    if (n === thisYear || (t13 && n === thisYear + carried)) continue;
    pushCount(m, `「${s.heading}」写${m[1]}${n}个，表十二列有本年项目 ${thisYear} 个${t13 ? `（连同表十三上年结转项目共 ${thisYear + carried} 个）` : ''}，个数不符`, `${m[1]}:${m.index}`);
  }
  const cat = /其他运转类项目(\d+)个，涉及(?:项目)?金额([\d,.]+)万元；特定目标类项目(\d+)个，涉及(?:项目)?金额([\d,.]+)万元/g;
  for (const m of s.text.matchAll(cat)) {
    const n = Number(m[1]) + Number(m[3]);
    if (n !== thisYear) {
      pushCount(m, `「${s.heading}」其他运转类 ${m[1]} 个、特定目标类 ${m[3]} 个，共 ${n} 个，表十二列有本年项目 ${thisYear} 个，个数不符`, `categories:${m.index}`);
    }
    const a = printed(m[2]);
    const b = printed(m[4]);
    const dept = cell(ctx.tables, 12, 'dept', 'total');
    if (a && b && dept && !compatible(plus(a, b), { fen: dept.fen, half: 5_000, text: '' })) {
      ctx.out.push(
        docFinding(
          TEXT_RULES.figure,
          textLoc,
          `「${s.heading}」两类项目金额 ${m[2]} + ${m[4]} = ${formatWan(a.fen + b.fen)} 万元，表十二本年项目合计为 ${formatWan(dept.fen)} 万元，两者不一致`,
          sectionPlace(s, quoteOf(m)),
          `categories:${m.index}`,
        ),
      );
    }
  }
  for (const m of s.text.matchAll(/不含上年结转项目(\d+)个/g)) {
    if (!t13 || Number(m[1]) === carried) continue;
    pushCount(m, `「${s.heading}」写不含上年结转项目${m[1]}个，表十三列有上年结转项目 ${carried} 个，个数不符`, `carried:${m.index}`);
  }
  for (const m of s.text.matchAll(/公开项目绩效目标(\d+)个/g)) {
    const n = Number(m[1]);
    // a reader never invents a form, but may miss one: more forms than the text says is certain, fewer is not
    if (ctx.doc.forms.length > n) {
      pushCount(m, `「${s.heading}」写公开项目绩效目标${n}个，文件所附绩效目标表有 ${ctx.doc.forms.length} 张，个数不符`, `forms:${m.index}`);
    } else if (ctx.doc.forms.length < n) {
      ctx.notChecked.push({ rule: TEXT_RULES.count.id, reason: `未能核查：「${s.heading}」写公开项目绩效目标${n}个，文件中读取到的绩效目标表为 ${ctx.doc.forms.length} 张` });
    }
  }
}

/** 9 tables: the 三公 and 机关运行经费 figures of the text against the 三公 table (万元; its one row). */
const CLAIMS_9: readonly { re: RegExp; cols: readonly string[]; what: string }[] = [
  { re: new RegExp(`“三公”经费预算(?:数)?(?:为)?\\s*${NUM}\\s*万元`, 'g'), cols: ['total'], what: '“三公”经费' },
  { re: new RegExp(`因公出国（境）费\\s*${NUM}\\s*万元`, 'g'), cols: ['abroad'], what: '因公出国（境）费' },
  { re: new RegExp(`公务接待费\\s*${NUM}\\s*万元`, 'g'), cols: ['reception'], what: '公务接待费' },
  { re: new RegExp(`公务(?:用)?车购置及运行费\\s*${NUM}\\s*万元`, 'g'), cols: ['vehicle', 'carTotal'], what: '公务用车购置及运行费' },
  { re: new RegExp(`公务用车购置费\\s*${NUM}\\s*万元`, 'g'), cols: ['vehiclePurchase', 'carPurchase'], what: '公务用车购置费' },
  { re: new RegExp(`公务(?:用)?车(?:用车)?运行(?:维护)?费\\s*${NUM}\\s*万元`, 'g'), cols: ['vehicleOperation', 'carRun'], what: '公务用车运行费' },
  { re: new RegExp(`机关运行经费预算(?:数)?(?:为)?\\s*${NUM}\\s*万元`, 'g'), cols: ['running'], what: '机关运行经费' },
];

function figures9(ctx: Ctx) {
  const t9 = ctx.tables.get(9);
  const row = t9?.rows[0];
  if (!t9 || !row) {
    ctx.notChecked.push({ rule: TEXT_RULES.figure.id, reason: '未能核查：未读取到“三公”经费和机关运行经费预算表，说明中的这些数字无从核对' });
    return;
  }
  const half = t9.unit === '万元' ? 5_000 : 50;
  // the sections about 三公 and 机关运行经费, with the （一）（二）… parts that follow them
  let inBlock = false;
  for (const s of ctx.doc.sections) {
    const top = /^(?:十[一二]|[一二三四五六七八九十])、/.test(s.heading.trim());
    if (top) inBlock = /三公|机关运行经费/.test(s.heading);
    if (!inBlock) continue;
    const text = `${s.heading}\n${s.text}`;
    for (const claim of CLAIMS_9) {
      const col = claim.cols.find((k) => t9.columns.some((c) => c.key === k));
      if (!col) continue;
      const c = cell(ctx.tables, 9, row.key, col);
      if (!c) continue;
      for (const m of text.matchAll(claim.re)) {
        const p = printed(m[1]);
        if (!p || compatible(p, { fen: c.fen, half, text: '' })) continue;
        ctx.out.push(
          docFinding(
            TEXT_RULES.figure,
            textLoc,
            `「${s.heading}」写${claim.what} ${m[1]} 万元，表九为 ${formatWan(c.fen)} 万元，两者不一致`,
            sectionPlace(s, around(text, m.index, m.index + m[0].length)),
            `9:${col}:${s.heading}:${m.index}`,
          ),
        );
      }
    }
  }
}

/** Shares “X万元，占P%” of the paragraph's first amount. */
function shares(ctx: Ctx) {
  for (const s of ctx.doc.sections) {
    for (const [pi, para] of s.text.split('\n').entries()) {
      const first = new RegExp(`${NUM}\\s*万元`).exec(para);
      if (!first) continue;
      const whole = printed(first[1]);
      if (!whole || whole.fen === 0) continue;
      for (const m of para.matchAll(new RegExp(`${NUM}\\s*万元，占\\s*(\\d+(?:\\.\\d+)?)%`, 'g'))) {
        const part = printed(m[1]);
        const rate = printedRate(m[2]);
        if (!part || !rate) continue;
        // shares of one whole are rounded by the largest-remainder method: one unit of the last digit of slack
        if (ratioCompatible(part, whole, rate, rate.half * 2)) continue;
        ctx.out.push(
          docFinding(
            TEXT_RULES.share,
            textLoc,
            `「${s.heading}」写 ${m[1]} 万元占 ${m[2]}%，按 ${m[1]} ÷ ${first[1]} 计算应约为 ${pct(part.fen, whole.fen)}%`,
            sectionPlace(s, around(para, m.index, m.index + m[0].length)),
            `${pi}:${m.index}`,
          ),
        );
      }
    }
  }
}

/** part/whole in percent with two decimals, for messages (integer arithmetic). */
function pct(part: number, whole: number): string {
  const bp = Number((BigInt(part) * 20000n + BigInt(whole)) / (2n * BigInt(whole)));
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}

const CHANGE = new RegExp(
  `(比上年|比\\d{4}年(?:预算)?|与上年相比(?:预算数)?|较上年)\\s*(增加|减少|增长|下降)\\s*${NUM}\\s*万元(?:，\\s*(增长|下降|增加|减少)\\s*(\\d+(?:\\.\\d+)?)%)?`,
  'g',
);
const UP = new Set(['增加', '增长']);

/** Changes against last year: rate recomputed, direction words, amount vs stated prior, reason present. */
function changes(ctx: Ctx) {
  const year = ctx.doc.year;
  for (const s of ctx.doc.sections) {
    let stated = false;
    for (const [pi, para] of s.text.split('\n').entries()) {
      // clauses: a change speaks of the first amount of its clause (split at ；and 。)
      let offset = 0;
      for (const clause of para.split(/(?<=[；。])/)) {
        for (const m of clause.matchAll(CHANGE)) {
          const at = offset + m.index;
          const quote = around(para, at, at + m[0].length);
          const d = printed(m[3]);
          if (!d) continue;
          const up = UP.has(m[2]);
          if (d.fen > 0) stated = true;
          if (m[4] && UP.has(m[4]) !== up) {
            ctx.out.push(docFinding(TEXT_RULES.changeDirection, textLoc, `「${s.heading}」写“${m[2]}”却又写“${m[4]}”，增减方向自相矛盾`, sectionPlace(s, quote), `${pi}:${at}`));
            continue;
          }
          const head = clause.slice(0, m.index);
          const amounts = [...head.matchAll(new RegExp(`(?:(\\d{4})\\s*年[^\\d，。；]{0,12})?${NUM}\\s*万元`, 'g'))];
          if (amounts.length === 0) continue;
          // “2023年机关运行经费85.11万元，2024年预算82.70万元，比2023年预算减少2.41万元”: prior and current stated
          const priorStated = year !== null && amounts.length >= 2 && Number(amounts[0][1]) === year - 1 && Number(amounts[1][1]) === year;
          const current = printed(priorStated ? amounts[1][2] : amounts[0][2]);
          if (!current) continue;
          const prior = priorStated ? printed(amounts[0][2]) : up ? minus(current, d) : plus(current, d);
          if (!prior) continue;
          if (priorStated) {
            const diff = current.fen - prior.fen;
            const ok = compatible({ fen: Math.abs(diff), half: current.half + prior.half, text: '' }, d) && (diff === 0 || diff > 0 === up || Math.abs(diff) <= current.half + prior.half);
            if (!ok) {
              ctx.out.push(
                docFinding(
                  TEXT_RULES.changeAmount,
                  textLoc,
                  `「${s.heading}」上年 ${amounts[0][2]} 万元、本年 ${amounts[1][2]} 万元，应为${diff >= 0 ? '增加' : '减少'} ${formatWan(Math.abs(diff))} 万元，文中写${m[2]} ${m[3]} 万元`,
                  sectionPlace(s, quote),
                  `${pi}:${at}`,
                ),
              );
              continue;
            }
          }
          if (m[5]) {
            const rate = printedRate(m[5]);
            if (rate && prior.fen - prior.half > 0 && !ratioCompatible(d, prior, rate)) {
              ctx.out.push(
                docFinding(
                  TEXT_RULES.changeRate,
                  textLoc,
                  `「${s.heading}」${m[2]} ${m[3]} 万元，上年为 ${formatWan(prior.fen)} 万元，幅度应约为 ${pct(d.fen, prior.fen)}%，文中写 ${m[5]}%`,
                  sectionPlace(s, quote),
                  `${pi}:${at}`,
                ),
              );
            }
          }
        }
        offset += clause.length;
      }
    }
    if (stated && !/原因/.test(s.text)) {
      const m = CHANGE.exec(s.text);
      CHANGE.lastIndex = 0;
      ctx.out.push(
        docFinding(
          TEXT_RULES.reason,
          textLoc,
          `「${s.heading}」说明了比上年的增减变动，但没有写明主要原因`,
          sectionPlace(s, m ? around(s.text, m.index, m.index + m[0].length) : ''),
          s.heading,
        ),
      );
    }
  }
}

const LEFTOVERS = /增加（减少）|增长（下降）|增加\(减少\)|主要原因是[。；，]|原因是[:：]?[。；]|（[^（）]{0,6}XX[^（）]{0,6}）/g;
const PUNCTUATION = /([。，；：、！？])\1|。；|；。|，。|。，|；，|，；/g;

/** Leftovers, placeholders, doubled punctuation, stray years, 部门/单位 wording. */
function wording(ctx: Ctx) {
  const year = ctx.doc.year;
  for (const s of ctx.doc.sections) {
    for (const m of s.text.matchAll(LEFTOVERS)) {
      ctx.out.push(docFinding(TEXT_RULES.leftover, textLoc, `「${s.heading}」有模板残留“${m[0]}”`, sectionPlace(s, around(s.text, m.index, m.index + m[0].length)), `${s.heading}:${m.index}`));
    }
    const ph = findPlaceholder(s.text);
    if (ph) {
      const i = s.text.indexOf(ph);
      ctx.out.push(docFinding(TEXT_RULES.leftover, textLoc, `「${s.heading}」有未填写的占位内容“${ph}”`, sectionPlace(s, around(s.text, i, i + ph.length)), `${s.heading}:placeholder`));
    }
    for (const m of s.text.matchAll(PUNCTUATION)) {
      ctx.out.push(docFinding(TEXT_RULES.punctuation, textLoc, `「${s.heading}」标点重复或残缺：“${m[0]}”`, sectionPlace(s, around(s.text, m.index, m.index + m[0].length)), `${s.heading}:${m.index}`));
    }
    if (year !== null) strayYears(ctx, s, year);
    kindWording(ctx, s);
  }
}

/**
 * “YYYY年度/年预算” of a year that is neither the budget year nor the year before; document numbers (〔2021〕) and
 * amounts are not years.
 */
function strayYears(ctx: Ctx, s: TextSection, year: number) {
  // document numbers: 〔2021〕 【2017】 [2021] (2021) ［2021］
  const text = s.text.replace(/[〔【[（(［]\s*\d{4}\s*[〕】\]）)］]/g, (x) => ' '.repeat(x.length));
  // the leftovers of last year's template: “2023年度”, “2023年预算”, “2023年部门预算” (a history, “从2020年起”, is not)
  for (const m of text.matchAll(/(?<![\d.,，])((?:19|20)\d{2})\s*年(?=度|预算|部门预算|单位预算)/g)) {
    const y = Number(m[1]);
    if (y === year || y === year - 1) continue;
    ctx.out.push(
      docFinding(TEXT_RULES.strayYear, textLoc, `「${s.heading}」出现${y}年，既不是预算年度${year}年，也不是上年`, sectionPlace(s, around(s.text, m.index, m.index + m[0].length)), `${s.heading}:${m.index}`),
    );
  }
}

function kindWording(ctx: Ctx, s: TextSection) {
  const kind = ctx.doc.kind;
  if (!kind) return;
  const wrong = kind === 'department' ? /本单位预算|单位预算收入|单位预算支出|单位预算收支/ : /本部门预算|部门预算收入|部门预算支出|部门预算收支总/;
  const m = wrong.exec(s.text);
  if (!m) return;
  ctx.out.push(
    docFinding(
      TEXT_RULES.kindWording,
      textLoc,
      `这是一份${kind === 'department' ? '部门' : '单位'}预算，「${s.heading}」却写“${m[0]}”`,
      sectionPlace(s, around(s.text, m.index, m.index + m[0].length)),
      s.heading,
    ),
  );
}

export function checkText(doc: ExtractedDocument, codebook: CodeBook): { findings: DocFinding[]; notChecked: NotChecked[] } {
  const ctx: Ctx = { doc, tables: new Map(doc.tables.map((t) => [t.no, t])), codebook, out: [], notChecked: [] };
  if (doc.sections.length === 0) {
    ctx.notChecked.push({ rule: 'doc.text-*', reason: '未能核查：文件中未读取到情况说明文字，说明文字的核对未进行' });
    return { findings: [], notChecked: ctx.notChecked };
  }
  if (doc.profile === 'shanxi-13') figures13(ctx);
  else figures9(ctx);
  shares(ctx);
  changes(ctx);
  wording(ctx);
  return { findings: ctx.out, notChecked: ctx.notChecked };
}
