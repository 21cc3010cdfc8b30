/** Tiny measurement helpers for `npm run bench`: medians and percentiles of wall-clock timings. */
export interface Measurement {
  name: string;
  runs: number;
  median: number; // ms
  p95: number; // ms
  target?: string;
  note?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

/**
 * Runs `fn` `warmup` times unmeasured, then `runs` times, and reports median and p95 in milliseconds; `before` runs
 * before every call, outside the timing (e.g. a save, so that each call is a first read after one).
 */
export async function measure(
  name: string,
  fn: () => unknown | Promise<unknown>,
  opts: { runs?: number; warmup?: number; target?: string; note?: string; before?: () => void } = {},
): Promise<Measurement> {
  const runs = opts.runs ?? 20;
  for (let i = 0; i < (opts.warmup ?? 2); i++) {
    opts.before?.();
    await fn();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    opts.before?.();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, runs, median: percentile(times, 50), p95: percentile(times, 95), target: opts.target, note: opts.note };
}

export function printTable(rows: Measurement[]): string {
  const fmt = (n: number) => (Number.isNaN(n) ? '—' : n < 10 ? n.toFixed(2) : n.toFixed(1));
  const lines = [
    '| measurement | runs | median ms | p95 ms | target | note |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...rows.map((r) => `| ${r.name} | ${r.runs} | ${fmt(r.median)} | ${fmt(r.p95)} | ${r.target ?? ''} | ${r.note ?? ''} |`),
  ];
  return lines.join('\n');
}
