/**
 * The attack suite (issue 12): hostile but bounded requests against a real production server on a fresh seeded
 * database, each checked for refusal, memory, crashes, liveness and unwritten data. Prints `PASS name` or
 * `FAIL name: why` per attack and `N passed, M failed`; exits 1 on any failure.
 *
 *   npx tsx scripts/attack.ts [-v] [1 3 …]     all attacks, or those numbered; -v prints every attack's figures
 *
 * The server's build goes to NEXT_DIST_DIR (default `.next-attack`, so a rebuild never disturbs another server's
 * `.next`). TRUST_PROXY is cleared: attack 6 checks the behaviour without a trusted proxy. The server's own
 * stderr (its logged errors) is passed through; the verdicts are on stdout.
 */
process.env.NEXT_DIST_DIR ||= '.next-attack';
delete process.env.TRUST_PROXY;

async function main() {
  const args = process.argv.slice(2);
  const { runAll } = await import('./attack/run');
  const results = await runAll(
    args.filter((a) => /^\d+$/.test(a)),
    args.includes('-v'),
  );
  process.exit(results.length > 0 && results.every((r) => r.passed) ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
