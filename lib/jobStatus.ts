/**
 * The states of a background job (a PDF render, a bulk export): one list for the stores that keep them and the
 * pages that follow them (this module is pure, so client components import it too).
 */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export const JOB_STATUS_LABEL: Record<JobStatus, string> = { queued: '排队中', running: '进行中', done: '已完成', failed: '失败' };

/** Still to finish: worth following. */
export const isJobActive = (s: JobStatus): boolean => s === 'queued' || s === 'running';
