import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { TEXT_FIELDS } from '../budget/edit/texts';
import { LONG_TEXT_MAX as BUDGET_TEXT_MAX } from '../budget/edit/limits';
import { MAX_PASTE_BYTES } from '../budget/edit/paste';
import { FUNDING_KEYS, INDICATOR_NAME_MAX, INDICATOR_VALUE_MAX, MAX_INDICATORS_PER_PERIOD, PERSON_MAX, FORM_TEXT_MAX } from '../performance/fields';
import { LIMITS as REGION_LIMITS } from '../region/texts';
import {
  applyClientAddress,
  BODY_LIMITS,
  clientAddress,
  guardRequest,
  sessionTokens,
  UPLOAD_CONCURRENCY,
  UploadSlots,
  uploadsBusy,
  type GuardDecision,
} from './requestGuard';
import { sessionDecoder } from './sessionCookie';

const SECRET = 'guard-test-secret-0123456789abcdefghijklmnop';
const HOST = 'budget.example:3000';
const ORIGIN = `http://${HOST}`;
const options = { trustProxy: false, sessionDecodes: sessionDecoder(SECRET) };

async function sessionCookie(name = 'authjs.session-token', secret = SECRET, maxAge?: number): Promise<string> {
  return `${name}=${await encode({ token: { uid: 7, sv: 0 }, secret, salt: name, maxAge })}`;
}

function guard(method: string, url: string, headers: Record<string, string | undefined>, opts = options): Promise<GuardDecision> {
  const h: Record<string, string> = { host: HOST };
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) h[k] = v;
  for (const k of Object.keys(headers)) if (headers[k] === undefined) delete h[k];
  return guardRequest({ method, url, headers: h }, opts);
}

/** A server action POST from the site's own page. */
const action = (url: string, length: number, cookie?: string) =>
  guard('POST', url, { origin: ORIGIN, 'next-action': 'abc123', 'content-length': String(length), cookie });
/** A route-handler POST (fetch from the site's own page). */
const routePost = (url: string, length: number, cookie?: string) => guard('POST', url, { origin: ORIGIN, 'content-length': String(length), cookie });

const KIB = 1024;
const MIB = 1024 * KIB;

