/**
 * Runs the attacks in order against one production server, replacing it with a fresh one (new port, freshly
 * seeded database) after an attack that broke it or wrote to it, and prints one line per attack.
 */
import { chunkedAndSlowloris } from './chunkedAndSlowloris';
import { clerkBulk } from './clerkBulk';
import { crossSite } from './crossSite';
import { forcedPasswordChange } from './forcedPasswordChange';
import { forgedForwardedFor } from './forgedForwardedFor';
import { runAttack, startTarget, type Attack, type AttackResult, type Target } from './harness';
import { oversizedSignIn } from './oversizedSignIn';
import { pdfBurst } from './pdfBurst';
import { workbookUpload } from './workbookUpload';
import { workerKill } from './workerKill';

/**
 * The sign-in spray runs last: once the address throttle works, every sign-in from 127.0.0.1 is throttled for
 * the rest of the window, which would lock the other attacks' sign-ins out.
 */
export const ATTACKS: Attack[] = [
  oversizedSignIn,
  chunkedAndSlowloris,
  clerkBulk,
  workbookUpload,
  pdfBurst,
  forcedPasswordChange,
  crossSite,
  workerKill,
  forgedForwardedFor,
];

export async function runAll(filter: string[] = [], verbose = false): Promise<AttackResult[]> {
  const chosen = ATTACKS.filter((a) => !filter.length || filter.some((f) => a.name.startsWith(f + ' ')));
  const results: AttackResult[] = [];
  const started = Date.now();
  let target: Target | null = null;
  try {
    for (const attack of chosen) {
      target ??= await startTarget();
      const r = await runAttack(target, attack);
      results.push(r);
      console.log(r.passed ? `PASS ${r.name}` : `FAIL ${r.name}: ${r.problems.join('; ')}`);
      if (verbose || !r.passed) for (const n of r.notes) console.log(`     ${n}`);
      if (r.spoiled) {
        await target.stop();
        target = null;
      }
    }
  } finally {
    await target?.stop();
  }
  const failed = results.filter((r) => !r.passed).length;
  console.log(`${results.length - failed} passed, ${failed} failed (${Math.round((Date.now() - started) / 1000)} s)`);
  return results;
}
