import { afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../instrumentation';

describe('server start', () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
    vi.restoreAllMocks();
  });

  it('refuses to run in production without AUTH_SECRET, with a clear Chinese message', () => {
    Object.assign(process.env, { NEXT_RUNTIME: 'nodejs', NODE_ENV: 'production' });
    delete process.env.AUTH_SECRET;
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    register();
    expect(exit).toHaveBeenCalledWith(1);
    expect(error.mock.calls[0][0]).toContain('未设置 AUTH_SECRET');
  });

  it('starts with a secret, and in development without one', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    Object.assign(process.env, { NEXT_RUNTIME: 'nodejs', NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) });
    register();
    Object.assign(process.env, { NODE_ENV: 'development' });
    delete process.env.AUTH_SECRET;
    register();
    expect(exit).not.toHaveBeenCalled();
  });
});
