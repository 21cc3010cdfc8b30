/**
 * The request guard: what the production server (scripts/server.ts) decides about a request from its method, path
 * and headers alone, before a single body byte is read and before Next.js sees it. Next decodes a server action's
 * body (up to `serverActions.bodySizeLimit`) before any of our code runs, so a few anonymous POSTs of a deeply nested
 * 6 MiB JSON array to /login used to exhaust the worker's 256 MiB heap. Here every body is limited by the class of
 * its route, from `Content-Length` (Node's parser never delivers more than it declares):
 *
 * - **public** — /login, /api/auth/*, /public/…, and every request without a session that decodes: 8 KiB;
 * - **edit** — every other POST/PUT/PATCH/DELETE of a signed-in user, server actions on the budget pages included;
 * - **text** — the edits of the long-text pages (a budget's texts, a performance form, the region's texts);
 * - **upload** — the lines import, /review/check/upload, and the server actions of /admin/codes and /admin/control-figures, for a
 *   signed-in user only: 6 MiB, and at most UPLOAD_CONCURRENCY of them at once per worker.
 *
 * Also the Origin check for anything but GET/HEAD, and the client address the app may rely on (`x-client-address`).
 */
import type { IncomingHttpHeaders } from 'node:http';

const KIB = 1024;
const MIB = 1024 * KIB;

type RouteClass = 'read' | 'public' | 'edit' | 'text' | 'upload';

/**
 * Bytes of body per route class. The largest legitimate bodies, built from the domain's own limits with 3-byte (CJK)
 * characters (requestGuard.test.ts rebuilds them and fails if the margin drops under 2×):
 * - `edit`: a paste of at most 48 KiB (MAX_PASTE_BYTES, lib/budget/edit/paste.ts); a line, project, item, income
 *   or workflow edit is a few hundred bytes. 128 KiB leaves 2.4× over the paste;
 * - `text`: /admin/texts, the glossary: 50 entries × (40 + 2,000 characters) ≈ 307 KB (the purchase catalogue,
 *   100,000 characters, 300 KB); a budget's texts section: 8 texts × 5,000 characters, sent as loaded and as typed
 *   ≈ 240 KB; a performance form: 7 texts × 2,000 characters and 2 × 60 indicators ≈ 109 KB. 1 MiB leaves 3.4×.
 * `read` requests carry no body.
 */
export const BODY_LIMITS: Record<RouteClass, number> = {
  read: 8 * KIB,
  public: 8 * KIB,
  edit: 128 * KIB,
  text: 1 * MIB,
  upload: 6 * MIB,
};

/** Concurrent upload-class requests per worker: each parses a workbook of up to 5 MB in memory. */
export const UPLOAD_CONCURRENCY = 2;
/** Seconds a client refused for lack of an upload slot is told to wait. */
const UPLOAD_RETRY_AFTER_S = 5;

/** next-auth's session cookie names (plain HTTP and HTTPS); each is also the JWE key-derivation salt. */
const SESSION_COOKIE_NAMES = ['authjs.session-token', '__Secure-authjs.session-token'] as const;

interface GuardRequest {
  method: string;
  /** The request target as received (`/budgets/1/lines?x=1`). */
  url: string;
  headers: IncomingHttpHeaders;
}

interface GuardOptions {
  trustProxy: boolean;
  /** Whether a session cookie's value decrypts with the server's secret (the cookie name is the salt). */
  sessionDecodes(token: string, cookieName: string): Promise<boolean>;
}

export type GuardDecision =
  | { ok: true; routeClass: RouteClass; bodyLength: number }
  | { ok: false; status: 400 | 403 | 411 | 413; message: string };

export interface Refusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

/** `8 KB`, `1 MB`, `6 MB`: how a limit reads in a message. */
function formatLimit(bytes: number): string {
  return bytes >= MIB ? `${+(bytes / MIB).toFixed(1)} MB` : `${+(bytes / KIB).toFixed(1)} KB`;
}

