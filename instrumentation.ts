/**
 * Runs once when the server starts. A server whose environment is invalid (lib/env.ts) or that runs in production
 * without AUTH_SECRET refuses to run: sessions signed with a guessable key would let anyone forge one. (`npm start`
 * generates and keeps a secret; a bare `next start` must be given one.)
 */
import { environmentProblem, isNodeRuntime, isProduction } from './lib/env';

export async function register() {
  if (!isNodeRuntime()) return;
  const problem = environmentProblem();
  if (problem) {
    console.error(`[启动失败] ${problem}`);
    process.exit(1);
    return;
  }
  // the render queue's worker of this process (lib/pdf/worker.ts): claims PDF jobs queued by any process
  if (isProduction()) {
    const { ensurePdfWorker } = await import('./lib/pdf/worker');
    ensurePdfWorker();
  }
}
