/**
 * Samples the server's processes every 100 ms during an attack: the peak resident memory of each Node process, the
 * Node processes that disappeared (crashed, or killed by the attack itself), and the most Chromium renderers alive
 * at once (how many PDF pages were being rendered at the same time).
 */
import { alive, rssKiB, serverProcesses } from './processes';

export interface Sample {
  /** Peak VmRSS per Node process, in KiB. */
  peakKiB: Map<number, number>;
  /** Node processes seen during the attack that were gone at its end. */
  gone: number[];
  /** The most Chromium renderer processes alive at one time. */
  maxRenderers: number;
  samples: number;
}

export class ProcessSampler {
  private readonly peak = new Map<number, number>();
  private maxRenderers = 0;
  private samples = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly root: number) {}

  start(): this {
    this.tick();
    this.timer = setInterval(() => this.tick(), 100);
    return this;
  }

  private tick(): void {
    const { node, renderers } = serverProcesses(this.root);
    for (const pid of node) {
      const kib = rssKiB(pid);
      if (kib !== null) this.peak.set(pid, Math.max(this.peak.get(pid) ?? 0, kib));
    }
    this.maxRenderers = Math.max(this.maxRenderers, renderers.length);
    this.samples++;
  }

  /** The most renderers seen alive at once so far (the sampler keeps running). */
  maxRenderersSoFar(): number {
    return this.maxRenderers;
  }

  stop(): Sample {
    if (this.timer) clearInterval(this.timer);
    this.tick();
    return {
      peakKiB: new Map(this.peak),
      gone: [...this.peak.keys()].filter((pid) => !alive(pid)),
      maxRenderers: this.maxRenderers,
      samples: this.samples,
    };
  }
}
