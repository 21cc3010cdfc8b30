/**
 * "Build if needed": the production build is redone when the sources it was made from changed.
 * The stamp is a hash of every source file's path and content.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = process.cwd();
const SOURCE_DIRS = ['app', 'components', 'lib', 'db', 'public'];
const SOURCE_FILES = ['package-lock.json', 'next.config.js', 'tsconfig.json', 'tsconfig.build.json', 'postcss.config.mjs', 'proxy.ts', 'instrumentation.ts'];
/**
 * Not part of the Next.js build: the custom server's request guard and policies (lib/server/, run by
 * scripts/server.ts and scripts/supervisor.ts through tsx, which are not hashed either), so changing them needs a
 * restart, not a rebuild. The app must not import lib/server/.
 */
const OUTSIDE_BUILD = [path.join('lib', 'server')];
const DIST = process.env.NEXT_DIST_DIR || '.next';
const STAMP = path.join(ROOT, DIST, 'source-stamp');

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!OUTSIDE_BUILD.includes(path.relative(ROOT, p))) walk(p, out);
    } else if (!e.name.endsWith('.test.ts')) out.push(p);
  }
}

export function sourceStamp(): string {
  const files: string[] = [];
  for (const d of SOURCE_DIRS) walk(path.join(ROOT, d), files);
  for (const f of SOURCE_FILES) if (fs.existsSync(path.join(ROOT, f))) files.push(path.join(ROOT, f));
  const h = createHash('sha256');
  for (const f of files.sort()) {
    h.update(path.relative(ROOT, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex');
}

export function buildIsCurrent(): boolean {
  return (
    fs.existsSync(path.join(ROOT, DIST, 'BUILD_ID')) &&
    fs.existsSync(STAMP) &&
    fs.readFileSync(STAMP, 'utf8') === sourceStamp()
  );
}

/** Runs `next build` unless the existing build matches the sources. */
export function ensureBuild(): void {
  if (buildIsCurrent()) return;
  console.log('[build] 正在构建生产版本（首次启动或源码已变更）…');
  const stamp = sourceStamp();
  const r = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error('next build failed');
  fs.writeFileSync(STAMP, stamp);
}
