/**
 * A server action's id in a production build, read from the build's server-reference-manifest.json — what a
 * browser receives in the page and sends as `Next-Action`. For the harnesses that replay actions against a real
 * server (the guarded-server test, the chaos test, the benchmarks).
 */
import fs from 'node:fs';
import path from 'node:path';

export function serverActionId(distDir: string, file: string, name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const hit = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === name);
  if (!hit) throw new Error(`server action ${file}#${name} not in the build's manifest`);
  return hit[0];
}
