/**
 * Environment, validated with zod and parsed once per process (the first accessor call). Development has safe
 * defaults; a production start without AUTH_SECRET refuses to run.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from './zod';

const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, { error: 'AUTH_SECRET 至少需要 32 个字符' }).optional(),
  DEMO_MODE: z.enum(['0', '1']).optional(),
  CHROMIUM_PATH: z.string().optional(),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, { error: 'PORT 应为 1–65535 之间的整数' })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65535, { error: 'PORT 应为 1–65535 之间的整数' })
    .optional(),
  WEB_CONCURRENCY: z
    .string()
    .regex(/^\d{1,2}$/, { error: 'WEB_CONCURRENCY 应为 1–64 之间的整数（工作进程数）' })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 64, { error: 'WEB_CONCURRENCY 应为 1–64 之间的整数（工作进程数）' })
    .optional(),
  TRUST_PROXY: z.enum(['0', '1'], { error: 'TRUST_PROXY 只能为 0 或 1' }).optional(),
});

type Env = z.output<typeof envSchema>;
let parsedEnv: Env | undefined;

function env(): Env {
  if (parsedEnv) return parsedEnv;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error('环境变量无效：' + parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  parsedEnv = parsed.data;
  return parsedEnv;
}

export function databasePath(): string {
  return env().DATABASE_PATH ?? path.join(process.cwd(), 'data', 'app.db');
}

/** Demo mode shows the demo accounts on the sign-in page. On by default for the embedded demo database. */
export function isDemoMode(): boolean {
  return (env().DEMO_MODE ?? '1') === '1';
}

export function chromiumPathFromEnv(): string | undefined {
  return env().CHROMIUM_PATH || undefined;
}

/** The port the production server listens on (all workers share it). */
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
