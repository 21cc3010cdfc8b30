/**
 * PDF export: the print page rendered by Chromium (fonts embedded by the browser). One browser is kept warm
 * and shared; each export uses its own context.
 */
import type { Browser } from 'playwright-core';
import { CHROMIUM_ARGS, ChromiumNotFoundError, resolveChromium } from '../pdf/chromium';

let browserPromise: Promise<Browser> | null = null;

async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const executablePath = await resolveChromium();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  browser.on('disconnected', () => {
    browserPromise = null;
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

/** Renders `url` (a print page of this server) to an A4 PDF. */
export async function renderPdf(url: string, opts: { timeoutMs?: number } = {}): Promise<Buffer> {
  const browser = await getBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'networkidle', timeout: opts.timeoutMs ?? 60_000 });
    if (!response || !response.ok()) throw new Error(`print page answered ${response?.status() ?? 'nothing'}`);
    await page.evaluate(() => document.fonts.ready);
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="width:100%;font-size:9px;text-align:center;color:#555"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' },
    });
    return Buffer.from(pdf);
  } finally {
    await context.close();
  }
}

export async function closePdfBrowser(): Promise<void> {
  const p = browserPromise;
  browserPromise = null;
  if (p) await (await p).close().catch(() => undefined);
}
