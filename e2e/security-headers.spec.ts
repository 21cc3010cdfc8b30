/**
 * Session and account safety, and the security headers, against the production build: the CSP with a per-request
 * nonce (no unsafe-eval, no framing), the other headers on pages and downloads (private documents `no-store`),
 * sign-in throttling (per user name, and per client address as the server in front records it), the 8-hour session,
 * sign-out (the app's and next-auth's own endpoint) invalidating a copied cookie, same-site-only redirects after sign-in, and Secure cookies when the
 * app is reached over HTTPS (through a proxy that sets x-forwarded-proto).
 *
 * Throwaway users are inserted into the e2e database, so the demo accounts are never locked out or signed out.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { decode } from 'next-auth/jwt';
import { expect, test, type APIResponse, type Browser, type Page } from '@playwright/test';
import { hashPassword } from '../lib/auth/password';
import { addressKey } from '../lib/auth/throttle';
import { signIn } from './fixtures';

const DB_FILE = path.resolve(process.env.E2E_DATABASE_PATH ?? 'data/e2e/app.db');
/** The e2e server's AUTH_SECRET (playwright.config.ts). */
const E2E_SECRET = 'e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const EIGHT_HOURS_S = 8 * 60 * 60;

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(DB_FILE);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** A new clerk of department 054 (active, no forced password change); returns the user name. */
async function throwawayClerk(prefix: string, password: string): Promise<string> {
  const username = `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const hash = await hashPassword(password);
  withDb((db) => {
    const dept = db.prepare("SELECT id FROM departments WHERE code = '054'").get() as { id: number };
    db.prepare(
      'INSERT INTO users (username, display_name, password_hash, role, department_id, active, must_change_password, session_version, created_at) VALUES (?, ?, ?, ?, ?, 1, 0, 1, ?)',
    ).run(username, `临时${prefix}`, hash, 'clerk', dept.id, Date.now());
  });
  return username;
}

const budget054 = () =>
  withDb((db) => {
    const row = db
      .prepare("SELECT b.id FROM budgets b JOIN departments d ON d.id = b.department_id JOIN fiscal_years y ON y.year = b.year WHERE d.code = '054' AND y.is_current = 1")
      .get() as { id: number };
    return row.id;
  });

async function submitSignIn(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Submits the form expecting a refusal; waits until the answer is shown and the form is reset and idle again. */
async function failedSignIn(page: Page, username: string, password: string, message: string, what: string) {
  await submitSignIn(page, username, password);
  const submit = page.locator('form button[type="submit"]');
  await expect(submit, what).toBeEnabled();
  await expect(submit, what).toHaveText('登录');
  await expect(page.getByLabel('密码'), what).toHaveValue('');
  await expect(loginError(page), what).toHaveText(message);
}

/** The sign-in form's error (not Next's empty route announcer, which is also an alert). */
const loginError = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });

/** CSP directives by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
}

function expectSecurityHeaders(r: APIResponse, what: string) {
  const h = r.headers();
  expect(h['x-frame-options'], `${what}: X-Frame-Options`).toBe('DENY');
  expect(h['x-content-type-options'], `${what}: X-Content-Type-Options`).toBe('nosniff');
  expect(h['referrer-policy'], `${what}: Referrer-Policy`).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
  expect(h['permissions-policy'], `${what}: Permissions-Policy`).toContain('camera=()');
  expect(h['x-powered-by'], `${what}: no X-Powered-By`).toBeUndefined();
}

/** The page's CSP: present, nonce-based, no eval, no framing; returns the nonce. */
function expectStrictCsp(r: APIResponse, what: string): string {
  const csp = r.headers()['content-security-policy'];
  expect(csp, `${what}: Content-Security-Policy`).toBeTruthy();
  const d = directives(csp);
  const scriptSrc = d.get('script-src') ?? d.get('default-src') ?? [];
  const nonces = scriptSrc.filter((v) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(v));
  expect(nonces, `${what}: one script nonce`).toHaveLength(1);
  expect(scriptSrc, `${what}: no unsafe-eval`).not.toContain("'unsafe-eval'");
  expect(scriptSrc, `${what}: no unsafe-inline scripts`).not.toContain("'unsafe-inline'");
  expect(d.get('style-src'), `${what}: no inline styles`).not.toContain("'unsafe-inline'");
  expect(d.get('frame-ancestors'), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(d.get('object-src'), `${what}: object-src`).toEqual(["'none'"]);
  expect(d.get('base-uri'), `${what}: base-uri`).toEqual(["'self'"]);
  expect(d.get('form-action'), `${what}: form-action`).toEqual(["'self'"]);
  expect(d.get('default-src'), `${what}: default-src`).toEqual(["'self'"]);
  return nonces[0].slice("'nonce-".length, -1);
}

/** Collects the page's Content-Security-Policy violations from its first script on. */
async function watchCspViolations(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

/** Every <script> element of the HTML carries the response's nonce. */
function expectScriptsNonced(html: string, nonce: string, what: string) {
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, `${what}: has scripts`).toBeGreaterThan(0);
  const without = scripts.filter((s) => !s.includes(`nonce="${nonce}"`));
  expect(without, `${what}: scripts without the nonce`).toEqual([]);
}

test.describe('security headers', () => {
  test('the sign-in page: strict CSP with a fresh nonce per request, nonce on every script, the other headers', async ({ request }) => {
    const a = await request.get('/login');
    expect(a.status()).toBe(200);
    const nonceA = expectStrictCsp(a, '/login');
    expectSecurityHeaders(a, '/login');
    expectScriptsNonced(await a.text(), nonceA, '/login');
    const b = await request.get('/login');
    expect(expectStrictCsp(b, '/login (again)')).not.toBe(nonceA);
  });

  test('signed-in pages, redirects and downloads carry the headers too', async ({ page, request }) => {
    await signIn(page, 'renshe');
    const id = budget054();
    for (const p of [`/budgets/${id}`, `/budgets/${id}/lines`, `/budgets/${id}/disclosure`]) {
      const r = await page.request.get(p, { maxRedirects: 0 });
      expect(r.status(), p).toBe(200);
      const nonce = expectStrictCsp(r, p);
      expectSecurityHeaders(r, p);
      expectScriptsNonced(await r.text(), nonce, p);
    }
    const xlsx = await page.request.get(`/budgets/${id}/export/xlsx`);
    expect(xlsx.status()).toBe(200);
    expectSecurityHeaders(xlsx, 'xlsx download');
    expect(xlsx.headers()['content-disposition']).toMatch(/^attachment;/);
    // private documents are stored by no cache, the browser's included: the exports, the lines template and the
    // preview's document fragment (and their refusals)
    for (const p of [`/budgets/${id}/export/xlsx`, `/budgets/${id}/lines/template`, `/budgets/${id}/disclosure/document`]) {
      const r = await page.request.get(p);
      expect(r.status(), p).toBe(200);
      expect(r.headers()['cache-control'], p).toBe('private, no-store');
      // a session that ended (the signed-out without a cookie are sent to /login by proxy.ts first)
      const refused = await request.get(p, { maxRedirects: 0, headers: { cookie: 'authjs.session-token=no-longer-valid' } });
      expect(refused.status(), `${p} session ended`).toBe(401);
      expect(refused.headers()['cache-control'], `${p} session ended`).toBe('private, no-store');
    }
    // the redirect of the signed-out
    const redirect = await request.get(`/budgets/${id}`, { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expectSecurityHeaders(redirect, 'redirect to /login');
  });

  test('the browser runs the app under this CSP without a single violation', async ({ page }) => {
    await watchCspViolations(page);
    await signIn(page, 'renshe');
    const id = budget054();
    const project = withDb((db) => (db.prepare('SELECT project_id AS id FROM performance_forms f JOIN projects p ON p.id = f.project_id WHERE p.budget_id = ? LIMIT 1').get(id) as { id: number }).id);
    // the pages with the document (inline SVG charts, the forms' grid), the grid, a form and its print sheet
    const pages = [
      `/budgets/${id}/lines`,
      `/budgets/${id}/disclosure`,
      `/budgets/${id}/projects`,
      `/budgets/${id}/projects/${project}/form`,
      `/print/budgets/${id}/forms/${project}`,
      `/print/budgets/${id}`,
    ];
    for (const p of pages) {
      await page.goto(p);
      await page.waitForLoadState('networkidle');
      if (p.endsWith('/disclosure')) await expect(page.locator('[data-chart="generalStructure"] svg')).toBeVisible();
      expect(await cspViolations(page), p).toEqual([]);
    }
    // the scripts did run under the policy: Next's inline flight data and React's hydration of the document
    const ran = await page.evaluate(() => ({
      flight: Array.isArray((self as unknown as { __next_f?: unknown[] }).__next_f),
      hydrated: Object.keys(document).some((k) => k.startsWith('__reactContainer$')),
    }));
    expect(ran).toEqual({ flight: true, hydrated: true });
  });

  test("the reviewer's and the administrator's pages run under it too", async ({ browser }) => {
    // thirteen pages, each until the network is idle: more than the default minute on a busy two-core machine
    test.slow();
    const id = budget054();
    for (const [user, pages] of [
      ['shenhe', ['/review', `/budgets/${id}/review`, `/budgets/${id}/history`]],
      ['admin', ['/admin', '/admin/users', '/admin/codes', '/admin/codes/mapping', '/admin/control-figures', '/admin/texts', '/admin/publish']],
    ] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await watchCspViolations(page);
      await signIn(page, user);
      for (const p of pages) {
        const r = await page.goto(p);
        expect(r?.status(), p).toBe(200);
        await page.waitForLoadState('networkidle');
        expect(await cspViolations(page), p).toEqual([]);
      }
      await context.close();
    }
  });
});

test.describe('sign-in and sessions', () => {
  test('after five failures for a user name the sixth attempt is throttled, even with the right password; other names are not', async ({ page, browser }) => {
    const password = 'Throttle-2024';
    const real = await throwawayClerk('throttle', password);
    const ghost = `ghost-${Date.now().toString(36)}`;
    await page.goto('/login');
    for (const name of [ghost, real]) {
      for (let i = 1; i <= 5; i++) await failedSignIn(page, name, `wrong-password-${i}`, '用户名或密码错误', `${name} attempt ${i}`);
      await failedSignIn(page, name, name === real ? password : 'wrong-password-6', '登录失败次数过多，请稍后再试', `${name} attempt 6`);
      await expect(page).toHaveURL(/\/login/);
    }
    // the lock is per user name, stored in the database
    const row = withDb((db) => db.prepare('SELECT failures FROM sign_in_throttle WHERE key = ?').get(`user:${real}`) as { failures: number });
    expect(row.failures).toBe(5);
    const other = await browser.newContext();
    await signIn(await other.newPage(), 'dangan');
    await other.close();
  });

  test('fifty failures from one address, over any user names, throttle every sign-in from it; other addresses are not, and a forged x-client-address changes nothing', async () => {
    const base = String(test.info().project.use.baseURL);
    const password = 'Spray-2024';
    const real = await throwawayClerk('spray', password);
    // the e2e server trusts X-Forwarded-For (TRUST_PROXY=1, playwright.config.ts): this test plays the proxy in front
    // and signs in from a test address of its own, so other tests are not affected
    const address = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    /** A sign-in from `from` (as the proxy writes it); `claims` is an x-client-address the client writes itself. */
    const attempt = async (username: string, pw: string, from: string, claims?: string) => {
      const r = await fetch(`${base}/api/auth/callback/credentials`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          origin: base,
          'content-type': 'application/x-www-form-urlencoded',
          cookie,
          'x-forwarded-for': `10.9.8.7, ${from}`,
          ...(claims ? { 'x-client-address': claims } : {}),
        },
        body: new URLSearchParams({ csrfToken, username, password: pw, callbackUrl: '/' }),
      });
      const session = r.headers.getSetCookie().some((c) => c.startsWith('authjs.session-token='));
      return session ? 'signed in' : new URL(r.headers.get('location') ?? '', base).searchParams.get('code');
    };
    const failuresOf = (a: string) =>
      withDb((db) => db.prepare('SELECT coalesce(sum(failures), 0) AS n FROM sign_in_throttle WHERE substr(key, 1, ?) = ?').get(`addr:${a}:`.length, `addr:${a}:`)) as { n: number };
    // 49 failures of a spray already counted for this address, then the 50th over HTTP, whose client claims another
    // address: the server in front overwrites the claim (the previous window counts too, so a window boundary
    // between these steps changes nothing)
    const forged = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
    withDb((db) => db.prepare('INSERT INTO sign_in_throttle (key, failures, last_failure_at) VALUES (?, 49, ?)').run(addressKey(address, Date.now()), Date.now()));
    expect(await attempt(`nobody-${Date.now().toString(36)}`, 'Spray-2024', address, forged)).toBe('credentials');
    expect(failuresOf(address)).toEqual({ n: 50 });
    expect(failuresOf(forged)).toEqual({ n: 0 });
    // now even the right password for a real account waits, from that address only, whatever the client claims
    expect(await attempt(real, password, address)).toBe('throttled');
    expect(await attempt(real, password, address, '198.51.100.77')).toBe('throttled');
    expect(await attempt(real, password, '198.51.100.77')).toBe('signed in');
  });

  test('a session lasts eight hours: the cookie and the token inside it', async ({ page, context }) => {
    const before = Math.floor(Date.now() / 1000);
    await signIn(page, 'shenhe');
    const after = Math.floor(Date.now() / 1000);
    const cookie = (await context.cookies()).find((c) => c.name === 'authjs.session-token');
    expect(cookie, 'session cookie').toBeTruthy();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Lax');
    expect(cookie!.path).toBe('/');
    expect(cookie!.expires).toBeGreaterThanOrEqual(before + EIGHT_HOURS_S - 60);
    expect(cookie!.expires).toBeLessThanOrEqual(after + EIGHT_HOURS_S + 60);
    const token = await decode({ token: cookie!.value, secret: E2E_SECRET, salt: 'authjs.session-token' });
    expect(token).toBeTruthy();
    expect(Number(token!.exp) - Number(token!.iat)).toBe(EIGHT_HOURS_S);
    expect(typeof token!.uid).toBe('number');
  });

  test('signing out makes a copied session cookie worthless', async ({ page, context, browser }) => {
    const password = 'Signout-2024';
    const username = await throwawayClerk('signout', password);
    await page.goto('/login');
    await submitSignIn(page, username, password);
    await expect(page).toHaveURL(/\/budgets\/\d+$/);
    const budgetPath = new URL(page.url()).pathname;
    const copied = await context.storageState();
    expect(copied.cookies.some((c) => c.name === 'authjs.session-token')).toBe(true);

    await page.getByRole('button', { name: '退出' }).click();
    await expect(page).toHaveURL(/\/login/);

    const thief = await browser.newContext({ storageState: copied });
    const tp = await thief.newPage();
    await tp.goto(budgetPath);
    await expect(tp).toHaveURL(/\/login/);
    const download = await tp.request.get(`${budgetPath}/export/xlsx`, { maxRedirects: 0 });
    expect(download.status()).toBe(401);
    const upload = await tp.request.post(`${budgetPath}/lines/import/upload`, {
      multipart: { mode: 'preview', file: { name: 'x.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('x') } },
      headers: { origin: String(test.info().project.use.baseURL) },
      maxRedirects: 0,
    });
    expect(upload.status()).toBe(401);
    // next-auth's own session endpoint no longer vouches for it either
    const session = await tp.request.get('/api/auth/session');
    expect(await session.json()).toBeNull();
    await thief.close();
  });

  test("next-auth's own POST /api/auth/signout ends the session as well: the copied cookie is refused", async ({ page, context, browser }) => {
    const password = 'Apisignout-2024';
    const username = await throwawayClerk('apisignout', password);
    await page.goto('/login');
    await submitSignIn(page, username, password);
    await expect(page).toHaveURL(/\/budgets\/\d+$/);
    const budgetPath = new URL(page.url()).pathname;
    const copied = await context.storageState();
    const version = () => withDb((db) => (db.prepare('SELECT session_version AS v FROM users WHERE username = ?').get(username) as { v: number }).v);
    const before = version();

    const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const out = await page.request.post('/api/auth/signout', {
      form: { csrfToken, callbackUrl: '/login' },
      headers: { origin: String(test.info().project.use.baseURL) },
      maxRedirects: 0,
    });
    expect(out.status()).toBe(302);
    expect(version()).toBe(before + 1);

    // (each refusal also clears the cookie in the thief's browser, so the download is asked first)
    const thief = await browser.newContext({ storageState: copied });
    const tp = await thief.newPage();
    expect((await tp.request.get(`${budgetPath}/export/xlsx`, { maxRedirects: 0 })).status()).toBe(401);
    await thief.close();
    for (const check of ['session', 'page'] as const) {
      const ctx = await browser.newContext({ storageState: copied });
      const p = await ctx.newPage();
      if (check === 'session') expect(await (await p.request.get('/api/auth/session')).json()).toBeNull();
      else {
        await p.goto(budgetPath);
        await expect(p).toHaveURL(/\/login/);
      }
      await ctx.close();
    }
  });

  /** Signs in with `callbackUrl` set to each target; returns the requests that left the site. */
  async function offsiteAfterSignIn(browser: Browser, targets: string[]): Promise<string[]> {
    const password = 'Redirect-2024';
    const username = await throwawayClerk('redirect', password);
    const home = new URL(String(test.info().project.use.baseURL)).host;
    const offsite: string[] = [];
    for (const target of targets) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      page.on('request', (r) => {
        const host = new URL(r.url()).host;
        if (host && host !== home) offsite.push(`${target} → ${r.url()}`);
      });
      await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
      await submitSignIn(page, username, password);
      await page.waitForURL((u) => !u.pathname.startsWith('/login') || u.host !== home).catch(() => undefined);
      await page.waitForLoadState().catch(() => undefined);
      await ctx.close();
    }
    return offsite;
  }

  test('after sign-in only same-site paths are followed', async ({ browser }) => {
    const targets = ['https://evil.example/', '//evil.example/x', '/%5Cevil.example/x', 'javascript:alert(1)', '/%2F%2Fevil.example/x', '/\\evil.example/x', '/\tevil'];
    expect(await offsiteAfterSignIn(browser, targets), 'requests to another site after sign-in').toEqual([]);
  });

});

test.describe('over HTTPS (a TLS proxy in front sets x-forwarded-proto)', () => {
  test('the auth cookies are __Host-/__Secure- prefixed, Secure and HttpOnly, and the app accepts them', async () => {
    const base = String(test.info().project.use.baseURL);
    const https = { 'x-forwarded-proto': 'https' };
    const csrf = await fetch(`${base}/api/auth/csrf`, { headers: https });
    const csrfCookies = csrf.headers.getSetCookie();
    const csrfCookie = csrfCookies.find((c) => c.startsWith('__Host-authjs.csrf-token='));
    expect(csrfCookie, csrfCookies.join(' | ')).toBeTruthy();
    expect(csrfCookie).toMatch(/;\s*Secure/i);
    expect(csrfCookie).toMatch(/;\s*HttpOnly/i);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };

    const password = 'Https-2024';
    const username = await throwawayClerk('https', password);
    const r = await fetch(`${base}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...https, origin: base, 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookies.map((c) => c.split(';')[0]).join('; ') },
      body: new URLSearchParams({ csrfToken, username, password, callbackUrl: '/' }),
    });
    expect(r.status).toBe(302);
    const session = r.headers.getSetCookie().find((c) => c.startsWith('__Secure-authjs.session-token='));
    expect(session, r.headers.getSetCookie().join(' | ')).toBeTruthy();
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    // no plain-named session cookie is set over HTTPS
    expect(r.headers.getSetCookie().some((c) => c.startsWith('authjs.session-token='))).toBe(false);

    const page = await fetch(`${base}/budgets/${budget054()}`, { redirect: 'manual', headers: { ...https, cookie: session!.split(';')[0] } });
    expect(page.status).toBe(200);
  });
});
