import { describe, expect, it } from 'vitest';
import { describeExit, RESTART_FIRST_DELAY_MS, RESTART_HEALTHY_UPTIME_MS, RESTART_MAX_DELAY_MS, restartDelay } from './restartPolicy';

describe('restart back-off', () => {
  it('restarts soon, doubles while the worker dies young, caps at 30 s', () => {
    const waits: number[] = [];
    let previous: number | undefined;
    for (let i = 0; i < 10; i++) {
      const r = restartDelay(previous, 1_000);
      waits.push(r.delay);
      previous = r.next;
    }
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000]);
    expect(Math.max(...waits)).toBe(RESTART_MAX_DELAY_MS);
  });

  it('starts over once a worker stayed up a minute', () => {
    expect(restartDelay(16_000, RESTART_HEALTHY_UPTIME_MS - 1).delay).toBe(16_000);
    expect(restartDelay(16_000, RESTART_HEALTHY_UPTIME_MS)).toEqual({ delay: RESTART_FIRST_DELAY_MS, next: 1_000 });
  });

  it('says why a worker died', () => {
    expect(describeExit(null, 'SIGKILL')).toBe('信号 SIGKILL');
    expect(describeExit(134, null)).toBe('退出码 134（SIGABRT）（多为内存耗尽）');
    expect(describeExit(null, 'SIGABRT')).toBe('信号 SIGABRT（多为内存耗尽）');
    expect(describeExit(1, null)).toBe('退出码 1');
  });
});
