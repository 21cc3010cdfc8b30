/**
 * One production server process (a worker of scripts/supervisor.ts, or alone): Next.js as a custom server behind
 * the request guard (lib/server/requestGuard.ts). The guard decides from method, path and headers before Next.js
 * reads a byte of the body; a refused request gets a short Chinese text and its connection is closed.
 *
 *   node --import tsx scripts/server.ts     (env: PORT, AUTH_SECRET, DATABASE_PATH, NEXT_DIST_DIR, TRUST_PROXY)
 *
 * Fatal errors are reported to the supervisor over IPC before the process exits, so its log says why a worker died.
 */
import http from 'node:http';
import path from 'node:path';
import v8 from 'node:v8';
import { authSecret, serverPort, trustProxy } from '../lib/env';
import {
  applyClientAddress,
  clientAddress,
  guardRequest,
  UploadSlots,
  uploadsBusy,
  type Refusal,
} from '../lib/server/requestGuard';
import { sessionDecoder } from '../lib/server/sessionCookie';

const ROOT = path.resolve(__dirname, '..');

/** What a worker tells the supervisor. */
export type WorkerReport =
  | { kind: 'fatal'; message: string }
  | { kind: 'heap'; message: string };

/** Slowloris: headers must arrive within 15 s, a whole request (a 6 MB upload on a slow line) within 2 min. */
export const HEADERS_TIMEOUT_MS = 15_000;
export const REQUEST_TIMEOUT_MS = 120_000;
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
export const MAX_HEADERS_COUNT = 100;
/** A graceful stop waits this long for requests in flight. */
const STOP_GRACE_MS = 10_000;

function report(msg: WorkerReport, then?: () => void): void {
  if (process.send && process.connected) {
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        then?.();
      }
    };
    process.send(msg, undefined, {}, finish);
    setTimeout(finish, 500).unref();
  } else then?.();
}

/**
 * How long a refused connection stays half-open. Closing it at once, with the client's unread body still arriving,
 * makes the kernel answer with a reset, which discards the refusal before the client reads it; so the server
 * sends its answer and FIN, discards what still arrives (nothing is parsed or kept), and destroys the socket after
 * this long if the client keeps sending.
 */
const REFUSAL_LINGER_MS = 1_000;

function refuse(req: http.IncomingMessage, res: http.ServerResponse, r: Refusal): void {
  const body = r.message + '\n';
  const socket = req.socket;
  // Node closes a `Connection: close` socket with destroySoon() once the response is out: linger instead
  socket.destroySoon = () => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };
  res.shouldKeepAlive = false;
  res.writeHead(r.status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
    ...r.headers,
  });
  res.end(body);
}

/** Near the heap cap V8 aborts without running any JavaScript: say so while it still can. */
function watchHeap(): void {
  let warned = false;
  setInterval(() => {
    const h = v8.getHeapStatistics();
    const share = h.used_heap_size / h.heap_size_limit;
    if (share > 0.85 && !warned) {
      warned = true;
      const mib = (n: number) => Math.round(n / 2 ** 20);
      report({ kind: 'heap', message: `堆内存已用 ${mib(h.used_heap_size)} MiB，上限 ${mib(h.heap_size_limit)} MiB` });
    } else if (share < 0.7) warned = false;
  }, 500).unref();
}

export async function startWorker(): Promise<http.Server> {
  Object.assign(process.env, { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });
  // lib/env.ts parses the environment at its first call, here, after NODE_ENV is set: without AUTH_SECRET this
  // throws (the session secret is required in production), an invalid PORT or TRUST_PROXY is named
  const secret = authSecret();
  // the PDF renderer in this process (lib/pdf/worker.ts) opens the print pages on the same serverPort()
  const port = serverPort();
  const trust = trustProxy();

  const { default: next } = await import('next');
  const app = next({ dev: false, dir: ROOT, hostname: 'localhost', port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Next starts loading every route's modules at start without waiting for it (next-server.js,
  // preloadEntriesOnStart): wait (1–2 s here), so a worker forked to replace a dead one joins the port with its
  // modules loaded instead of loading them under its first requests. Next's own method, used when it exists.
  type Preloading = { unstable_preloadEntries?: () => Promise<void> };
  const inner = await (app as unknown as { server?: { getServer?: () => Promise<Preloading> } }).server?.getServer?.();
  await inner?.unstable_preloadEntries?.();

  const options = { trustProxy: trust, sessionDecodes: sessionDecoder(secret) };
  const uploads = new UploadSlots();
  // Node checks header and request timeouts only every `connectionsCheckingInterval` (30 s by default): check every
  // second, so a slowloris client is dropped after HEADERS_TIMEOUT_MS, not up to 30 s later
  const server = http.createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    guardRequest({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }, options)
      .then((d) => {
        if (!d.ok) return refuse(req, res, d);
        let release: (() => void) | null = null;
        if (d.routeClass === 'upload') {
          release = uploads.acquire();
          if (!release) return refuse(req, res, uploadsBusy());
          res.once('close', release);
        }
        applyClientAddress(req, clientAddress(req.headers, req.socket.remoteAddress, trust));
        return handle(req, res);
      })
      .catch((e: unknown) => {
        console.error('[server] request failed:', e);
        if (!res.headersSent) refuse(req, res, { status: 500, message: '服务器内部错误' });
        else res.destroy();
      });
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.maxHeadersCount = MAX_HEADERS_COUNT;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return server;
}

function stopGracefully(server: http.Server): void {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, STOP_GRACE_MS).unref();
}

if (require.main === module) {
  process.on('uncaughtException', (err, origin) => {
    const message = `${origin === 'unhandledRejection' ? '未处理的 Promise 拒绝' : '未捕获的异常'}：${err?.stack ?? String(err)}`;
    console.error(`[server] ${message}`);
    report({ kind: 'fatal', message: message.split('\n').slice(0, 3).join(' | ') }, () => process.exit(1));
  });
  // without the supervisor's connection this worker gets no connections (the primary accepts them): end with it
  process.on('disconnect', () => process.exit(0));
  watchHeap();
  startWorker()
    .then((server) => {
      for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stopGracefully(server));
      if (!process.send) console.log(`[server] 服务地址：http://localhost:${serverPort()}`);
    })
    .catch((e: unknown) => {
      const message = `启动失败：${e instanceof Error ? e.message : String(e)}`;
      console.error(`[server] ${message}`);
      report({ kind: 'fatal', message }, () => process.exit(1));
    });
}