describe('body limits by route class', () => {
  it('public: /login, /api/auth/*, /public — 8 KiB, whatever the session', async () => {
    const cookie = await sessionCookie();
    for (const url of ['/login', '/login?callbackUrl=%2F', '/api/auth/callback/credentials', '/public', '/public/12']) {
      expect(await action(url, 8 * KIB, cookie), url).toMatchObject({ ok: true, routeClass: 'public' });
      expect(await action(url, 8 * KIB + 1, cookie), url).toEqual({ ok: false, status: 413, message: '请求内容过大（上限 8 KB）' });
    }
  });

  it('edit: 128 KiB and text pages 1 MiB for a session that decodes, the public 8 KiB without one', async () => {
    const cookie = await sessionCookie();
    expect(await action('/budgets/3/lines', BODY_LIMITS.edit, cookie)).toMatchObject({ ok: true, routeClass: 'edit' });
    expect(await action('/budgets/3/lines', BODY_LIMITS.edit + 1, cookie)).toEqual({ ok: false, status: 413, message: '请求内容过大（上限 128 KB）' });
    expect(await guard('DELETE', '/budgets/3', { origin: ORIGIN, 'content-length': String(BODY_LIMITS.edit + 1), cookie })).toMatchObject({ status: 413 });
    for (const url of ['/budgets/3/facts', '/budgets/3/projects/7/form', '/admin/texts']) {
      expect(await action(url, BODY_LIMITS.text, cookie), url).toMatchObject({ ok: true, routeClass: 'text' });
      expect(await action(url, BODY_LIMITS.text + 1, cookie), url).toEqual({ ok: false, status: 413, message: '请求内容过大（上限 1 MB）' });
    }
    expect(await action('/budgets/3/projects/7', BODY_LIMITS.edit + 1, cookie)).toMatchObject({ ok: false, status: 413 });
    // anonymous: a small body passes (the app answers with its sign-in), a larger one is refused here
    expect(await action('/budgets/3/facts', 8 * KIB)).toMatchObject({ ok: true });
    expect(await action('/budgets/3/facts', 8 * KIB + 1)).toEqual({ ok: false, status: 413, message: '请求内容过大（上限 8 KB）' });
  });

  it('a session that does not decode counts as none: forged, other secret, other cookie name as salt, expired', async () => {
    const forged = 'authjs.session-token=eyJhbGciOiJkaXIifQ.x.y.z.w';
    const otherSecret = await sessionCookie('authjs.session-token', 'another-secret-0123456789abcdefghijklmnop');
    const wrongSalt = (await sessionCookie('__Secure-authjs.session-token')).replace('__Secure-', '');
    const expired = await sessionCookie('authjs.session-token', SECRET, -60);
    for (const cookie of [forged, otherSecret, wrongSalt, expired]) {
      const d = await action('/budgets/3/facts', 8 * KIB + 1, cookie);
      expect(d).toMatchObject({ ok: false, status: 413 });
      expect(!d.ok && d.message).toBe('请求内容过大（未登录或登录已过期时上限 8 KB），请重新登录后重试');
    }
  });

  it('the HTTPS cookie name and a session split into chunks decode too', async () => {
    expect(await action('/budgets/3/facts', 100 * KIB, await sessionCookie('__Secure-authjs.session-token'))).toMatchObject({ ok: true, routeClass: 'text' });
    const [, token] = (await sessionCookie()).split('=');
    const chunked = `authjs.session-token.0=${token.slice(0, 100)}; other=1; authjs.session-token.1=${token.slice(100)}`;
    expect(sessionTokens(chunked)).toEqual([{ name: 'authjs.session-token', token }]);
    expect(await action('/budgets/3/facts', 100 * KIB, chunked)).toMatchObject({ ok: true, routeClass: 'text' });
  });

  it('upload: the lines import and the code-book and control-figure actions — 6 MiB, signed in only', async () => {
    const cookie = await sessionCookie();
    const importUrl = '/budgets/12/lines/import/upload';
    expect(await routePost(importUrl, 6 * MIB, cookie)).toMatchObject({ ok: true, routeClass: 'upload' });
    expect(await routePost(importUrl, 6 * MIB + 1, cookie)).toEqual({ ok: false, status: 413, message: '请求内容过大（上限 6 MB）' });
    for (const url of ['/admin/codes', '/admin/control-figures']) {
      expect(await action(url, 6 * MIB, cookie), url).toMatchObject({ ok: true, routeClass: 'upload' });
      expect(await action(url, 6 * MIB + 1, cookie), url).toMatchObject({ ok: false, status: 413 });
    }
    // without a session: the public limit; a small anonymous upload is counted as public (the route answers 401)
    expect(await routePost(importUrl, 8 * KIB + 1)).toEqual({ ok: false, status: 413, message: '请求内容过大（上限 8 KB）' });
    expect(await routePost(importUrl, 100)).toMatchObject({ ok: true, routeClass: 'public' });
    // other admin pages, and a non-action POST to /admin/codes, are edits
    expect(await action('/admin/codes/mapping', 2 * MIB, cookie)).toMatchObject({ ok: false, status: 413, message: '请求内容过大（上限 128 KB）' });
    expect(await routePost('/admin/codes', 2 * MIB, cookie)).toMatchObject({ ok: false, status: 413 });
    expect(await routePost('/budgets/12/lines/import/upload/x', 2 * MIB, cookie)).toMatchObject({ ok: false, status: 413 });
  });

  it('GET and HEAD carry no body: 8 KiB', async () => {
    expect(await guard('GET', '/budgets/3', { 'content-length': String(8 * KIB) })).toMatchObject({ ok: true, routeClass: 'read' });
    expect(await guard('GET', '/budgets/3', { 'content-length': String(8 * KIB + 1), cookie: await sessionCookie() })).toMatchObject({ ok: false, status: 413 });
  });

  it('a body without Content-Length (chunked) is refused with 411; a malformed length with 400', async () => {
    const d = await guard('POST', '/login', { origin: ORIGIN, 'next-action': 'x', 'transfer-encoding': 'chunked' });
    expect(d).toEqual({ ok: false, status: 411, message: '请求须注明内容长度（Content-Length），不接受分块传输' });
    expect(await guard('GET', '/login', { 'transfer-encoding': 'chunked' })).toMatchObject({ status: 411 });
    expect(await guard('POST', '/login', { origin: ORIGIN, 'next-action': 'x', 'content-length': '12abc' })).toMatchObject({ status: 400 });
    // no length and no chunking: an empty body
    expect(await guard('POST', '/login', { origin: ORIGIN, 'next-action': 'x' })).toMatchObject({ ok: true, bodyLength: 0 });
  });

  it('the domain’s largest legitimate edit bodies fit with at least 2× to spare', () => {
    const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
    const cjk = (n: number) => '预'.repeat(n); // 3 bytes in UTF-8, the most a typed character costs per UTF-16 unit
    // a budget's texts section: every text sent as loaded (base) and as typed (values)
    const texts = Object.fromEntries(TEXT_FIELDS.map((f) => [f, cjk(BUDGET_TEXT_MAX)]));
    const textsSection = bytes([{ budgetId: 1, baseVersion: 1, base: texts, values: texts }]);
    // a performance form with every text full and the most indicators in both periods
    const indicator = { level1: '产出指标', level2: '数量指标', name: cjk(INDICATOR_NAME_MAX), value: cjk(INDICATOR_VALUE_MAX) };
    const funding = Object.fromEntries(FUNDING_KEYS.map((k) => [k, '999999999999.99']));
    const formTexts = Object.fromEntries(['overview', 'basis', 'necessity', 'measures', 'plan', 'goalTotal', 'goalAnnual'].map((k) => [k, cjk(FORM_TEXT_MAX)]));
    const form = bytes([
      {
        budgetId: 1, projectId: 1, version: 1, attribute: 'recurring', periodYears: '3', fundingTotal: funding, fundingAnnual: funding, ...formTexts,
        manager: cjk(PERSON_MAX), handler: cjk(PERSON_MAX), phone: '0356-1234567', filledAt: '2024-01-26',
        indicators: { total: Array(MAX_INDICATORS_PER_PERIOD).fill(indicator), annual: Array(MAX_INDICATORS_PER_PERIOD).fill(indicator) },
      },
    ]);
    // /admin/texts (multipart form): the glossary as JSON in one field, or the purchase catalogue
    const glossary = bytes(Array(REGION_LIMITS.glossaryEntries).fill({ term: cjk(REGION_LIMITS.term), definition: cjk(REGION_LIMITS.definition) }));
    const catalogue = Buffer.byteLength(cjk(REGION_LIMITS.purchaseCatalog));
    const largest = { text: { textsSection, form, glossary, catalogue }, edit: { paste: MAX_PASTE_BYTES } } as const;
    // (4 KiB for the envelope: multipart boundaries, the action's other fields)
    for (const [cls, bodies] of Object.entries(largest))
      for (const [what, n] of Object.entries(bodies))
        expect(BODY_LIMITS[cls as 'text' | 'edit'], `${cls} ${what}: ${n} bytes`).toBeGreaterThanOrEqual(2 * (n + 4 * KIB));
  });
});

