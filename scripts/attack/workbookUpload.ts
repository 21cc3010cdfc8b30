/**
 * 4. Lines-import uploads (`POST /budgets/1/lines/import/upload`, mode=preview) by the clerk: four at once of a
 * ~2.5 MB workbook whose sheet unpacks to ~23 MB of XML in 138,000 rows; a ~1 MB zip bomb that inflates to 1 GiB
 * (once with honest sizes, once with a directory that claims 1 KiB); and the big workbook sent anonymously, which
 * must be refused (401/403/413, or the redirect to sign-in) before anything is parsed. Each upload must be refused with a message (not a
 * 5xx, not a hang) while memory stays under the ceiling — a whole-file workbook loader fails here on memory.
 */
import { describe, send, tally, text, type Outcome } from './http';
import { CLERK, session, type Attack } from './harness';
import { multipart } from './multipart';
import { bigLinesWorkbook, zipBomb } from './workbooks';

const route = `/budgets/${CLERK.budgetId}/lines/import/upload`;
let big: ReturnType<typeof bigLinesWorkbook>;
let bombs: { lie: boolean; file: Buffer; unpacked: number }[];

function upload(base: string, bytes: Buffer, cookie?: string): Promise<Outcome> {
  const { body, contentType } = multipart({ mode: 'preview' }, { name: 'lines.xlsx', bytes });
  return send(base, route, {
    method: 'POST',
    body,
    timeoutMs: 28_000,
    headers: { 'content-type': contentType, origin: base, ...(cookie ? { cookie } : {}) },
  });
}

/**
 * The answer refuses the workbook with at least one message: the import's own refusal (any status but 5xx), a 413,
 * or the guard's load shedding — 503 with Retry-After and a Chinese text when a worker already reads its two
 * uploads (`UPLOAD_CONCURRENCY`), which is the bound doing its work, not a failure.
 */
function refusedWithMessage(o: Outcome): { ok: boolean; message?: string } {
  if (o.status === 503 && o.headers['retry-after'] && /[\u4e00-\u9fff]/.test(text(o))) return { ok: true, message: text(o).slice(0, 80) };
  if (o.status === null || o.status >= 500) return { ok: false };
  try {
    const r = JSON.parse(text(o)) as { ok?: boolean; errors?: string[] };
    return { ok: r.ok === false && !!r.errors?.length, message: r.errors?.[0] };
  } catch {
    return { ok: o.status === 413, message: text(o).slice(0, 80) };
  }
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

export const workbookUpload: Attack = {
  name: '4 workbook uploads: 4 × 138,000 rows, zip bombs, anonymous',
  async prepare() {
    big ??= bigLinesWorkbook();
    bombs ??= [false, true].map((lie) => ({ lie, ...zipBomb({ lie }) }));
  },
  async run(t) {
    const problems: string[] = [];
    const notes: string[] = [`workbook ${mb(big.file.length)} → ${mb(big.unpacked)} XML, ${big.rows} rows; bomb ${mb(bombs[0].file.length)} → ${mb(bombs[0].unpacked)}`];
    const cookie = await session(t, CLERK.username, CLERK.password);

    const anonymous = await upload(t.base, big.file);
    const toSignIn = [303, 307].includes(anonymous.status ?? 0) && /\/login/.test(String(anonymous.headers.location ?? ''));
    if (![401, 403, 413].includes(anonymous.status ?? 0) && !toSignIn)
      problems.push(`anonymous upload answered ${describe(anonymous)}, not 401/403/413 or a redirect to sign-in`);
    notes.push(`anonymous: ${describe(anonymous)} in ${anonymous.ms} ms`);

    const four = await Promise.all(Array.from({ length: 4 }, () => upload(t.base, big.file, cookie)));
    const fourRefused = four.map(refusedWithMessage);
    const notRefused = fourRefused.filter((r) => !r.ok).length;
    if (notRefused) problems.push(`${notRefused} of 4 big uploads were not refused with a message (${tally(four.map((o) => describe(o)))})`);
    notes.push(`4 big uploads: ${tally(four.map((o) => describe(o)))}, slowest ${Math.max(...four.map((o) => o.ms))} ms, “${fourRefused.find((r) => r.message)?.message ?? ''}”`);

    for (const bomb of bombs) {
      const o = await upload(t.base, bomb.file, cookie);
      const r = refusedWithMessage(o);
      const label = bomb.lie ? 'zip bomb (lying sizes)' : 'zip bomb';
      if (!r.ok) problems.push(`${label} was answered ${describe(o)} without a refusal`);
      notes.push(`${label}: ${describe(o)} in ${o.ms} ms “${r.message ?? ''}”`);
    }
    return { problems, notes };
  },
};
