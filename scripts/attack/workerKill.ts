/**
 * 9. A worker killed with SIGKILL in the middle of a burst of saves (four clerks' tabs adding lines through the
 * grid's action). Needs the supervisor: with a single server process there is nothing to keep answering, and the
 * attack fails with "no supervisor". Otherwise every /login probe and every save sent from one second after the kill
 * on must succeed, a replacement worker must appear within 10 s, and every save that was acknowledged must be in the
 * database (the kill may lose only what was in flight).
 */
import Database from 'better-sqlite3';
import { actionResult, callAction, pageActionIds } from './actions';
import { describe, probeLogin, tally } from './http';
import { CLERK, session, type Attack } from './harness';
import { serverProcesses, hasSupervisor } from './processes';

const BURST_MS = 8000;
const KILL_AT_MS = 2000;
const GRACE_MS = 1000;

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

export const workerKill: Attack = {
  name: '9 kill -9 a worker during a burst of saves',
  writes: true,
  async run(t) {
    const { workers } = serverProcesses(t.rootPid);
    if (!hasSupervisor(t.rootPid)) return { problems: [`no supervisor: requests are served by the single process ${workers.join(', ')}`], notes: [] };
    const cookie = await session(t, CLERK.username, CLERK.password);
    const page = `/budgets/${CLERK.budgetId}/lines`;
    const ids = await pageActionIds(t.base, page, cookie);
    if (!ids.add) return { problems: ['the lines page hands out no add action'], notes: [] };

    const started = Date.now();
    let killedAt = Infinity;
    const victim = workers[0];
    const acked: number[] = [];
    const lateFailures: string[] = [];
    let seq = 0;
    // judged by when a request was sent: one sent before the kill may hang with its worker (it was in flight)
    const late = () => Date.now() > killedAt + GRACE_MS;
    const saver = async () => {
      while (Date.now() - started < BURST_MS) {
        const fen = 770_000_000 + ++seq;
        const line = { unitId: 1, functionCode: '2080101', economicCode: '30201', source: 'general', amount: yuan(fen) };
        const sentLate = late();
        const o = await callAction(t.base, page, ids.add, [{ budgetId: CLERK.budgetId, line }], { cookie, timeoutMs: 5000 });
        const r = actionResult<{ ok?: boolean }>(o);
        if (r?.ok) acked.push(fen);
        else if (sentLate) lateFailures.push(`save ${describe(o)}`);
      }
    };
    const prober = async () => {
      while (Date.now() - started < BURST_MS) {
        const sentLate = late();
        const p = await probeLogin(t.base, 1000);
        if (!p.ok && sentLate) lateFailures.push(`/login ${p.what}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const killer = (async () => {
      await new Promise((r) => setTimeout(r, KILL_AT_MS));
      process.kill(victim, 'SIGKILL');
      killedAt = Date.now();
    })();
    await Promise.all([saver(), saver(), saver(), saver(), prober(), killer]);

    const problems: string[] = [];
    if (lateFailures.length) problems.push(`after the kill: ${tally(lateFailures)}`);
    let replaced = false;
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
      const now = serverProcesses(t.rootPid).workers;
      if (now.length >= workers.length && !now.includes(victim)) {
        replaced = true;
        break;
      }
    }
    if (!replaced) problems.push(`worker ${victim} was not replaced within 10 s`);
    const db = new Database(t.dbFile, { readonly: true });
    const stored = new Set((db.prepare('SELECT amount FROM basic_lines WHERE budget_id = ? AND amount >= 770000000').all(CLERK.budgetId) as { amount: number }[]).map((r) => r.amount));
    db.close();
    const lost = acked.filter((a) => !stored.has(a));
    if (lost.length) problems.push(`${lost.length} acknowledged saves are missing`);
    return {
      problems,
      notes: [`killed worker ${victim} of ${workers.length}; ${acked.length} saves acknowledged, ${stored.size} stored`],
      killed: [victim],
    };
  },
};
