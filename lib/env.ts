/**
 * The environment: every variable the app reads, validated with zod and parsed once per process (at the first
 * accessor call, so a script that sets variables for its own process sets them before). This is the only module
 * that reads `process.env` (eslint enforces it); scripts/, bench/ and e2e/ may set variables for the processes they
 * start, and keep their own harness variables (E2E_*, BENCH_*, NEXT_DIST_DIR, …).
 *
 * Development and tests have safe defaults; production without AUTH_SECRET refuses to run (instrumentation.ts checks
 * at start, `authSecret()` refuses at use). An empty variable counts as unset.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from './zod';

const PORT_MESSAGE = 'PORT 应为 1–65535 之间的整数';
const WORKERS_MESSAGE = 'WEB_CONCURRENCY 应为 1–64 之间的整数（工作进程数）';

const envSchema = z.object({
  /** Set by Next.js and the scripts; anything but production and development behaves like development. */
  NODE_ENV: z.string().optional(),
  /** Set by Next.js while it builds ('phase-production-build'): no secret is needed to build. */
  NEXT_PHASE: z.string().optional(),
  DATABASE_PATH: z.string().optional(),
  AUTH_SECRET: z.string().min(32, { error: 'AUTH_SECRET 至少需要 32 个字符' }).optional(),
  DEMO_MODE: z.enum(['0', '1'], { error: 'DEMO_MODE 只能为 0 或 1' }).optional(),
  CHROMIUM_PATH: z.string().optional(),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, { error: PORT_MESSAGE })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65535, { error: PORT_MESSAGE })
    .optional(),
  WEB_CONCURRENCY: z
    .string()
    .regex(/^\d{1,2}$/, { error: WORKERS_MESSAGE })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 64, { error: WORKERS_MESSAGE })
    .optional(),
  TRUST_PROXY: z.enum(['0', '1'], { error: 'TRUST_PROXY 只能为 0 或 1' }).optional(),
});

type Env = z.output<typeof envSchema>;

/** Thrown (with every problem named, in Chinese) when a variable has an invalid value. */
class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

function readEnv(): Env {
  const source: Record<string, string | undefined> = {
    ...process.env,
    // read by name so that Next.js inlines it in its bundles, as it does in every runtime
    NODE_ENV: process.env.NODE_ENV,
  };
  for (const [k, v] of Object.entries(source)) if (v === '') source[k] = undefined;
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvironmentError('环境变量无效：' + parsed.error.issues.map((i) => `${i.path.join('.')}：${i.message}`).join('；'));
  }
  return parsed.data;
}

let parsedEnv: Env | undefined;
const env = (): Env => (parsedEnv ??= readEnv());

const DEVELOPMENT_SECRET = 'development-only-secret-do-not-use-in-production-0000';
const MISSING_SECRET =
  '未设置 AUTH_SECRET：生产环境必须通过环境变量提供会话密钥（至少 32 个字符）。' +
  '使用 npm start 时会自动生成并保存在数据目录中；直接运行 next start 时请先设置 AUTH_SECRET。';

export const isProduction = (): boolean => env().NODE_ENV === 'production';
export const isDevelopment = (): boolean => env().NODE_ENV === 'development';
/**
 * Inside Next.js's Node.js server runtime (not its Edge runtime, not a script or a test). Next.js sets the variable
 * itself and inlines it, so it is read as is, without the parse: asking must not fail on an invalid environment.
 */
export const isNodeRuntime = (): boolean => process.env.NEXT_RUNTIME === 'nodejs';

/** AUTH_SECRET as the environment gives it (npm start generates one when it is missing: scripts/prepare-env.ts). */
export const configuredAuthSecret = (): string | undefined => env().AUTH_SECRET;

/**
 * The key that signs sessions and render tokens. Production must be given one (a guessable key would let anyone
 * forge a session); building needs none; development and tests use a fixed key.
 */
export function authSecret(): string {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === 'production' && e.NEXT_PHASE !== 'phase-production-build') throw new EnvironmentError(MISSING_SECRET);
  return DEVELOPMENT_SECRET;
}

/** Why this server must not start (an invalid variable, production without a secret), or null. */
export function environmentProblem(): string | null {
  try {
    authSecret();
    return null;
  } catch (e) {
    if (e instanceof EnvironmentError) return e.message;
    throw e;
  }
}

export function databasePath(): string {
  return env().DATABASE_PATH ?? path.join(process.cwd(), 'data', 'app.db');
}

/** Demo mode shows the demo accounts on the sign-in page. On by default for the embedded demo database. */
export function isDemoMode(): boolean {
  return (env().DEMO_MODE ?? '1') === '1';
}

/** A Chromium the operator named (lib/pdf/chromium.ts looks for one when this is unset). */
export const chromiumPath = (): string | undefined => env().CHROMIUM_PATH;

/** The port the production server listens on (all workers share it; the PDF renderer opens print pages on it). */
export function serverPort(): number {
  return env().PORT ?? 3000;
}

/** How many server workers the supervisor keeps running: one per core unless told otherwise. */
export function webConcurrency(): number {
  return env().WEB_CONCURRENCY ?? os.availableParallelism();
}

/**
 * Whether a proxy in front of the server is trusted to append the client's address to `X-Forwarded-For`. Off by
 * default: without a proxy the header is whatever the client wrote, so only the socket's address is believed.
 */
export function trustProxy(): boolean {
  return env().TRUST_PROXY === '1';
}
