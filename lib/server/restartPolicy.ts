/**
 * When the supervisor restarts a worker that died: soon the first time, then doubling while the worker keeps dying
 * young (a crash loop must not burn the CPU the surviving workers serve with), back to soon once a worker has stayed
 * up long enough to count as healthy.
 */
export const RESTART_FIRST_DELAY_MS = 500;
export const RESTART_MAX_DELAY_MS = 30_000;
/** A worker up this long died of something new, not of the start-up problem that killed its predecessors. */
export const RESTART_HEALTHY_UPTIME_MS = 60_000;

/**
 * The wait before the next start of a worker slot, and the wait to remember for the one after. `previous` is what
 * this function returned last time for the slot (undefined for the first death).
 */
export function restartDelay(previous: number | undefined, uptimeMs: number): { delay: number; next: number } {
  const delay = previous === undefined || uptimeMs >= RESTART_HEALTHY_UPTIME_MS ? RESTART_FIRST_DELAY_MS : previous;
  return { delay, next: Math.min(delay * 2, RESTART_MAX_DELAY_MS) };
}

/** How a worker's end reads in the supervisor's log. */
export function describeExit(code: number | null, signal: string | null): string {
  // V8 aborts when the heap cap is reached
  if (signal === 'SIGABRT' || code === 134) return `${signal ? '信号 SIGABRT' : '退出码 134（SIGABRT）'}（多为内存耗尽）`;
  if (signal) return `信号 ${signal}`;
  return `退出码 ${code ?? '?'}`;
}
