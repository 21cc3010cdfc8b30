/**
 * Replaying server actions the way the browser calls them. The action ids are read from what the server sends a
 * browser: the sign-in form's progressive-enhancement fields (`$ACTION_1:0` = {"id":…}, or `$ACTION_ID_<id>`),
 * and for actions a page passes to a client component (the lines grid's `actions={{ addMany: addLinesAction, … }}`)
 * the page's RSC payload, where each is `"$h<row>"` and the row is `{"id":"<action id>","bound":null}`.
 * A call is a POST to the page with `Next-Action: <id>`: plain arguments as the JSON array React's `encodeReply`
 * writes; a FormData argument as multipart fields `_1_<name>` followed by the root `0` = `[…,"$K1"]`.
 */
import { send, text, type Outcome } from './http';

const HEX_ID = /^[0-9a-f]{40,}$/;

/** The sign-in action's id, scraped from the /login page. */
export async function signInActionId(base: string): Promise<string> {
  const page = text(await send(base, '/login', { keepBytes: 1024 * 1024 }));
  const ref = /name="\$ACTION_1:0" value="([^"]+)"/.exec(page);
  if (ref) {
    const { id } = JSON.parse(ref[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as { id?: string };
    if (id && HEX_ID.test(id)) return id;
  }
  const plain = /name="\$ACTION_ID_([0-9a-f]{40,})"/.exec(page);
  if (plain) return plain[1];
  throw new Error('the /login page carries no server action id ($ACTION_1:0 or $ACTION_ID_…)');
}

/** The ids of the actions a page hands its client components, by prop name (`addMany`, `update`, …). */
export async function pageActionIds(base: string, path: string, cookie: string): Promise<Record<string, string>> {
  const get = (p: string) => send(base, p, { headers: { cookie, rsc: '1' }, keepBytes: 8 * 1024 * 1024 });
  let o = await get(path);
  // Next answers an RSC request without its cache-busting `_rsc` query with a redirect to the URL that has it
  if ((o.status === 307 || o.status === 308) && typeof o.headers.location === 'string') o = await get(o.headers.location);
  if (o.status !== 200) throw new Error(`GET ${path} (RSC) answered ${o.status}`);
  const payload = text(o);
  const rows = new Map<string, string>();
  for (const m of payload.matchAll(/(?:^|\n)([0-9a-f]+):\{"id":"([0-9a-f]{40,})","bound":null\}/g)) rows.set(m[1], m[2]);
  const ids: Record<string, string> = {};
  for (const m of payload.matchAll(/"([A-Za-z]+)":"\$h([0-9a-f]+)"/g)) {
    const id = rows.get(m[2]);
    if (id) ids[m[1]] = id;
  }
  return ids;
}

/** Calls an action with JSON arguments (what `addMany({ budgetId, rows })` sends). */
export function callAction(
  base: string,
  path: string,
  actionId: string,
  args: unknown[] | string,
  opts: { cookie?: string; origin?: string; timeoutMs?: number; chunked?: boolean } = {},
): Promise<Outcome> {
  return send(base, path, {
    method: 'POST',
    body: typeof args === 'string' ? args : JSON.stringify(args),
    chunked: opts.chunked,
    timeoutMs: opts.timeoutMs,
    headers: {
      'next-action': actionId,
      accept: 'text/x-component',
      'content-type': 'text/plain;charset=UTF-8',
      origin: opts.origin ?? base,
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
    },
  });
}

/** Calls a `useActionState` form action: (previous state, FormData of `fields`). */
export function callFormAction(
  base: string,
  path: string,
  actionId: string,
  fields: Record<string, string>,
  opts: { cookie?: string; origin?: string; headers?: Record<string, string> } = {},
): Promise<Outcome> {
  const boundary = '----attack' + Math.random().toString(16).slice(2);
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body =
    Object.entries(fields)
      .map(([k, v]) => part(`_1_${k}`, v))
      .join('') +
    part('0', JSON.stringify([{}, '$K1'])) +
    `--${boundary}--\r\n`;
  return send(base, path, {
    method: 'POST',
    body,
    headers: {
      'next-action': actionId,
      accept: 'text/x-component',
      'content-type': `multipart/form-data; boundary=${boundary}`,
      origin: opts.origin ?? base,
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...opts.headers,
    },
  });
}

/** The value an action returned: row 1 of the RSC answer (`1:{…}`), or null (an error row `1:E{…}`, HTML, …). */
export function actionResult<T = Record<string, unknown>>(o: Outcome): T | null {
  const m = /(?:^|\n)1:(\{.*)/.exec(text(o));
  if (!m) return null;
  try {
    return JSON.parse(m[1]) as T;
  } catch {
    return null;
  }
}

/** Whether the action answered `{ ok: true, … }` — read from the answer's start, so a long answer need not be kept. */
export function actionOk(o: Outcome): boolean | null {
  const m = /(?:^|\n)1:\{"ok":(true|false)/.exec(text(o));
  return m ? m[1] === 'true' : null;
}
