/**
 * The authorization matrix: every page and route handler under app/ × every kind of visitor → what must happen.
 * e2e/authorization-matrix.spec.ts requests each probe as each role against the production build and compares;
 * it also fails when a page.tsx or route.ts exists in app/ without an entry here (or an entry has no route), so a
 * new route cannot ship without someone deciding who may open it.
 *
 * Keys are route patterns as the file system spells them, without route groups: `app/(app)/budgets/[id]/page.tsx`
 * is `/budgets/[id]`. Each probe fills the parameters with ids read from the seeded e2e database (the demo
 * department 054 and the archive 061, their projects, users …).
 *
 * Outcomes:
 *   ok         200
 *   login      sent to the sign-in page (a redirect to /login), or 401 from a route handler
 *   forbidden  403 (pages show 无权访问)
 *   notfound   404
 *   { redirect: '/path' }  a redirect elsewhere (the home page sends each role to its own start page)
 *   'status 202'  accepted (a PDF export queued); 'status 409'  conflict (the print page's refusal of a changed document)
 */

export const ROLES = ['anonymous', 'renshe', 'dangan', 'shenhe', 'admin', 'deactivated'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  anonymous: 'anonymous',
  renshe: 'clerk of 054 (renshe)',
  dangan: 'clerk of 061 (dangan)',
  shenhe: 'reviewer (shenhe)',
  admin: 'administrator (admin)',
  deactivated: 'deactivated clerk of 054',
};

export type Outcome = 'ok' | 'login' | 'forbidden' | 'notfound' | 'status 202' | 'status 409' | { redirect: string };

/** Ids from the seeded e2e database, resolved when the spec starts. */
export interface MatrixIds {
  /** 054's and 061's budgets of the current year. */
  budget054: number;
  budget061: number;
  /** A this-year project of 054 that has a 绩效目标表, and one of 061. */
  project054: number;
  project061: number;
  /** Whether project061 has a 绩效目标表 (the print page of a form needs one). */
  project061HasForm: boolean;
  /** Departments and a user, for the administration pages. */
  dept054: number;
  userRenshe: number;
  /** A budget id that does not exist. */
  missingBudget: number;
  /** Whether the clerks may still edit their budgets (draft or returned, open year): other specs publish 054. */
  editable054: boolean;
  editable061: boolean;
  /**
   * A department created for this spec (098) with a submitted and a published snapshot of its budget, and a finished
   * bulk-export job: public pages, history and the export downloads need them, and the demo budgets stay untouched.
   */
  budget098: number;
  snapshotPublished: number;
  snapshotSubmitted: number;
  exportJob: number;
  /** A valid render token (lib/export/renderToken.ts, signed with the e2e secret) for the 061 budget. */
  token061: string;
}

export interface Probe {
  /** What the probe is about, e.g. `054 budget`. */
  label: string;
  path: (ids: MatrixIds) => string;
  method?: 'GET' | 'POST';
  /** Request headers (the PDF browser's render token travels in `x-render-token`, never in the URL). */
  headers?: (ids: MatrixIds) => Record<string, string>;
  /** For POST probes: a multipart form (preview of an invalid upload: nothing is written). */
  multipart?: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;
  expect: Record<Role, Outcome> | ((ids: MatrixIds) => Record<Role, Outcome>);
  /** Text that must not appear in the body of a refused (non-ok) response: the other department's data. */
  secret?: string;
}

export interface RouteEntry {
  kind: 'page' | 'route';
  probes: Probe[];
}

// ── expectation presets ─────────────────────────────────────────────────────────────────────────────────────

const DEPT_054 = '泽州县人力资源和社会保障局';
const DEPT_061 = '泽州县档案馆';
export const DEPT_098 = '泽州县矩阵测试局';

