/**
 * Environment, validated with zod. Development has safe defaults; a production start without AUTH_SECRET
 * refuses to run.
 */
import path from 'node:path';
import { z } from './zod';

const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, { error: 'AUTH_SECRET 至少需要 32 个字符' }).optional(),
  DEMO_MODE: z.enum(['0', '1']).optional(),
  CHROMIUM_PATH: z.string().optional(),
});

function env() {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error('环境变量无效：' + parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return parsed.data;
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
