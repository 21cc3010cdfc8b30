/**
 * The production supervisor: forks WEB_CONCURRENCY workers (scripts/server.ts, one per core by default) sharing
 * PORT through Node's cluster module, and restarts a worker that dies — after 0.5 s, doubling to 30 s while
 * workers keep dying young (lib/server/restartPolicy.ts) — while the others keep serving. Each death is one log
 * line: exit code or signal, uptime, and the last fatal error the worker reported (over IPC, or V8's own
 * `FATAL ERROR` line on stderr, which is all a heap-exhausted worker manages to say). SIGINT/SIGTERM stop the
 * workers gracefully (in-flight requests finish, at most 10 s) and then the supervisor.
 *
 *   node --import tsx scripts/supervisor.ts      (what `npm start` runs after preparing the database and build)
 */
import cluster, { type Worker } from 'node:cluster';
import path from 'node:path';
import { serverPort, webConcurrency } from '../lib/env';
import { describeExit, restartDelay } from '../lib/server/restartPolicy';
import type { WorkerReport } from './server';
import { SERVER_NODE_FLAGS } from './server-flags';

const ROOT = path.resolve(__dirname, '..');
const STOP_TIMEOUT_MS = 15_000;

interface Slot {
  index: number;
  worker: Worker | null;
  startedAt: number;
  /** The wait for this slot's next restart (restartPolicy). */
  nextDelay: number | undefined;
  /** What the current worker last said before dying (fatal error, heap warning, V8 fatal line). */
  lastReport: string | null;
  restarts: number;
}

export interface Supervisor {
  /** Current workers' pids. */
  pids(): number[];
  stop(): Promise<void>;
}

export function runSupervisor(opts: { workers?: number; log?: (line: string) => void } = {}): Supervisor {
  if (!cluster.isPrimary) throw new Error('runSupervisor runs in the primary process only');
  const count = opts.workers ?? webConcurrency();
  const log = opts.log ?? ((line: string) => console.log(`[supervisor] ${line}`));
  cluster.setupPrimary({
    exec: path.join(ROOT, 'scripts', 'server.ts'),
    // tsx for the TypeScript worker, and the heap cap of scripts/server-flags.ts for each worker
    execArgv: ['--import', 'tsx', ...SERVER_NODE_FLAGS],
    cwd: ROOT,
    // the workers' output passes through here, so a V8 fatal error line can be remembered as the cause of death
    silent: true,
  });
  const slots: Slot[] = Array.from({ length: count }, (_, index) => ({ index, worker: null, startedAt: 0, nextDelay: undefined, lastReport: null, restarts: 0 }));
  let stopping = false;
  const timers = new Set<NodeJS.Timeout>();

  const fork = (slot: Slot) => {
    const worker = cluster.fork({ WORKER_SLOT: String(slot.index + 1) });
    slot.worker = worker;
    slot.startedAt = Date.now();
    slot.lastReport = null;
    worker.process.stdout?.pipe(process.stdout, { end: false });
    worker.process.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      const fatal = /FATAL ERROR: ([^\n]*)/.exec(String(chunk));
      if (fatal) slot.lastReport = `V8：${fatal[1].trim()}`;
    });
    worker.on('message', (msg: WorkerReport) => {
      if (msg && (msg.kind === 'fatal' || msg.kind === 'heap') && typeof msg.message === 'string') slot.lastReport = msg.message.slice(0, 500).replace(/[。.]$/, '');
    });
    worker.once('exit', (code, signal) => {
      if (slot.worker === worker) slot.worker = null;
      if (stopping) return;
      const uptime = Date.now() - slot.startedAt;
      const { delay, next } = restartDelay(slot.nextDelay, uptime);
      slot.nextDelay = next;
      slot.restarts++;
      const others = slots.filter((s) => s.worker).length;
      log(
        `工作进程 ${slot.index + 1}（pid ${worker.process.pid}）退出：${describeExit(code, signal)}，运行 ${(uptime / 1000).toFixed(1)} 秒` +
          `${slot.lastReport ? `；最后报告：${slot.lastReport}` : ''}；${(delay / 1000).toFixed(1)} 秒后重启（其余 ${others} 个继续服务）`,
      );
      const t = setTimeout(() => {
        timers.delete(t);
        if (!stopping) fork(slot);
      }, delay);
      timers.add(t);
    });
  };

  cluster.on('listening', (worker) => {
    const slot = slots.find((s) => s.worker === worker);
    if (slot) log(`工作进程 ${slot.index + 1}（pid ${worker.process.pid}）已就绪${slot.restarts ? `（第 ${slot.restarts} 次重启）` : ''}`);
  });
  for (const slot of slots) fork(slot);

  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      for (const t of timers) clearTimeout(t);
      const alive = slots.map((s) => s.worker).filter((w): w is Worker => w !== null && !w.isDead());
      if (alive.length === 0) return resolve();
      let left = alive.length;
      const kill = setTimeout(() => alive.forEach((w) => w.isDead() || w.process.kill('SIGKILL')), STOP_TIMEOUT_MS);
      for (const w of alive) {
        w.once('exit', () => {
          if (--left === 0) {
            clearTimeout(kill);
            resolve();
          }
        });
        // the worker closes its server and exits once its requests are answered (scripts/server.ts)
        w.process.kill('SIGTERM');
      }
    });

  return { pids: () => slots.flatMap((s) => (s.worker?.process.pid ? [s.worker.process.pid] : [])), stop };
}

/** Runs the supervisor until SIGINT/SIGTERM (npm start, the Playwright journeys, the benchmarks, the chaos test). */
export function main(): void {
  const supervisor = runSupervisor();
  console.log(`[supervisor] ${webConcurrency()} 个工作进程，服务地址：http://localhost:${serverPort()}`);
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      console.log(`[supervisor] 收到 ${sig}，正在停止…`);
      void supervisor.stop().then(() => process.exit(0));
    });
}

if (require.main === module) main();
