import path from 'node:path';
import os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** lib/env.ts as a fresh process would see it with these variables (it parses once per process). */
async function envWith(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  vi.resetModules();
  return import('./env');
}

const UNSET = {
  NODE_ENV: 'test',
  NEXT_PHASE: undefined,
  DATABASE_PATH: undefined,
  AUTH_SECRET: undefined,
  DEMO_MODE: undefined,
  CHROMIUM_PATH: undefined,
  PORT: undefined,
  WEB_CONCURRENCY: undefined,
  TRUST_PROXY: undefined,
};
const SECRET = 's'.repeat(32);

afterEach(() => vi.unstubAllEnvs());

describe('lib/env.ts', () => {
  it('has defaults for everything in development and tests', async () => {
    const env = await envWith(UNSET);
    expect(env.databasePath()).toBe(path.join(process.cwd(), 'data', 'app.db'));
    expect(env.isDemoMode()).toBe(true);
    expect(env.chromiumPath()).toBeUndefined();
    expect(env.serverPort()).toBe(3000);
    expect(env.webConcurrency()).toBe(os.availableParallelism());
    expect(env.trustProxy()).toBe(false);
    expect(env.isProduction()).toBe(false);
    expect(env.configuredAuthSecret()).toBeUndefined();
    expect(env.authSecret().length).toBeGreaterThanOrEqual(32);
    expect(env.environmentProblem()).toBeNull();
  });

  it('reads the values it is given', async () => {
    const env = await envWith({
      ...UNSET,
      DATABASE_PATH: '/srv/budget/app.db',
      AUTH_SECRET: SECRET,
      DEMO_MODE: '0',
      CHROMIUM_PATH: '/opt/chromium',
      PORT: '8080',
      WEB_CONCURRENCY: '3',
      TRUST_PROXY: '1',
    });
    expect(env.databasePath()).toBe('/srv/budget/app.db');
    expect(env.authSecret()).toBe(SECRET);
    expect(env.configuredAuthSecret()).toBe(SECRET);
    expect(env.isDemoMode()).toBe(false);
    expect(env.chromiumPath()).toBe('/opt/chromium');
    expect(env.serverPort()).toBe(8080);
    expect(env.webConcurrency()).toBe(3);
    expect(env.trustProxy()).toBe(true);
  });

  it('treats an empty variable as unset', async () => {
    const env = await envWith({ ...UNSET, PORT: '', CHROMIUM_PATH: '', DEMO_MODE: '' });
    expect(env.serverPort()).toBe(3000);
    expect(env.chromiumPath()).toBeUndefined();
    expect(env.isDemoMode()).toBe(true);
  });

  it.each([
    ['PORT', '0', 'PORT 应为 1–65535 之间的整数'],
    ['PORT', '65536', 'PORT 应为 1–65535 之间的整数'],
    ['PORT', 'http', 'PORT 应为 1–65535 之间的整数'],
    ['WEB_CONCURRENCY', '0', 'WEB_CONCURRENCY 应为 1–64 之间的整数（工作进程数）'],
    ['WEB_CONCURRENCY', '100', 'WEB_CONCURRENCY 应为 1–64 之间的整数（工作进程数）'],
    ['TRUST_PROXY', 'yes', 'TRUST_PROXY 只能为 0 或 1'],
    ['DEMO_MODE', 'true', 'DEMO_MODE 只能为 0 或 1'],
    ['AUTH_SECRET', 'short', 'AUTH_SECRET 至少需要 32 个字符'],
  ])('refuses %s=%s with a Chinese message naming it', async (name, value, message) => {
    const env = await envWith({ ...UNSET, [name]: value });
    expect(() => env.serverPort()).toThrow(`环境变量无效：${name}：${message}`);
    expect(env.environmentProblem()).toContain(message);
  });

  it('names every invalid variable at once', async () => {
    const env = await envWith({ ...UNSET, PORT: 'x', TRUST_PROXY: '2' });
    expect(env.environmentProblem()).toMatch(/PORT：.*；TRUST_PROXY：/);
  });

  it('requires AUTH_SECRET in production, but not to build', async () => {
    let env = await envWith({ ...UNSET, NODE_ENV: 'production' });
    expect(() => env.authSecret()).toThrow('未设置 AUTH_SECRET');
    expect(env.environmentProblem()).toContain('未设置 AUTH_SECRET');
    env = await envWith({ ...UNSET, NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' });
    expect(env.environmentProblem()).toBeNull();
    env = await envWith({ ...UNSET, NODE_ENV: 'production', AUTH_SECRET: SECRET });
    expect(env.authSecret()).toBe(SECRET);
    expect(env.isProduction()).toBe(true);
  });

  it('parses once: a later change of the environment is not seen by this process', async () => {
    const env = await envWith({ ...UNSET, PORT: '4100' });
    expect(env.serverPort()).toBe(4100);
    vi.stubEnv('PORT', '4101');
    expect(env.serverPort()).toBe(4100);
  });
});
