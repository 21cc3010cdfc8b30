/**
 * Finding a Chromium without downloading one: CHROMIUM_PATH, then the system's, then the one shipped inside the
 * @sparticuz/chromium npm package (unpacked to /tmp on first use).
 */
import fs from 'node:fs';
import { chromiumPath } from '../env';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags for a headless Chromium on a closed network, as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--font-render-hinting=none',
];

export class ChromiumNotFoundError extends Error {
  constructor(detail: string) {
    super(`未找到可用的 Chromium 浏览器，无法生成 PDF。请设置环境变量 CHROMIUM_PATH 或安装 chromium。（${detail}）`);
    this.name = 'ChromiumNotFoundError';
  }
}

export async function resolveChromium(): Promise<string> {
  const fromEnv = chromiumPath();
  if (fromEnv) {
    if (fs.existsSync(/*turbopackIgnore: true*/ fromEnv)) return fromEnv;
    throw new ChromiumNotFoundError(`CHROMIUM_PATH=${fromEnv} 不存在`);
  }
  for (const p of SYSTEM_CANDIDATES) if (fs.existsSync(/*turbopackIgnore: true*/ p)) return p;
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    return await packaged.executablePath();
  } catch (e) {
    throw new ChromiumNotFoundError(e instanceof Error ? e.message : String(e));
  }
}