/** A budget page of 054: its clerk, reviewers and administrators read; 061's clerk is refused. */
const read054: Record<Role, Outcome> = {
  anonymous: 'login',
  renshe: 'ok',
  dangan: 'forbidden',
  shenhe: 'ok',
  admin: 'ok',
  deactivated: 'login',
};
/** The same for 061. */
const read061: Record<Role, Outcome> = { ...read054, renshe: 'forbidden', dangan: 'ok' };
/** A budget that does not exist: refused exactly like a foreign one (no way to tell them apart). */
const missingBudget: Record<Role, Outcome> = {
  anonymous: 'login',
  renshe: 'forbidden',
  dangan: 'forbidden',
  shenhe: 'forbidden',
  admin: 'forbidden',
  deactivated: 'login',
};
/** A malformed id: not a budget at all. */
const malformed: Record<Role, Outcome> = {
  anonymous: 'login',
  renshe: 'notfound',
  dangan: 'notfound',
  shenhe: 'notfound',
  admin: 'notfound',
  deactivated: 'login',
};
/**
 * A malformed project id under 054's budget: the budget is checked first (the budget frame authorizes it), so the
 * other department's clerk is refused the budget; everyone who may read it finds no such project.
 */
const malformedUnder054: Record<Role, Outcome> = { ...malformed, dangan: 'forbidden' };
/** A project id of the other department's budget under an own budget: not found there. */
const foreignProjectUnder061: Record<Role, Outcome> = { ...read061, dangan: 'notfound', shenhe: 'notfound', admin: 'notfound' };
const adminOnly: Record<Role, Outcome> = {
  anonymous: 'login',
  renshe: 'forbidden',
  dangan: 'forbidden',
  shenhe: 'forbidden',
  admin: 'ok',
  deactivated: 'login',
};
const reviewerOrAdmin: Record<Role, Outcome> = { ...adminOnly, shenhe: 'ok' };
const anySignedIn: Record<Role, Outcome> = {
  anonymous: 'login',
  renshe: 'ok',
  dangan: 'ok',
  shenhe: 'ok',
  admin: 'ok',
  deactivated: 'login',
};
const everyone: Record<Role, Outcome> = {
  anonymous: 'ok',
  renshe: 'ok',
  dangan: 'ok',
  shenhe: 'ok',
  admin: 'ok',
  deactivated: 'ok',
};
/** Edits (the workbook upload): only the department's own clerk, while the budget is editable; readers get 403. */
const edit054 = (i: MatrixIds): Record<Role, Outcome> => ({ ...read054, renshe: i.editable054 ? 'ok' : 'forbidden', shenhe: 'forbidden', admin: 'forbidden' });
const edit061 = (i: MatrixIds): Record<Role, Outcome> => ({ ...read061, dangan: i.editable061 ? 'ok' : 'forbidden', shenhe: 'forbidden', admin: 'forbidden' });
/** 098's budget: no clerk here belongs to it. */
const read098: Record<Role, Outcome> = { ...read054, renshe: 'forbidden' };
/** Published disclosures: anyone, signed in or not; anything else is not found. */
const publicOk: Record<Role, Outcome> = everyone;
const publicNotFound: Record<Role, Outcome> = {
  anonymous: 'notfound',
  renshe: 'notfound',
  dangan: 'notfound',
  shenhe: 'notfound',
  admin: 'notfound',
  deactivated: 'notfound',
};

/** A PDF export queued (202) for those who may read 054. */
const accepted054: Record<Role, Outcome> = { ...read054, renshe: 'status 202', shenhe: 'status 202', admin: 'status 202' };
/** A print page with an invalid render token: refused whoever the session is. */
const noneMayRead: Record<Role, Outcome> = { anonymous: 'forbidden', renshe: 'forbidden', dangan: 'forbidden', shenhe: 'forbidden', admin: 'forbidden', deactivated: 'forbidden' };
const conflict: Record<Role, Outcome> = {
  anonymous: 'status 409',
  renshe: 'status 409',
  dangan: 'status 409',
  shenhe: 'status 409',
  admin: 'status 409',
  deactivated: 'status 409',
};

/** A PDF export job that is not the visitor's (here: none has this id), under a budget they may or may not read. */
function pdfJobProbes(suffix: string): Probe[] {
  const notOwn = (read: Record<Role, Outcome>): Record<Role, Outcome> =>
    Object.fromEntries(Object.entries(read).map(([r, o]) => [r, o === 'ok' ? 'notfound' : o])) as Record<Role, Outcome>;
  return [
    { label: 'unknown job of 054', path: (i) => `/budgets/${i.budget054}/export/pdf/jobs/999999999${suffix}`, expect: notOwn(read054) },
    { label: 'unknown job of 061', path: (i) => `/budgets/${i.budget061}/export/pdf/jobs/999999999${suffix}`, expect: notOwn(read061) },
    { label: 'malformed job id', path: (i) => `/budgets/${i.budget054}/export/pdf/jobs/x1${suffix}`, expect: malformed },
  ];
}

