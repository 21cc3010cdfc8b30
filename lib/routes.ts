/**
 * The one place that knows the app's addresses: every link to a budget's pages, to a finding's or a comment's place,
 * to the review desk, the history and the public pages is built here, so a moved page is changed once. Pure strings
 * with type-only imports (no React, no Next, no domain code), so client components can use it too.
 */
import type { FindingLocation } from './rules';
import type { Anchor } from './review/comments';

/** The pages of one budget (BudgetNav's tabs and the pages under them). */
export type BudgetTab = 'lines' | 'projects' | 'facts' | 'disclosure' | 'review' | 'history';

/** `/budgets/7`, or one of its tabs: `/budgets/7/lines`. */
export function budgetPath(budgetId: number, tab?: BudgetTab): string {
  return tab ? `/budgets/${budgetId}/${tab}` : `/budgets/${budgetId}`;
}

/**
 * One 基本支出 line. The lines page shows one page of lines, so the line is named in the query too: `?line=` lets the
 * server render the page that holds it (a fragment never reaches the server), and `#line-` scrolls to it.
 */
export function lineHref(budgetId: number, lineId: number | string): string {
  return `${budgetPath(budgetId, 'lines')}?line=${lineId}#line-${lineId}`;
}

export function projectHref(budgetId: number, projectId: number | string): string {
  return `${budgetPath(budgetId, 'projects')}/${projectId}`;
}

/** A project's 绩效目标表. */
export function formHref(budgetId: number, projectId: number | string): string {
  return `${projectHref(budgetId, projectId)}/form`;
}

/** The element id of table `no` in the rendered disclosure (lib/disclosure/document.ts's tableAnchor; a test keeps them equal). */
const tableAnchor = (no: number): string => `table-${no}`;

/** One of the thirteen tables in the disclosure preview. */
export function tableHref(budgetId: number, tableNo: number): string {
  return `${budgetPath(budgetId, 'disclosure')}#${tableAnchor(tableNo)}`;
}

/** A frozen version of a budget (submitted, approved or published), from its history page. */
export function snapshotHref(budgetId: number, snapshotId: number): string {
  return `${budgetPath(budgetId, 'history')}/${snapshotId}`;
}

/** Where a finding's location lives in the app. */
export function findingHref(budgetId: number, l: FindingLocation): string {
  switch (l.kind) {
    case 'line':
      return lineHref(budgetId, l.lineId);
    case 'project':
      return projectHref(budgetId, l.projectId);
    case 'projectItem':
      return `${projectHref(budgetId, l.projectId)}#item-${l.itemId}`;
    case 'form':
      return formHref(budgetId, l.projectId);
    case 'cell':
      return tableHref(budgetId, l.table);
    case 'income':
      return `${budgetPath(budgetId, 'facts')}#income-${l.source}`;
    case 'prior':
      return `${budgetPath(budgetId, 'facts')}#prior-${String(l.field).replace(/^threePublic\./, '')}`;
    case 'text':
      return `${budgetPath(budgetId, 'facts')}#text-${l.field}`;
    case 'asset':
      return `${budgetPath(budgetId, 'facts')}#asset-${encodeURIComponent(l.field)}`;
    case 'budget':
      return budgetPath(budgetId);
  }
}

/** Where a review comment's anchor lives (the entry pages, or the disclosure preview for a table row). */
export function anchorHref(budgetId: number, a: Anchor): string {
  switch (a.kind) {
    case 'budget':
      return budgetPath(budgetId);
    case 'table':
      return tableHref(budgetId, Number(a.key.split(':')[0]));
    case 'line':
      return lineHref(budgetId, a.key);
    case 'project':
      return projectHref(budgetId, a.key);
    case 'indicator':
      return formHref(budgetId, a.key.split(':')[0]);
  }
}

/** The reviewers' desk (every department of the current year). */
export const REVIEW_DESK_PATH = '/review';
/** Checking disclosures made elsewhere (uploaded PDFs and workbooks): the page, one file's result, the upload, the queue's state. */
export const REVIEW_CHECK_PATH = '/review/check';
export const checkJobPath = (jobId: number): string => `${REVIEW_CHECK_PATH}/${jobId}`;
export const CHECK_UPLOAD_PATH = `${REVIEW_CHECK_PATH}/upload`;
export const checkStatusPath = (jobIds: readonly number[]): string => `${REVIEW_CHECK_PATH}/status?ids=${jobIds.join(',')}`;
/** Publication and bulk export, for administrators. */
export const ADMIN_PUBLISH_PATH = '/admin/publish';
/** A bulk export job's state (polled by the page) and its zip. */
export const exportJobPath = (jobId: number): string => `${ADMIN_PUBLISH_PATH}/jobs/${jobId}`;
export const exportJobDownloadPath = (jobId: number): string => `${exportJobPath(jobId)}/download`;

/** The public index (no sign-in), and one published disclosure. */
export const PUBLIC_PATH = '/public';
export const publicPath = (snapshotId: number): string => `${PUBLIC_PATH}/${snapshotId}`;

/** The administration's own change log. */
export const ADMIN_HISTORY_PATH = '/admin/history';

/** The xlsx export of a history page with its filters (`query`: `?action=…`, or ''). */
export const historyExportHref = (historyPath: string, query: string): string => `${historyPath}/export${query}`;

/** The signed-in person's inbox. */
export const NOTICES_PATH = '/notices';
