import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

// the worker would poll the real database: what is tested here is whether the server may start at all
vi.mock('../lib/pdf/worker', () => ({ ensurePdfWorker: vi.fn() }));

/** instrumentation.ts with a fresh lib/env.ts, which parses the environment once per process. */
async function registerWith(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  vi.resetModules();
  const { register } = await import('../instrumentation');
  return register();
}

describe('server start', () => {
  let exit: MockInstance<typeof process.exit>;
  let error: MockInstance<typeof console.error>;
  beforeEach(() => {
    exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('refuses to run in production without AUTH_SECRET, with a clear Chinese message', async () => {
    await registerWith({ NEXT_RUNTIME: 'nodejs', NODE_ENV: 'production', AUTH_SECRET: undefined });
    expect(exit).toHaveBeenCalledWith(1);
    expect(error.mock.calls[0][0]).toContain('未设置 AUTH_SECRET');
  });

  it('refuses to run with an invalid variable, naming it', async () => {
    await registerWith({ NEXT_RUNTIME: 'nodejs', NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40), PORT: '70000' });
    expect(exit).toHaveBeenCalledWith(1);
    expect(error.mock.calls[0][0]).toContain('PORT 应为 1–65535 之间的整数');
  });

  it('starts with a secret (and its PDF worker), and in development without one', async () => {
    await registerWith({ NEXT_RUNTIME: 'nodejs', NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) });
    const { ensurePdfWorker } = await import('../lib/pdf/worker');
    expect(ensurePdfWorker).toHaveBeenCalledTimes(1);
    await registerWith({ NEXT_RUNTIME: 'nodejs', NODE_ENV: 'development', AUTH_SECRET: undefined });
    expect(exit).not.toHaveBeenCalled();
  });

  it('does nothing outside the Node.js server runtime', async () => {
    await registerWith({ NEXT_RUNTIME: 'edge', NODE_ENV: 'production', AUTH_SECRET: undefined });
    expect(exit).not.toHaveBeenCalled();
  });
});