/** The standard probes of a page under /budgets/[id]: own, foreign, missing and malformed budget ids. */
function budgetPage(suffix: string): Probe[] {
  return [
    { label: '054 budget', path: (i) => `/budgets/${i.budget054}${suffix}`, expect: read054, secret: DEPT_054 },
    { label: '061 budget', path: (i) => `/budgets/${i.budget061}${suffix}`, expect: read061, secret: DEPT_061 },
    { label: 'missing budget', path: (i) => `/budgets/${i.missingBudget}${suffix}`, expect: missingBudget },
    { label: 'malformed id', path: () => `/budgets/12ab${suffix}`, expect: malformed },
  ];
}

/** Route handlers under /budgets/[id] that read (downloads). */
function budgetDownload(suffix: string): Probe[] {
  return [
    { label: '054 budget', path: (i) => `/budgets/${i.budget054}${suffix}`, expect: read054, secret: DEPT_054 },
    { label: '061 budget', path: (i) => `/budgets/${i.budget061}${suffix}`, expect: read061, secret: DEPT_061 },
    { label: 'missing budget', path: (i) => `/budgets/${i.missingBudget}${suffix}`, expect: missingBudget },
    { label: 'malformed id', path: () => `/budgets/12ab${suffix}`, expect: malformed },
  ];
}

/** Two projects, each under its own budget and under the other one (a forged project id). */
function projectPage(suffix: string): Probe[] {
  return [
    { label: '054 project', path: (i) => `/budgets/${i.budget054}/projects/${i.project054}${suffix}`, expect: read054, secret: DEPT_054 },
    { label: '061 project', path: (i) => `/budgets/${i.budget061}/projects/${i.project061}${suffix}`, expect: read061, secret: DEPT_061 },
    {
      label: '054 project under the 061 budget',
      path: (i) => `/budgets/${i.budget061}/projects/${i.project054}${suffix}`,
      expect: foreignProjectUnder061,
      secret: DEPT_054,
    },
    { label: 'malformed project id', path: (i) => `/budgets/${i.budget054}/projects/x1${suffix}`, expect: malformedUnder054 },
  ];
}