describe('Origin check (anything but GET and HEAD)', () => {
  it('a foreign or opaque Origin is refused, the own one passes (default ports alike)', async () => {
    for (const origin of ['http://evil.example', 'http://budget.example:3001', 'https://budget.example.evil:3000', 'null', 'file://', 'garbage']) {
      expect(await guard('POST', '/login', { origin, 'next-action': 'x', 'content-length': '10' }), origin).toEqual({
        ok: false,
        status: 403,
        message: '请求来源与本站不符，已拒绝',
      });
    }
    expect(await guard('POST', '/x', { host: 'budget.example', origin: 'http://budget.example:80', 'content-length': '1' })).toMatchObject({ ok: true });
    expect(await guard('POST', '/x', { host: 'Budget.Example:3000', origin: ORIGIN, 'content-length': '1' })).toMatchObject({ ok: true });
    expect(await guard('GET', '/budgets/1', { origin: 'http://evil.example' })).toMatchObject({ ok: true });
  });

  it('without Origin: a server action passes (Next checks it too), a route handler only as a same-origin fetch', async () => {
    expect(await guard('POST', '/login', { 'next-action': 'x', 'content-length': '10' })).toMatchObject({ ok: true });
    expect(await guard('POST', '/api/auth/signout', { 'content-length': '10' })).toEqual({ ok: false, status: 403, message: '请求来源无法确认（缺少 Origin），已拒绝' });
    expect(await guard('POST', '/api/auth/signout', { 'content-length': '10', 'sec-fetch-site': 'cross-site' })).toMatchObject({ status: 403 });
    expect(await guard('POST', '/api/auth/signout', { 'content-length': '10', 'sec-fetch-site': 'same-origin' })).toMatchObject({ ok: true });
  });

  it('behind a trusted proxy the forwarded host counts, otherwise it is ignored', async () => {
    const h = { host: '127.0.0.1:3000', 'x-forwarded-host': 'yusuan.gov.example', origin: 'https://yusuan.gov.example', 'next-action': 'x', 'content-length': '1' };
    expect(await guard('POST', '/login', h, { ...options, trustProxy: true })).toMatchObject({ ok: true });
    expect(await guard('POST', '/login', h, options)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('client address', () => {
  it('is the socket’s address; X-Forwarded-For counts only with TRUST_PROXY=1, and then its last entry', () => {
    const headers = { 'x-forwarded-for': '1.1.1.1, 10.0.0.9', 'x-client-address': '6.6.6.6' };
    expect(clientAddress(headers, '::ffff:192.168.1.20', false)).toBe('192.168.1.20');
    expect(clientAddress(headers, '::ffff:192.168.1.20', true)).toBe('10.0.0.9');
    expect(clientAddress({}, '2001:db8::1', true)).toBe('2001:db8::1');
    expect(clientAddress({ 'x-forwarded-for': ' , ' }, '127.0.0.1', true)).toBe('127.0.0.1');
  });

  it('a forged x-client-address is replaced, in headers and raw headers', () => {
    const req = {
      headers: { host: HOST, 'x-client-address': '6.6.6.6, 7.7.7.7' } as Record<string, string>,
      rawHeaders: ['Host', HOST, 'X-Client-Address', '6.6.6.6', 'x-client-address', '7.7.7.7'],
    };
    applyClientAddress(req, '192.168.1.20');
    expect(req.headers['x-client-address']).toBe('192.168.1.20');
    expect(req.rawHeaders).toEqual(['Host', HOST, 'x-client-address', '192.168.1.20']);
  });
});

describe('upload slots', () => {
  it('at most UPLOAD_CONCURRENCY at once per worker; a release frees one, once', () => {
    const slots = new UploadSlots();
    const held = Array.from({ length: UPLOAD_CONCURRENCY }, () => slots.acquire());
    expect(held.every(Boolean)).toBe(true);
    expect(slots.acquire()).toBeNull();
    held[0]!();
    held[0]!();
    expect(slots.busy).toBe(UPLOAD_CONCURRENCY - 1);
    expect(slots.acquire()).not.toBeNull();
    expect(slots.acquire()).toBeNull();
    const busy = uploadsBusy();
    expect(busy).toMatchObject({ status: 503, headers: { 'Retry-After': '5' } });
    expect(busy.message).toBe('服务器正在处理其他上传（每个进程最多同时 2 个），请 5 秒后重试');
  });
});
