/**
 * The render queue's rules, as pure decisions (the store, lib/pdf/renderJobs.ts, applies them inside one immediate
 * transaction). Chromium pages are the scarce resource: one page of the 48-page disclosure takes a core for
 * seconds and some 100 MB, so the whole machine renders at most two at a time, whatever the number of server
 * processes. Clerks' and reviewers' exports may hold only one of the two, so a publication or a bulk export always
 * finds a page free within one export's time; exports are bounded per user and in total, publications and bulk
 * exports are never refused (they are few, and an administrator waits for them).
 */

export type RenderKind = 'export' | 'publication' | 'bulk';
import type { JobStatus } from '../jobStatus';

export type RenderStatus = JobStatus;

export const RENDER_LIMITS = {
  /** Pages rendering at once, machine-wide. */
  pages: 2,
  /** Of those, at most this many for exports. */
  exportPages: 1,
  /** Exports one user may have queued or running. */
  exportsPerUser: 2,
  /** Exports waiting machine-wide. */
  queuedExports: 8,
  /** One page's rendering, from navigation to the last PDF byte. */
  pageTimeoutMs: 90_000,
  /** A claim holds this long unless its process renews it (every `heartbeatMs`): a dead process's job is freed. */
  leaseMs: 30_000,
  heartbeatMs: 10_000,
  /** Claims of one job: a job whose process died is queued again once, then failed. */
  maxAttempts: 2,
  /** A finished export's PDF is kept this long for its download. */
  resultTtlMs: 10 * 60_000,
  /** A process closes its browser after this long without a page. */
  browserIdleMs: 60_000,
  /** Browsers open machine-wide (each process has at most one). */
  browsers: 2,
} as const;

export type RenderLimits = { readonly [K in keyof typeof RENDER_LIMITS]: number };

/** Claim order: publication first, then bulk export, then exports; by age within a kind. */
export const RENDER_PRIORITY: Record<RenderKind, number> = { publication: 0, bulk: 1, export: 2 };

export const RENDER_MESSAGES = {
  queueFull: '导出排队已满，请稍后再试',
  userLimit: (n: number) => `您已有 ${n} 个 PDF 正在生成，请等待完成`,
  timeout: (ms: number) => `PDF 生成超时（超过 ${Math.round(ms / 1000)} 秒），请稍后重试`,
  interrupted: '生成 PDF 的服务进程中断，重试后仍未完成，请重新导出',
  changed: '发布期间内容发生变化，请重新发布',
  failed: 'PDF 生成失败，请稍后重试',
  waitTimeout: (ms: number) => `等待 PDF 生成超过 ${Math.round(ms / 60_000)} 分钟，未完成，请稍后重试`,
} as const;

interface ExportLoad {
  /** The requesting user's exports that are queued or running. */
  userOutstanding: number;
  /** Exports queued machine-wide (not yet running). */
  queued: number;
}

export interface Refusal {
  code: 'userLimit' | 'queueFull';
  message: string;
  /** Seconds after which trying again is sensible (the Retry-After header). */
  retryAfterSeconds: number;
}

/** Why a new job of `kind` is refused, or null when it may be queued. Only exports are ever refused. */
export function admissionRefusal(kind: RenderKind, load: ExportLoad, limits: RenderLimits = RENDER_LIMITS): Refusal | null {
  if (kind !== 'export') return null;
  // roughly one export's rendering time: by then one of the user's (or the queue's) jobs has moved on
  const retryAfterSeconds = 30;
  if (load.userOutstanding >= limits.exportsPerUser) return { code: 'userLimit', message: RENDER_MESSAGES.userLimit(limits.exportsPerUser), retryAfterSeconds };
  if (load.queued >= limits.queuedExports) return { code: 'queueFull', message: RENDER_MESSAGES.queueFull, retryAfterSeconds };
  return null;
}

interface RunningLoad {
  /** Jobs running machine-wide (any kind). */
  total: number;
  /** Of those, exports. */
  exports: number;
}

/** The kinds of job that may start now, given what runs machine-wide. */
export function claimableKinds(running: RunningLoad, limits: RenderLimits = RENDER_LIMITS): RenderKind[] {
  if (running.total >= limits.pages) return [];
  return running.exports >= limits.exportPages ? ['publication', 'bulk'] : ['publication', 'bulk', 'export'];
}

/**
 * A process without a browser may open one only while fewer than `browsers` other processes hold one; a process
 * that holds one may always use it.
 */
export function mayUseBrowser(holdsBrowser: boolean, otherBrowsers: number, limits: RenderLimits = RENDER_LIMITS): boolean {
  return holdsBrowser || otherBrowsers < limits.browsers;
}

/** What happens to a running job whose lease expired (its process died or hung): queued again once, then failed. */
export function afterLeaseExpiry(attempts: number, limits: RenderLimits = RENDER_LIMITS): 'requeue' | 'fail' {
  return attempts < limits.maxAttempts ? 'requeue' : 'fail';
}

export interface JobProgress {
  status: RenderStatus;
  /** Queued jobs that will be claimed before this one. */
  ahead: number;
  error: string | null;
}

/** The waiting user's line: `排队中（前面还有 N 个）`, `正在生成…`, done or the failure. */
export function progressText(p: JobProgress): string {
  switch (p.status) {
    case 'queued':
      return `排队中（前面还有 ${p.ahead} 个）`;
    case 'running':
      return '正在生成…';
    case 'done':
      return 'PDF 已生成';
    case 'failed':
      return p.error ?? RENDER_MESSAGES.failed;
  }
}