/** A workbook that is not a workbook: the preview refuses it and writes nothing. */
const junkUpload = {
  mode: 'preview',
  file: { name: 'junk.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('not a workbook') },
};

// ── the matrix ──────────────────────────────────────────────────────────────────────────────────────────────

export const MATRIX: Record<string, RouteEntry> = {
  '/': {
    kind: 'page',
    probes: [
      {
        label: 'home',
        path: () => '/',
        expect: (i) => ({
          anonymous: 'login',
          renshe: { redirect: `/budgets/${i.budget054}` },
          dangan: { redirect: `/budgets/${i.budget061}` },
          shenhe: { redirect: '/review' },
          admin: { redirect: '/admin' },
          deactivated: 'login',
        }),
      },
    ],
  },
  '/login': {
    kind: 'page',
    probes: [
      {
        label: 'sign-in page',
        path: () => '/login',
        expect: { anonymous: 'ok', renshe: { redirect: '/' }, dangan: { redirect: '/' }, shenhe: { redirect: '/' }, admin: { redirect: '/' }, deactivated: 'ok' },
      },
    ],
  },
  '/api/auth/[...nextauth]': {
    kind: 'route',
    probes: [
      { label: 'session', path: () => '/api/auth/session', expect: everyone },
      { label: 'csrf', path: () => '/api/auth/csrf', expect: everyone },
      { label: 'providers', path: () => '/api/auth/providers', expect: everyone },
    ],
  },
  '/account/password': { kind: 'page', probes: [{ label: 'own password', path: () => '/account/password', expect: anySignedIn }] },
  '/notices': { kind: 'page', probes: [{ label: 'own inbox', path: () => '/notices', expect: anySignedIn }] },
  '/review': { kind: 'page', probes: [{ label: 'review desk', path: () => '/review', expect: reviewerOrAdmin }] },
  '/review/check': { kind: 'page', probes: [{ label: 'check disclosures', path: () => '/review/check', expect: reviewerOrAdmin }] },
  '/review/check/[id]': {
    kind: 'page',
    probes: [{ label: 'missing check', path: () => '/review/check/999999', expect: { ...adminOnly, shenhe: 'notfound', admin: 'notfound' } }],
  },
  '/review/check/status': { kind: 'route', probes: [{ label: 'queue state', path: () => '/review/check/status?ids=999999', expect: reviewerOrAdmin }] },
  // a file that is no disclosure: queued, then refused by the reader (nothing but the check's own row is written)
  '/review/check/upload': {
    kind: 'route',
    probes: [{ label: 'upload', method: 'POST', multipart: { file: { name: 'junk.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') } }, path: () => '/review/check/upload', expect: reviewerOrAdmin }],
  },

  '/budgets/[id]': { kind: 'page', probes: budgetPage('') },
  '/budgets/[id]/disclosure': { kind: 'page', probes: budgetPage('/disclosure') },
  '/budgets/[id]/disclosure/document': { kind: 'route', probes: budgetDownload('/disclosure/document') },
  '/budgets/[id]/facts': { kind: 'page', probes: budgetPage('/facts') },
  '/budgets/[id]/lines': { kind: 'page', probes: budgetPage('/lines') },
  '/budgets/[id]/lines/import': { kind: 'page', probes: budgetPage('/lines/import') },
  '/budgets/[id]/projects': { kind: 'page', probes: budgetPage('/projects') },
  '/budgets/[id]/projects/[projectId]': { kind: 'page', probes: projectPage('') },
  '/budgets/[id]/projects/[projectId]/form': { kind: 'page', probes: projectPage('/form') },

  '/budgets/[id]/export/xlsx': { kind: 'route', probes: budgetDownload('/export/xlsx') },
  // POST queues a PDF export (each accepted probe renders one in Chromium): the 054 budget is enough to prove who may
  '/budgets/[id]/export/pdf': {
    kind: 'route',
    probes: [
      { label: '054 budget', method: 'POST', path: (i) => `/budgets/${i.budget054}/export/pdf`, expect: accepted054, secret: DEPT_054 },
      { label: 'missing budget', method: 'POST', path: (i) => `/budgets/${i.missingBudget}/export/pdf`, expect: missingBudget },
      { label: 'malformed id', method: 'POST', path: () => '/budgets/12ab/export/pdf', expect: malformed },
    ],
  },
  // a job is its requester's only: an unknown (or anyone else's) job id is not found for those who may read the budget
  '/budgets/[id]/export/pdf/jobs/[jobId]': { kind: 'route', probes: pdfJobProbes('') },
  '/budgets/[id]/export/pdf/jobs/[jobId]/download': { kind: 'route', probes: pdfJobProbes('/download') },
  '/budgets/[id]/lines/template': { kind: 'route', probes: budgetDownload('/lines/template') },
  '/budgets/[id]/lines/import/upload': {
    kind: 'route',
    probes: [
      { label: '054 budget', method: 'POST', multipart: junkUpload, path: (i) => `/budgets/${i.budget054}/lines/import/upload`, expect: edit054, secret: DEPT_054 },
      { label: '061 budget', method: 'POST', multipart: junkUpload, path: (i) => `/budgets/${i.budget061}/lines/import/upload`, expect: edit061, secret: DEPT_061 },
      { label: 'missing budget', method: 'POST', multipart: junkUpload, path: (i) => `/budgets/${i.missingBudget}/lines/import/upload`, expect: missingBudget },
    ],
  },

  // the print pages are outside the app's sign-in redirect (the PDF browser opens them with a render token)
  '/print/budgets/[id]': {
    kind: 'page',
    probes: [
      { label: '054 budget', path: (i) => `/print/budgets/${i.budget054}`, expect: { ...read054, anonymous: 'forbidden', deactivated: 'forbidden' }, secret: DEPT_054 },
      { label: '061 budget', path: (i) => `/print/budgets/${i.budget061}`, expect: { ...read061, anonymous: 'forbidden', deactivated: 'forbidden' }, secret: DEPT_061 },
      // a render token in the URL is ignored (tokens travel in a header): the visitor is who their session says
      {
        label: '054 budget with a forged render token in the URL',
        path: (i) => `/print/budgets/${i.budget054}?rt=${encodeURIComponent(`${i.budget054}.9999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)}`,
        expect: { ...read054, anonymous: 'forbidden', deactivated: 'forbidden' },
        secret: DEPT_054,
      },
      {
        label: '061 budget with its render token in the URL',
        path: (i) => `/print/budgets/${i.budget061}?rt=${encodeURIComponent(i.token061)}`,
        expect: { ...read061, anonymous: 'forbidden', deactivated: 'forbidden' },
        secret: DEPT_061,
      },
      {
        label: '054 budget with a forged render token header',
        path: (i) => `/print/budgets/${i.budget054}`,
        headers: (i) => ({ 'x-render-token': `${i.budget054}.9999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` }),
        expect: noneMayRead,
        secret: DEPT_054,
      },
      {
        label: '054 budget with the render token header of the 061 budget',
        path: (i) => `/print/budgets/${i.budget054}`,
        headers: (i) => ({ 'x-render-token': i.token061 }),
        expect: noneMayRead,
        secret: DEPT_054,
      },
      // by design: the server's own Chromium opens the page with a valid two-minute token in the header and no session
      { label: '061 budget with its render token header', path: (i) => `/print/budgets/${i.budget061}`, headers: (i) => ({ 'x-render-token': i.token061 }), expect: everyone },
      { label: 'malformed id', path: () => '/print/budgets/abc', expect: { ...malformed, anonymous: 'notfound', deactivated: 'notfound' } },
    ],
  },
  // where the print page sends the PDF browser when the document is not the one being published
  '/print/budgets/[id]/conflict': { kind: 'route', probes: [{ label: 'conflict', path: (i) => `/print/budgets/${i.budget054}/conflict`, expect: conflict }] },
  '/print/budgets/[id]/forms/[projectId]': {
    kind: 'page',
    probes: [
      { label: '054 project', path: (i) => `/print/budgets/${i.budget054}/forms/${i.project054}`, expect: read054, secret: DEPT_054 },
      {
        label: '061 project',
        path: (i) => `/print/budgets/${i.budget061}/forms/${i.project061}`,
        // without a form there is nothing to print: not found for those who may read the budget
        expect: (i) => (i.project061HasForm ? read061 : foreignProjectUnder061),
        secret: DEPT_061,
      },
      {
        label: '054 project under the 061 budget',
        path: (i) => `/print/budgets/${i.budget061}/forms/${i.project054}`,
        expect: foreignProjectUnder061,
        secret: DEPT_054,
      },
    ],
  },

  '/admin': { kind: 'page', probes: [{ label: 'administration', path: () => '/admin', expect: adminOnly }] },
  '/admin/codes': { kind: 'page', probes: [{ label: 'code books', path: () => '/admin/codes', expect: adminOnly }] },
  '/admin/codes/mapping': { kind: 'page', probes: [{ label: 'economic mapping', path: () => '/admin/codes/mapping', expect: adminOnly }] },
  '/admin/control-figures': { kind: 'page', probes: [{ label: 'control figures', path: () => '/admin/control-figures', expect: adminOnly }] },
  '/admin/departments': { kind: 'page', probes: [{ label: 'departments', path: () => '/admin/departments', expect: adminOnly }] },
  '/admin/departments/[id]': {
    kind: 'page',
    probes: [
      { label: 'department 054', path: (i) => `/admin/departments/${i.dept054}`, expect: adminOnly },
      { label: 'missing department', path: () => '/admin/departments/999999999', expect: { ...adminOnly, admin: 'notfound' } },
    ],
  },
  '/admin/texts': { kind: 'page', probes: [{ label: 'region texts', path: () => '/admin/texts', expect: adminOnly }] },
  '/admin/users': { kind: 'page', probes: [{ label: 'users', path: () => '/admin/users', expect: adminOnly }] },
  '/admin/users/[id]': {
    kind: 'page',
    probes: [
      { label: 'user renshe', path: (i) => `/admin/users/${i.userRenshe}`, expect: adminOnly },
      { label: 'missing user', path: () => '/admin/users/999999999', expect: { ...adminOnly, admin: 'notfound' } },
    ],
  },
  '/admin/years': { kind: 'page', probes: [{ label: 'fiscal years', path: () => '/admin/years', expect: adminOnly }] },
  '/admin/publish': { kind: 'page', probes: [{ label: 'publication overview', path: () => '/admin/publish', expect: adminOnly }] },
  '/admin/history': { kind: 'page', probes: [{ label: 'administration log', path: () => '/admin/history', expect: adminOnly }] },
  '/admin/history/export': { kind: 'route', probes: [{ label: 'administration log export', path: () => '/admin/history/export', expect: adminOnly }] },
  '/admin/publish/jobs/[jobId]': {
    kind: 'route',
    probes: [
      { label: 'finished job', path: (i) => `/admin/publish/jobs/${i.exportJob}`, expect: adminOnly },
      { label: 'missing job', path: () => '/admin/publish/jobs/999999999', expect: { ...adminOnly, admin: 'notfound' } },
    ],
  },
  '/admin/publish/jobs/[jobId]/download': {
    kind: 'route',
    probes: [
      { label: 'finished job', path: (i) => `/admin/publish/jobs/${i.exportJob}/download`, expect: adminOnly },
      { label: 'missing job', path: () => '/admin/publish/jobs/999999999/download', expect: { ...adminOnly, admin: 'notfound' } },
    ],
  },

  '/budgets/[id]/review': { kind: 'page', probes: budgetPage('/review') },
  '/budgets/[id]/history': { kind: 'page', probes: budgetPage('/history') },
  '/budgets/[id]/history/export': { kind: 'route', probes: budgetDownload('/history/export') },
  '/budgets/[id]/history/[snapshotId]': {
    kind: 'page',
    probes: [
      { label: 'a snapshot of 098', path: (i) => `/budgets/${i.budget098}/history/${i.snapshotSubmitted}`, expect: read098, secret: DEPT_098 },
      { label: 'a published snapshot of 098', path: (i) => `/budgets/${i.budget098}/history/${i.snapshotPublished}`, expect: read098, secret: DEPT_098 },
      {
        label: '098’s snapshot under the 054 budget',
        path: (i) => `/budgets/${i.budget054}/history/${i.snapshotSubmitted}`,
        expect: { ...read054, renshe: 'notfound', shenhe: 'notfound', admin: 'notfound' },
        secret: DEPT_098,
      },
      { label: 'malformed snapshot id', path: (i) => `/budgets/${i.budget098}/history/x`, expect: { ...malformed, renshe: 'forbidden', dangan: 'forbidden' } },
    ],
  },

  // public disclosures: no sign-in, published snapshots only
  '/public': { kind: 'page', probes: [{ label: 'list', path: () => '/public', expect: publicOk }] },
  '/public/[snapshotId]': {
    kind: 'page',
    probes: [
      { label: 'published', path: (i) => `/public/${i.snapshotPublished}`, expect: publicOk },
      { label: 'submitted (not public)', path: (i) => `/public/${i.snapshotSubmitted}`, expect: publicNotFound, secret: DEPT_098 },
      { label: 'missing', path: () => '/public/999999999', expect: publicNotFound },
      { label: 'malformed', path: () => '/public/1%20OR%201=1', expect: publicNotFound },
    ],
  },
  '/public/[snapshotId]/pdf': {
    kind: 'route',
    probes: [
      { label: 'published', path: (i) => `/public/${i.snapshotPublished}/pdf`, expect: publicOk },
      { label: 'submitted (not public)', path: (i) => `/public/${i.snapshotSubmitted}/pdf`, expect: publicNotFound },
    ],
  },
  '/public/[snapshotId]/xlsx': {
    kind: 'route',
    probes: [
      { label: 'published', path: (i) => `/public/${i.snapshotPublished}/xlsx`, expect: publicOk },
      { label: 'submitted (not public)', path: (i) => `/public/${i.snapshotSubmitted}/xlsx`, expect: publicNotFound },
    ],
  },
};

// ── routes in the file system ───────────────────────────────────────────────────────────────────────────────

/**
 * The route pattern of an app/ file (path relative to app/, `/`-separated), or null when the file is not a route:
 * `(group)` and `@slot` segments are dropped, `_private` folders are not routes, `[param]` stays as it is.
 */
export function routePatternOf(relativeFile: string): { pattern: string; kind: 'page' | 'route' } | null {
  const parts = relativeFile.split('/');
  const file = parts.pop()!;
  const m = /^(page|route)\.(tsx|ts|jsx|js|mdx)$/.exec(file);
  if (!m) return null;
  if (parts.some((p) => p.startsWith('_'))) return null;
  const segments = parts.filter((p) => !/^\(.*\)$/.test(p) && !p.startsWith('@'));
  return { pattern: '/' + segments.join('/'), kind: m[1] as 'page' | 'route' };
}
