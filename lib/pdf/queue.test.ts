import { describe, expect, it } from 'vitest';
import { admissionRefusal, afterLeaseExpiry, claimableKinds, mayUseBrowser, progressText, RENDER_LIMITS } from './queue';

describe('render queue decisions', () => {
  it('refuses a third export of one user, then a ninth queued export machine-wide, naming the limit', () => {
    expect(admissionRefusal('export', { userOutstanding: 1, queued: 7 })).toBeNull();
    expect(admissionRefusal('export', { userOutstanding: 2, queued: 0 })).toMatchObject({ code: 'userLimit', message: '您已有 2 个 PDF 正在生成，请等待完成' });
    expect(admissionRefusal('export', { userOutstanding: 0, queued: 8 })).toMatchObject({ code: 'queueFull', message: '导出排队已满，请稍后再试' });
    expect(admissionRefusal('export', { userOutstanding: 0, queued: 8 })!.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('never refuses a publication or a bulk export, however long the queue', () => {
    for (const kind of ['publication', 'bulk'] as const) expect(admissionRefusal(kind, { userOutstanding: 99, queued: 99 })).toBeNull();
  });

  it('starts at most two pages, exports on at most one of them', () => {
    expect(claimableKinds({ total: 0, exports: 0 })).toEqual(['publication', 'bulk', 'export']);
    expect(claimableKinds({ total: 1, exports: 1 })).toEqual(['publication', 'bulk']);
    expect(claimableKinds({ total: 1, exports: 0 })).toEqual(['publication', 'bulk', 'export']);
    expect(claimableKinds({ total: 2, exports: 0 })).toEqual([]);
    expect(claimableKinds({ total: 2, exports: 1 })).toEqual([]);
  });

  it('lets a process open a browser only while fewer than two others hold one', () => {
    expect(mayUseBrowser(false, 1)).toBe(true);
    expect(mayUseBrowser(false, 2)).toBe(false);
    expect(mayUseBrowser(true, 2)).toBe(true);
  });

  it('queues a job whose process died once more, then fails it', () => {
    expect(afterLeaseExpiry(1)).toBe('requeue');
    expect(afterLeaseExpiry(RENDER_LIMITS.maxAttempts)).toBe('fail');
  });

  it('tells the waiting user where the job is', () => {
    expect(progressText({ status: 'queued', ahead: 3, error: null })).toBe('排队中（前面还有 3 个）');
    expect(progressText({ status: 'running', ahead: 0, error: null })).toBe('正在生成…');
    expect(progressText({ status: 'failed', ahead: 0, error: 'PDF 生成超时（超过 90 秒），请稍后重试' })).toBe('PDF 生成超时（超过 90 秒），请稍后重试');
  });
});