/** Paths that are public whatever the session: sign-in, next-auth's endpoints, the public disclosure. */
function isPublicPath(path: string): boolean {
  return path === '/login' || path.startsWith('/login/') || path.startsWith('/api/auth/') || path === '/api/auth' || path === '/public' || path.startsWith('/public/');
}

/** The upload routes: the lines import, a disclosure to check, and the server actions of the code-book and control-figure imports. */
function isUploadPath(path: string, serverAction: boolean): boolean {
  if (/^\/budgets\/\d{1,9}\/lines\/import\/upload$/.test(path)) return true;
  if (path === '/review/check/upload') return true;
  return serverAction && (path === '/admin/codes' || path === '/admin/control-figures');
}

/** The pages whose edits carry long texts: a budget's texts (facts), a performance form, the region's texts. */
function isTextPath(path: string): boolean {
  return /^\/budgets\/\d{1,9}\/facts$/.test(path) || /^\/budgets\/\d{1,9}\/projects\/\d{1,9}\/form$/.test(path) || path === '/admin/texts';
}

/** The session cookie(s) of the request, chunks joined as next-auth writes them (`name.0`, `name.1`, …). */
export function sessionTokens(cookieHeader: string | undefined): { name: string; token: string }[] {
  if (!cookieHeader) return [];
  const jar = new Map<string, string>();
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!jar.has(name)) jar.set(name, part.slice(eq + 1).trim());
  }
  const out: { name: string; token: string }[] = [];
  for (const name of SESSION_COOKIE_NAMES) {
    let token = jar.get(name);
    if (token === undefined) {
      const chunks: string[] = [];
      for (let i = 0; jar.has(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`)!);
      if (chunks.length) token = chunks.join('');
    }
    // a JWE in compact form: five base64url parts (anything else cannot decode, so is not worth the work)
    if (token && token.length < 16 * KIB && /^[\w-]*(\.[\w-]*){4}$/.test(token)) out.push({ name, token });
  }
  return out;
}

async function hasSession(headers: IncomingHttpHeaders, options: GuardOptions): Promise<boolean> {
  for (const { name, token } of sessionTokens(header(headers, 'cookie'))) {
    if (await options.sessionDecodes(token, name)) return true;
  }
  return false;
}

/** The host the client addressed: `Host`, or (behind a trusted proxy) the first `X-Forwarded-Host`. */
function requestHost(headers: IncomingHttpHeaders, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? header(headers, 'x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  return forwarded || header(headers, 'host');
}

/** The Origin check of a state-changing request; null when it passes, else the reason. */
function originProblem(req: GuardRequest, trustProxy: boolean): string | null {
  const origin = header(req.headers, 'origin');
  const serverAction = header(req.headers, 'next-action') !== undefined;
  if (origin === undefined) {
    // a route handler has no check of its own: only a same-origin fetch may omit Origin (browsers send it on POST)
    if (serverAction || header(req.headers, 'sec-fetch-site') === 'same-origin') return null;
    return '请求来源无法确认（缺少 Origin），已拒绝';
  }
  const host = requestHost(req.headers, trustProxy);
  try {
    const o = new URL(origin);
    if ((o.protocol === 'http:' || o.protocol === 'https:') && host && o.host === new URL(`${o.protocol}//${host}`).host.toLowerCase()) return null;
  } catch {
    /* "null" or garbage: refused below */
  }
  return '请求来源与本站不符，已拒绝';
}

/**
 * Decides on a request from its method, path and headers. The session cookie is decrypted only when it matters:
 * for an upload route, or a body larger than the public limit.
 */
export async function guardRequest(req: GuardRequest, options: GuardOptions): Promise<GuardDecision> {
  const method = req.method.toUpperCase();
  const path = req.url.split('?')[0].split('#')[0];
  if (header(req.headers, 'transfer-encoding') !== undefined) {
    return { ok: false, status: 411, message: '请求须注明内容长度（Content-Length），不接受分块传输' };
  }
  const lengthHeader = header(req.headers, 'content-length');
  if (lengthHeader !== undefined && !/^\d{1,15}$/.test(lengthHeader.trim())) return { ok: false, status: 400, message: '请求的内容长度无效' };
  const bodyLength = lengthHeader === undefined ? 0 : Number(lengthHeader.trim());

  if (READ_METHODS.has(method)) return limited('read', bodyLength, false);

  const origin = originProblem(req, options.trustProxy);
  if (origin) return { ok: false, status: 403, message: origin };

  if (isPublicPath(path)) return limited('public', bodyLength, false);
  const upload = isUploadPath(path, header(req.headers, 'next-action') !== undefined);
  if (!upload && bodyLength <= BODY_LIMITS.public) return { ok: true, routeClass: isTextPath(path) ? 'text' : 'edit', bodyLength };
  const signedIn = await hasSession(req.headers, options);
  if (!signedIn) return limited('public', bodyLength, sessionTokens(header(req.headers, 'cookie')).length > 0);
  return limited(upload ? 'upload' : isTextPath(path) ? 'text' : 'edit', bodyLength, false);
}

function limited(routeClass: RouteClass, bodyLength: number, staleSession: boolean): GuardDecision {
  const limit = BODY_LIMITS[routeClass];
  if (bodyLength <= limit) return { ok: true, routeClass, bodyLength };
  const message = staleSession
    ? `请求内容过大（未登录或登录已过期时上限 ${formatLimit(limit)}），请重新登录后重试`
    : `请求内容过大（上限 ${formatLimit(limit)}）`;
  return { ok: false, status: 413, message };
}

/** The refusal when a worker already handles UPLOAD_CONCURRENCY uploads. */
export function uploadsBusy(): Refusal {
  return {
    status: 503,
    message: `服务器正在处理其他上传（每个进程最多同时 ${UPLOAD_CONCURRENCY} 个），请 ${UPLOAD_RETRY_AFTER_S} 秒后重试`,
    headers: { 'Retry-After': String(UPLOAD_RETRY_AFTER_S) },
  };
}

/** Counts the upload-class requests a worker is handling. */
export class UploadSlots {
  private inUse = 0;
  constructor(readonly capacity = UPLOAD_CONCURRENCY) {}
  /** Takes a slot; the returned release is idempotent. Null when all are taken. */
  acquire(): (() => void) | null {
    if (this.inUse >= this.capacity) return null;
    this.inUse++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse--;
    };
  }
  get busy(): number {
    return this.inUse;
  }
}

// ── client address ──────────────────────────────────────────────────────────────────────────────────────────

const CLIENT_ADDRESS_HEADER = 'x-client-address';

/**
 * The client's address: the socket's peer, or, only behind a trusted proxy (TRUST_PROXY=1), the last
 * `X-Forwarded-For` entry — the one the nearest proxy appended; earlier entries are whatever the client wrote.
 */
export function clientAddress(headers: IncomingHttpHeaders, remoteAddress: string | undefined, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? (header(headers, 'x-forwarded-for') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .at(-1)
    : undefined;
  const address = forwarded ?? remoteAddress ?? '';
  // one spelling per IPv4 client, whether the socket is IPv4 or dual-stack
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').slice(0, 64);
}

/**
 * Replaces whatever `x-client-address` the client sent (in `headers` and in `rawHeaders`, which Next.js may read
 * too) with the address the server determined.
 */
export function applyClientAddress(req: { headers: IncomingHttpHeaders; rawHeaders: string[] }, address: string): void {
  const raw: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() !== CLIENT_ADDRESS_HEADER) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  raw.push(CLIENT_ADDRESS_HEADER, address);
  req.rawHeaders.length = 0;
  req.rawHeaders.push(...raw);
  req.headers[CLIENT_ADDRESS_HEADER] = address;
}
