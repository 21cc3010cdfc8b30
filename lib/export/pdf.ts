/**
 * PDF rendering: a print page of this server opened by Chromium (fonts embedded by the browser). Only the render
 * queue's worker (lib/pdf/worker.ts) calls it, so the number of pages is bounded machine-wide by the queue.
 *
 * One browser per process, launched on first use and closed after `idleMs` without a page (the queue's browser
 * row, lib/pdf/renderJobs.ts, tells the other processes it is open). Each render uses its own context, whose
 * extra HTTP headers carry the render token: it never appears in a URL, so no log or error message holds it.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, ChromiumNotFoundError, resolveChromium } from '../pdf/chromium';
import { destinationPages } from '../pdf/destinations';
import { fillTocPages, PAGE_BOXES, splitTables } from '../pdf/paginate';

/** Printings of one document at most: the first, the one with the 目录's pages, one more if those moved. */
const MAX_PASSES = 3;

let browserPromise: Promise<Browser> | null = null;
let openPages = 0;
let idleTimer: ReturnType<typeof setTimeout> | null = null;
const closedListeners = new Set<() => void>();

async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const executablePath = await resolveChromium();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  browser.on('disconnected', () => {
    browserPromise = null;
    for (const l of closedListeners) l();
  });
  return browser;
}

function getBrowser(): Promise<Browser> {
  browserPromise ??= launch().catch((e) => {
    browserPromise = null;
    throw e;
  });
  return browserPromise;
}

export { ChromiumNotFoundError };

/** The page took longer than its limit; its context was closed. */
export class PageTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`page rendering exceeded ${timeoutMs} ms`);
    this.name = 'PageTimeoutError';
  }
}

/** The print page answered something other than 200 (e.g. 409: the content is not the frozen document). */
export class PrintPageError extends Error {
  constructor(readonly status: number) {
    super(`print page answered ${status}`);
    this.name = 'PrintPageError';
  }
}

interface RenderOptions {
  /** Request headers for every request of the page (the render token). */
  headers?: Record<string, string>;
  /** The whole rendering, navigation to last byte. */
  timeoutMs?: number;
  /** Close the browser after this long without a page. */
  idleMs?: number;
}

/** Renders `url` (a print page of this server) to an A4 PDF. */
export async function renderPdf(url: string, opts: RenderOptions = {}): Promise<Buffer> {
  const timeoutMs = opts.timeoutMs ?? 90_000;
  const idleMs = opts.idleMs ?? 60_000;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  openPages += 1;
  let context: BrowserContext | null = null;
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    void context?.close().catch(() => undefined);
  }, timeoutMs);
  try {
    const browser = await getBrowser();
    context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', extraHTTPHeaders: opts.headers });
    if (timedOut) throw new PageTimeoutError(timeoutMs);
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'networkidle', timeout: timeoutMs });
    if (!response || !response.ok()) throw new PrintPageError(response?.status() ?? 0);
    await page.evaluate(() => document.fonts.ready);
    // lay the tables out in pages (（续） parts), measured in the print layout — in the print face, whose files the
    // screen did not need: lay out once so they load, and wait for them
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => {
      void document.body.offsetHeight;
      return document.fonts.ready;
    });
    await page.evaluate(splitTables, PAGE_BOXES);
    // the first printing only tells where the headings land (no structure tree, no bookmarks: faster)
    const print = (final: boolean) =>
      page.pdf({
        format: 'A4',
        // an accessible document: the structure tree (and with it /Lang from <html lang>) and bookmarks from the
        // headings; its /Title is the print page's <title>, the document's own name
        tagged: final,
        outline: final,
        printBackground: true,
        // size, margins and the page numbers (第 N 页 共 M 页, a margin box) come from the page's @page rules
        preferCSSPageSize: true,
      });
    // two passes (three at most): print, read where each heading landed, write the pages into the 目录, print
    // again — until the 目录 states the pages of the document it is printed in
    let pdf = await print(false);
    for (let pass = 1; pass < MAX_PASSES && (await page.evaluate(fillTocPages, await destinationPages(pdf))); pass++) {
      pdf = await print(true);
    }
    return Buffer.from(pdf);
  } catch (e) {
    if (timedOut) throw new PageTimeoutError(timeoutMs);
    throw e;
  } finally {
    clearTimeout(deadline);
    await context?.close().catch(() => undefined);
    openPages -= 1;
    if (openPages === 0) {
      idleTimer = setTimeout(() => void closePdfBrowser(), idleMs);
      idleTimer.unref();
    }
  }
}

/** Called whenever this process's browser closes (idle, crash or shutdown). */
export function onPdfBrowserClosed(listener: () => void): () => void {
  closedListeners.add(listener);
  return () => closedListeners.delete(listener);
}

async function closePdfBrowser(): Promise<void> {
  const p = browserPromise;
  browserPromise = null;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (p) await (await p.catch(() => null))?.close().catch(() => undefined);
  for (const l of closedListeners) l();
}
