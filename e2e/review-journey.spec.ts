/**
 * Review, approval and publication, end to end, across browser contexts: the demo department's clerk fixes the
 * errors the checks find (in the 绩效目标表 editor), explains the warnings and submits; the reviewer comments on a
 * line and returns the budget with a reason; the clerk follows the comment to the line, moves money between two
 * lines, answers and resubmits; the reviewer sees exactly what changed, is asked before approving with the comment
 * open, resolves it and approves; every irreversible step asks in a dialog that states its consequence (Escape and
 * 取消 leave the budget as it was); the administrator
 * publishes (Chromium renders the PDF) and exports the year as a zip; an anonymous visitor reads the disclosure and
 * downloads the PDF whose SHA-256 matches the one shown; a later edit from a stale tab is refused; a correction of
 * the unchanged budget is refused; the reviewer reopens it with a reason, the clerk revises, the reviewer compares the
 * revision with the public version and approves, and the administrator publishes the correction, whose public page
 * lists every changed figure old → new.
 *
 * Publication cannot be undone (by design), so this journey runs against its own server on its own freshly seeded
 * database: the specs that share the suite's server still find the demo department as a draft.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import JSZip from 'jszip';
import { prepareDatabase } from '../scripts/prepare-env';
import { signIn } from './fixtures';

const DEPT = '泽州县人力资源和社会保障局';
const LINE_UP = '泽州县人力资源和社会保障局（机关） · 2080101 行政运行 · 30102 津贴补贴 · 一般公共预算';
const COMMENT = '津贴补贴偏低，请核实并调整';
const RETURN_REASON = '请按审核意见调整津贴补贴';
const REPLY = '已从奖金调整1万元至津贴补贴';
const REOPEN_REASON = '公开后发现津贴补贴仍偏低，按预算调整再调增5,000元';
const CORRECTION_NOTE = '预算调整：津贴补贴调增5,000.00元，奖金相应调减';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** In-place grid edit of an amount cell (click, Enter, type, Enter), waiting for the save. */
async function setAmount(cell: Locator, value: string) {
  await cell.click();
  await cell.press('Enter');
  const input = cell.getByRole('textbox', { name: '金额（元）' });
  await input.fill(value);
  await input.press('Enter');
  await expect(cell.getByText('保存中…')).toHaveCount(0);
}

const yuan = (text: string) => Number(text.replace(/[,\s]|保存中…/g, ''));
const formatYuan = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Moves `yuanAmount` 元 from the 30103 奖金 line of 2080101 to line `upLineId` (30102 津贴补贴), in the grid. */
async function moveBetweenLines(page: Page, upLineId: number, yuanAmount: number) {
  const up = page.locator(`#line-${upLineId} td[data-col="amount"]`);
  const down = page
    .getByRole('grid', { name: '基本支出明细' })
    .locator('tbody tr')
    .filter({ hasText: '30103' })
    .filter({ hasText: '2080101' })
    .locator('td[data-col="amount"]');
  const upBefore = yuan((await up.textContent())!);
  const downBefore = yuan((await down.textContent())!);
  await setAmount(up, formatYuan(upBefore + yuanAmount));
  await expect(up).toHaveText(formatYuan(upBefore + yuanAmount));
  await setAmount(down, formatYuan(downBefore - yuanAmount));
  await expect(down).toHaveText(formatYuan(downBefore - yuanAmount));
}

async function saveForm(page: Page) {
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByTestId('save-status')).toContainText('已保存');
}

/** The open confirmation dialog (a closed <dialog> is hidden, so there is at most one). */
const dialogOf = (page: Page) => page.getByRole('dialog');

/** Clicks a step's button, checks that its dialog states the consequence, and confirms. */
async function confirmStep(page: Page, button: Locator, consequence: string | RegExp, confirmLabel: string) {
  await button.click();
  const dialog = dialogOf(page);
  await expect(dialog).toContainText(consequence);
  await dialog.getByRole('button', { name: confirmLabel, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Opens a step's dialog and leaves it (Escape, or 取消): nothing is sent. Focus is inside the dialog while it is open. */
async function cancelStep(page: Page, button: Locator, how: 'Escape' | '取消') {
  await button.click();
  const dialog = dialogOf(page);
  await expect(dialog).toBeVisible();
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'))).toBe(true);
  if (how === 'Escape') await page.keyboard.press('Escape');
  else await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
}

/** Opens the form an error on the overview links to (by the project named in the error). */
async function openFormFromError(page: Page, budgetPath: string, project: string) {
  await page.goto(budgetPath);
  await page.getByTestId('blocking-errors').getByRole('link', { name: new RegExp(`项目“${project}”`) }).first().click();
  await expect(page).toHaveURL(/\/projects\/\d+\/form$/);
  await expect(page.getByTestId('form-project-name')).toHaveText(project);
}

/** A free TCP port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

let server: ChildProcess | null = null;
let baseURL = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const dir = path.resolve(path.dirname(process.env.E2E_DATABASE_PATH ?? 'data/e2e/app.db'), 'review-journey');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const dbFile = path.join(dir, 'app.db');
  prepareDatabase(dbFile);
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(dir, 'server.log'), 'w');
  // the production server, as `npm start` runs it: the supervisor and its workers
  server = spawn(process.execPath, ['--import', 'tsx', 'scripts/supervisor.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      WEB_CONCURRENCY: '2',
      DATABASE_PATH: dbFile,
      AUTH_SECRET: 'review-journey-secret-0123456789abcdefghijklmnop',
      DEMO_MODE: '1',
    },
    stdio: ['ignore', log, log],
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the journey's server exited: ${fs.readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000)}`);
    const ok = await fetch(`${baseURL}/login`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the journey's server did not start on ${baseURL}`);
    await new Promise((r) => setTimeout(r, 300));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  }
});

test('review, approval and publication: clerk, reviewer, administrator and the public', async ({ browser }) => {
  test.setTimeout(300_000);
  const clerkContext = await browser.newContext({ baseURL });
  const reviewerContext = await browser.newContext({ baseURL });
  const adminContext = await browser.newContext({ baseURL });
  const clerk = await clerkContext.newPage();
  const reviewer = await reviewerContext.newPage();
  const admin = await adminContext.newPage();

  let budgetPath = '';
  let upLineId = 0;
  let staleLines: Page | null = null;

  await test.step('the clerk cannot submit while the checks find errors', async () => {
    await signIn(clerk, 'renshe');
    await expect(clerk).toHaveURL(/\/budgets\/\d+$/);
    budgetPath = new URL(clerk.url()).pathname;
    const panel = clerk.getByTestId('workflow-panel');
    await expect(panel.getByTestId('workflow-status')).toHaveText('编制中');
    await expect(panel.getByTestId('blocking-errors')).toContainText('尚有 6 条错误');
    const submit = panel.getByRole('button', { name: '报送', exact: true });
    // 报送 asks first; Escape and 取消 send nothing
    await cancelStep(clerk, submit, 'Escape');
    await cancelStep(clerk, submit, '取消');
    await expect(panel.getByTestId('workflow-message')).toHaveCount(0);
    await expect(panel.getByTestId('workflow-status')).toHaveText('编制中');
    await confirmStep(clerk, submit, '报送后不能再修改，除非财政局退回', '确认报送');
    await expect(panel.getByTestId('workflow-message')).toHaveText('尚有 6 条错误未更正，不能报送');
  });

  await test.step('the clerk fixes the errors in the 绩效目标表 editor', async () => {
    // 遗属补助经费: a one-year project whose 实施期 must equal its 年度 39,312 元
    await openFormFromError(clerk, budgetPath, '遗属补助经费');
    await clerk.getByLabel('实施期资金总额', { exact: true }).fill('39312');
    await clerk.getByLabel('实施期市县(区)财政资金', { exact: true }).fill('39312');
    await saveForm(clerk);
    // 网络运行维护费: 租赁费支付时间 2023年6月 lies outside 2024
    await openFormFromError(clerk, budgetPath, '网络运行维护费');
    for (const period of ['实施期', '年度']) {
      await expect(clerk.getByLabel(`${period}第7行三级指标`)).toHaveValue('租赁费支付时间');
      await clerk.getByLabel(`${period}第7行指标值`).fill('2024年6月');
    }
    await saveForm(clerk);
    // 执法办案经费: 产出 and 效益 indicators are missing in both periods
    await openFormFromError(clerk, budgetPath, '执法办案经费');
    for (const period of ['实施期', '年度']) {
      const rows = [
        ['产出指标', '数量指标', '办理劳动争议案件', '≥100件'],
        ['效益指标', '社会效益指标', '劳动者合法权益保障水平', '提高'],
      ];
      for (const [i, [l1, l2, name, value]] of rows.entries()) {
        await clerk.getByRole('button', { name: `＋ 添加${period}指标` }).click();
        const where = `${period}第${i + 2}行`;
        await clerk.getByLabel(`${where}一级指标`).selectOption(l1);
        await clerk.getByLabel(`${where}二级指标`).selectOption(l2);
        await clerk.getByLabel(`${where}三级指标`).fill(name);
        await clerk.getByLabel(`${where}指标值`).fill(value);
      }
    }
    await saveForm(clerk);
    // 五(一) states 减少170.87万元: its reason is typed (an error, not a warning to explain); typed as the old hint
    // said, with the template's own words, it is stored (and printed) once
    await clerk.goto(`${budgetPath}/facts`);
    const reason = clerk.getByLabel('一般公共预算当年拨款变动原因', { exact: true });
    await reason.fill('主要原因是人员经费减少。');
    await clerk.locator('form#texts').getByRole('button', { name: '保存说明文字', exact: true }).click();
    await expect(reason).toHaveValue('人员经费减少');
    await clerk.goto(budgetPath);
    await expect(clerk.getByTestId('blocking-errors')).toHaveCount(0);
  });

  await test.step('the clerk explains every warning and submits', async () => {
    const panel = clerk.getByTestId('workflow-panel');
    const boxes = panel.getByTestId('warning-explanations').getByRole('textbox');
    const n = await boxes.count();
    expect(n).toBeGreaterThanOrEqual(5);
    const submit = panel.getByRole('button', { name: '报送', exact: true });
    await confirmStep(clerk, submit, '报送后不能再修改', '确认报送');
    await expect(panel.getByTestId('workflow-message')).toHaveText(`尚有 ${n} 条警告未填写说明，不能报送`);
    for (let i = 0; i < n; i++) await boxes.nth(i).fill(`说明${i + 1}：该指标按实际测算口径填报，已与项目单位核实。`);
    await confirmStep(clerk, submit, '报送后不能再修改，除非财政局退回', '确认报送');
    await expect(panel.getByTestId('workflow-message')).toHaveText('已报送，等待财政局审核');
    await expect(panel.getByTestId('workflow-status')).toHaveText('已报送');
  });

  await test.step("the reviewer's desk lists every department with its findings; filters work", async () => {
    await signIn(reviewer, 'shenhe');
    await expect(reviewer).toHaveURL(/\/review$/);
    const demo = reviewer.getByTestId('desk-054');
    await expect(demo).toContainText('已报送');
    await expect(demo).toContainText('报送 · 人社局财务（演示）');
    await expect(demo.getByTestId('count-error')).toHaveText('0');
    await expect(demo.getByTestId('count-warning')).not.toHaveText('0');
    await expect(demo.getByTestId('count-info')).not.toHaveText('0');
    // the archive: a draft with its one error (a project without 绩效目标表)
    const archive = reviewer.getByTestId('desk-061');
    await expect(archive).toContainText('编制中');
    await expect(archive.getByTestId('count-error')).toHaveText('1');
    await reviewer.getByLabel('状态').selectOption('submitted');
    await reviewer.getByRole('button', { name: '筛选' }).click();
    await expect(reviewer).toHaveURL(/status=submitted/);
    await expect(reviewer.getByTestId('desk-061')).toHaveCount(0);
    await expect(reviewer.getByTestId('desk-054')).toBeVisible();
    await reviewer.goto('/review?errors=1');
    await expect(reviewer.getByTestId('desk-054')).toHaveCount(0);
    await expect(reviewer.getByTestId('desk-061')).toBeVisible();
  });

  await test.step('the reviewer reads the explanations, comments on a line and returns with a reason', async () => {
    await reviewer.goto('/review');
    await reviewer.getByTestId('desk-054').getByRole('link', { name: '审核' }).click();
    await expect(reviewer).toHaveURL(/\/budgets\/\d+\/review$/);
    await expect(reviewer.getByTestId('explanations')).toContainText('说明1：该指标按实际测算口径填报');
    await expect(reviewer.getByTestId('explanations')).not.toContainText('尚未说明');
    await expect(reviewer.getByTestId('diff')).toContainText('首次报送');
    // the disclosure preview is on the page
    await expect(reviewer.getByRole('heading', { name: '2024年预算收支总表', exact: true })).toBeVisible();

    const comments = reviewer.getByTestId('comments');
    await comments.getByLabel('意见位置类型').selectOption('line');
    await comments.getByLabel('意见位置', { exact: true }).selectOption({ label: LINE_UP });
    await comments.getByLabel('意见内容').fill(COMMENT);
    await comments.getByRole('button', { name: '提出意见' }).click();
    const thread = comments.getByTestId('comment-thread').filter({ hasText: COMMENT });
    await expect(thread).toBeVisible();
    await expect(thread.getByTestId('comment-anchor')).toHaveText(`基本支出：${LINE_UP}`);

    // a click on a row of the preview opens the form on that row
    await reviewer.locator('#table-5 tbody tr[data-row="f:208"]').click();
    await expect(reviewer).toHaveURL(/anchor=table%3A5%3Af%3A208/);
    await expect(comments.getByLabel('意见位置类型')).toHaveValue('table');
    await expect(comments.getByLabel('意见位置', { exact: true })).toHaveValue('table:5:f:208');

    const panel = reviewer.getByTestId('workflow-panel');
    await panel.getByRole('button', { name: '退回修改' }).click();
    await expect(panel.getByTestId('workflow-message')).toHaveText('退回时必须填写退回原因');
    await panel.getByLabel('退回原因').fill(RETURN_REASON);
    await panel.getByRole('button', { name: '退回修改' }).click();
    await expect(panel.getByTestId('workflow-message')).toHaveText('已退回部门修改');
    await expect(panel.getByTestId('workflow-status')).toHaveText('已退回');
  });

  await test.step('the clerk sees the reason and the comment at its line, moves money between two lines, answers and resubmits', async () => {
    // told in the inbox: the badge counts the return and the comment; the notice quotes the reason
    await clerk.goto(budgetPath);
    await expect(clerk.getByTestId('notice-badge')).toHaveAccessibleName(/通知，\d+ 条未读/);
    await clerk.getByTestId('notice-badge').click();
    await expect(clerk.getByTestId('notice').first()).toContainText(`已被退回修改：${RETURN_REASON}`);
    await expect(clerk.getByTestId('notices')).toContainText(`审核意见：${COMMENT}`);
    await clerk.getByRole('button', { name: /全部标为已读/ }).click();
    await expect(clerk.getByTestId('notice-badge')).toHaveAccessibleName('通知');
    await clerk.goto(budgetPath);
    await expect(clerk.getByTestId('return-reason')).toHaveText(`退回原因：${RETURN_REASON}`);
    const thread = clerk.getByTestId('comments').getByTestId('comment-thread').filter({ hasText: COMMENT });
    await expect(thread).toContainText('未解决');
    await thread.getByTestId('comment-anchor').click();
    // the link names the line in the query too, so the server renders the page of lines that holds it
    await expect(clerk).toHaveURL(/\/lines\?line=(\d+)#line-\1$/);
    upLineId = Number(/#line-(\d+)$/.exec(clerk.url())![1]);
    // the grid marks the line the open comment is about
    await expect(clerk.locator(`#line-${upLineId}`).getByTestId('line-comment-mark')).toContainText('审核意见');
    await expect(clerk.locator('[data-testid="line-comment-mark"]')).toHaveCount(1);

    await expect(clerk.locator(`#line-${upLineId}`)).toContainText('30102');
    await moveBetweenLines(clerk, upLineId, 10_000);

    // a second tab on the lines page, left open: used later to try an edit after publication
    staleLines = await clerkContext.newPage();
    await staleLines.goto(`${budgetPath}/lines`);

    await clerk.goto(budgetPath);
    const t = clerk.getByTestId('comments').getByTestId('comment-thread').filter({ hasText: COMMENT });
    await t.getByLabel('答复').fill(REPLY);
    await t.getByRole('button', { name: '答复' }).click();
    await expect(t.getByTestId('comment-reply')).toContainText(REPLY);
    // the clerk answers; only the reviewer who opened the comment marks it resolved
    await expect(t.getByRole('button', { name: '标记为已解决' })).toHaveCount(0);
    await expect(t).toContainText('未解决');

    const panel = clerk.getByTestId('workflow-panel');
    // the explanations saved with the first submission are still there
    await expect(panel.getByTestId('warning-explanations').getByRole('textbox').first()).toHaveValue(/^说明1：/);
    await confirmStep(clerk, panel.getByRole('button', { name: '报送', exact: true }), '报送后不能再修改', '确认报送');
    await expect(panel.getByTestId('workflow-status')).toHaveText('已报送');
  });

  await test.step('the reviewer sees what changed since the previous submission and approves', async () => {
    await reviewer.reload();
    const diff = reviewer.getByTestId('diff');
    await expect(diff).toContainText('本次报送与上次报送相比的变化');
    const lines = diff.getByTestId('diff-lines');
    await expect(lines.locator('li[data-change="changed"]')).toHaveCount(2);
    await expect(lines).toContainText('30102 津贴补贴');
    await expect(lines).toContainText('30103 奖金');
    await expect(lines).toContainText('金额（元）');
    // 表六: the two 部门经济 rows change in 合计 and 人员经费
    const cells = diff.getByTestId('diff-cells');
    await expect(cells.locator('tr[data-cell^="6:e:30102"]').first()).toBeVisible();
    await expect(cells.locator('tr[data-cell^="6:e:30103"]').first()).toBeVisible();
    // and the same cells are marked in the preview
    const marked = reviewer.locator('#table-6 tr[data-row^="e:30102"] td[data-col="total"]');
    await expect(marked).toHaveCSS('background-color', 'rgb(254, 243, 199)');
    // the answered comment, still open
    const thread = reviewer.getByTestId('comment-thread').filter({ hasText: COMMENT });
    await expect(thread).toContainText('未解决');
    await expect(thread.getByTestId('comment-reply')).toContainText(REPLY);

    // approving with an open comment asks first, naming how many; leaving the dialog changes nothing
    const panel = reviewer.getByTestId('workflow-panel');
    const approve = panel.getByRole('button', { name: '批复', exact: true });
    await approve.click();
    const ask = reviewer.getByRole('dialog', { name: '尚有 1 条审核意见未解决' });
    await expect(ask.getByTestId('approve-open-comments')).toHaveText('本预算尚有 1 条审核意见未解决。批复后部门不能再按这些意见修改。');
    await expect(ask).toContainText('批复后预算数据冻结为批复版本');
    await reviewer.keyboard.press('Escape');
    await expect(ask).toBeHidden();
    await reviewer.reload();
    await expect(panel.getByTestId('workflow-status')).toHaveText('已报送');

    // the reviewer who opened it resolves it; then the dialog has no open comment to name
    await thread.getByRole('button', { name: '标记为已解决' }).click();
    await expect(thread).toContainText('已解决');
    await approve.click();
    await expect(reviewer.getByRole('dialog', { name: '批复预算' })).toBeVisible();
    await expect(dialogOf(reviewer).getByTestId('approve-open-comments')).toHaveCount(0);
    await dialogOf(reviewer).getByRole('button', { name: '确认批复' }).click();
    await expect(panel.getByTestId('workflow-message')).toHaveText('已批复');
    await expect(panel.getByTestId('workflow-status')).toHaveText('已批复');
  });

  let publishedHash = '';
  await test.step('the administrator publishes: Chromium renders the PDF, everything is frozen with its hash', async () => {
    await signIn(admin, 'admin');
    await admin.goto('/admin/publish');
    const row = admin.getByTestId('publish-054');
    await expect(row).toContainText('已批复');
    const publish = row.getByRole('button', { name: `公开${DEPT}`, exact: true });
    await cancelStep(admin, publish, '取消');
    await expect(row.getByTestId('publish-message')).toHaveCount(0);
    await expect(row).toContainText('已批复');
    await confirmStep(admin, publish, /公开不能撤回，之后只能发布更正/, '确认公开');
    await expect(row.getByTestId('publish-message')).toHaveText('已公开', { timeout: 240_000 });
    await expect(row).toContainText('已公开');
    const shown = (await row.getByTestId('published-pdf-sha256').textContent())!;
    publishedHash = /[0-9a-f]{64}/.exec(shown)![0];
  });

  await test.step('bulk export: a zip of the year, its progress kept across a reload', async () => {
    const bulk = admin.getByTestId('bulk-export');
    await bulk.getByRole('button', { name: '开始批量导出' }).click();
    await expect(bulk.getByTestId('export-job')).toBeVisible();
    await admin.reload();
    await expect(admin.getByTestId('export-job')).toBeVisible();
    await expect(admin.getByTestId('export-status')).toHaveText('已完成', { timeout: 120_000 });
    await expect(admin.getByTestId('export-progress')).toHaveText('1 / 1');
    const href = (await admin.getByTestId('export-download').getAttribute('href'))!;
    const res = await admin.request.get(href);
    expect(res.status()).toBe(200);
    const zip = await JSZip.loadAsync(await res.body());
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(['054-泽州县人力资源和社会保障局-2024年部门预算公开.pdf', '054-泽州县人力资源和社会保障局-2024年部门预算公开表.xlsx', 'SHA256SUMS.txt']);
    // the published department's PDF in the zip is the frozen one
    const pdf = await zip.file('054-泽州县人力资源和社会保障局-2024年部门预算公开.pdf')!.async('uint8array');
    expect(sha256(pdf)).toBe(publishedHash);
  });

  await test.step('an anonymous visitor reads the disclosure and downloads the PDF; its hash verifies', async () => {
    const visitorContext = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
    const visitor = await visitorContext.newPage();
    await visitor.goto('/public');
    const entry = visitor.getByTestId('public-entry').filter({ hasText: DEPT });
    await expect(entry).toHaveCount(1);
    await expect(visitor.getByTestId('public-entry').filter({ hasText: '泽州县档案馆' })).toHaveCount(0); // a draft
    await entry.getByRole('link', { name: DEPT }).click();
    await expect(visitor).toHaveURL(/\/public\/\d+$/);
    const snapshotId = Number(/\/public\/(\d+)$/.exec(visitor.url())![1]);
    await expect(visitor.getByRole('heading', { level: 1, name: `${DEPT}2024年部门预算` })).toBeVisible();
    await expect(visitor.getByTestId('published-at')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    await expect(visitor.getByTestId('late-warning')).toHaveCount(0);
    await expect(visitor.locator('body')).toContainText('比上年减少170.87万元，下降3.24%，主要原因是人员经费减少。');
    await expect(visitor.locator('body')).not.toContainText('主要原因是主要原因是');
    await expect(visitor.getByRole('heading', { name: '2024年预算收支总表', exact: true })).toBeVisible();
    // on a phone the tables scroll inside their container
    const scroller = visitor.locator('#table-1 .overflow-x-auto');
    const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // the changed figure is in the published tables
    await expect(visitor.locator('#table-6 tr[data-row^="e:30102"] td[data-col="total"]')).not.toHaveText('');

    const shownHash = ((await visitor.getByTestId('pdf-sha256').textContent()) ?? '').trim();
    expect(shownHash).toBe(publishedHash);
    const downloading = visitor.waitForEvent('download');
    await visitor.getByTestId('download-pdf').click();
    const download = await downloading;
    const bytes = new Uint8Array(fs.readFileSync((await download.path())!));
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(sha256(bytes)).toBe(shownHash);

    const pdf = await visitor.request.get(`/public/${snapshotId}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['x-content-sha256']).toBe(shownHash);
    expect(pdf.headers()['etag']).toBe(`"${shownHash}"`);
    const xlsx = await visitor.request.get(`/public/${snapshotId}/xlsx`);
    expect(xlsx.status()).toBe(200);
    const xlsxHash = ((await visitor.getByTestId('xlsx-sha256').textContent()) ?? '').trim();
    expect(sha256(await xlsx.body())).toBe(xlsxHash);
    expect(xlsx.headers()['x-content-sha256']).toBe(xlsxHash);
    const again = await visitor.request.get(`/public/${snapshotId}/pdf`, { headers: { 'if-none-match': `"${shownHash}"` } });
    expect(again.status()).toBe(304);

    // anonymous access stops at published snapshots: the submitted and approved ones are not found
    for (let id = 1; id < snapshotId; id++) {
      expect((await visitor.request.get(`/public/${id}`)).status()).toBe(404);
      expect((await visitor.request.get(`/public/${id}/pdf`)).status()).toBe(404);
    }
    // and the budgets themselves need a sign-in
    await visitor.goto(budgetPath);
    await expect(visitor).toHaveURL(/\/login/);
    await visitorContext.close();
  });

  await test.step('a later edit of the published budget is refused', async () => {
    const stale = staleLines!;
    const cell = stale.locator(`#line-${upLineId} td[data-col="amount"]`);
    await setAmount(cell, '1.00');
    await expect(cell.getByRole('alert')).toHaveText('预算已报送或已批复，不能修改');
    await stale.reload();
    await expect(stale.getByRole('status').filter({ hasText: '只读' })).toBeVisible();
  });

  await test.step('the history lists every change and every frozen version, viewable as it was', async () => {
    await clerk.goto(`${budgetPath}/history`);
    const versions = clerk.getByTestId('versions');
    await expect(versions.getByRole('row').filter({ hasText: '报送版本' })).toHaveCount(2);
    await expect(versions.getByRole('row').filter({ hasText: '批复版本' })).toHaveCount(1);
    await expect(versions.getByRole('row').filter({ hasText: '公开版本' })).toHaveCount(1);
    await clerk.getByLabel('操作', { exact: true }).selectOption('line.update');
    await clerk.getByRole('button', { name: '筛选' }).click();
    await expect(clerk).toHaveURL(/action=line.update/);
    await expect(clerk.getByTestId('audit').locator('tbody tr')).toHaveCount(2);
    await expect(clerk.getByTestId('audit')).toContainText('人社局财务（演示）');
    await versions.getByRole('row').filter({ hasText: '公开版本' }).getByRole('link').click();
    await expect(clerk.getByTestId('snapshot-meta')).toContainText(publishedHash);
    await expect(clerk.getByTestId('snapshot-meta')).not.toContainText('校验不一致');
    await expect(clerk.getByRole('heading', { name: '2024年预算收支总表', exact: true })).toBeVisible();
  });

  await test.step('a published figure is corrected: the reviewer reopens with a reason, the clerk revises, the revision is reviewed against the public version and published as a correction that lists what changed', async () => {
    // 发布更正 of the unchanged published budget is refused: a correction must change something
    await admin.goto('/admin/publish');
    const row = admin.getByTestId('publish-054');
    const correct = row.getByRole('button', { name: '发布更正', exact: true });
    await row.getByLabel(`${DEPT}更正说明`).fill('重新生成公开文件');
    await confirmStep(admin, correct, /新的公开版本.*取代现行公开版本.*重新生成公开文件/, '确认发布更正');
    await expect(row.getByTestId('publish-message')).toHaveText('更正版本与现行公开版本完全相同，没有可更正的内容');

    // the reviewer reopens the published budget; a reason is required
    await reviewer.goto(`${budgetPath}/review`);
    const panel = reviewer.getByTestId('workflow-panel');
    await expect(panel.getByTestId('workflow-status')).toHaveText('已公开');
    const reopen = panel.getByRole('button', { name: '重新打开修订', exact: true });
    await cancelStep(reviewer, reopen, 'Escape');
    await confirmStep(reviewer, reopen, '尚未填写（必须填写）', '确认重新打开');
    await expect(panel.getByTestId('workflow-message')).toHaveText('重新打开修订时必须填写原因（如预算调整、公开后发现的错误）');
    await panel.getByLabel('重新打开的原因').fill(REOPEN_REASON);
    await confirmStep(reviewer, reopen, /退回部门修订.*现行公开版本在更正发布前保持公开/, '确认重新打开');
    await expect(panel.getByTestId('workflow-message')).toHaveText('已重新打开，退回部门修订');
    await expect(panel.getByTestId('workflow-status')).toHaveText('已退回');
    // nothing to publish meanwhile
    await admin.reload();
    await expect(admin.getByTestId('publish-054').getByRole('button', { name: /公开|发布更正/ })).toHaveCount(0);

    // the clerk sees why, moves another 5,000.00 元 between the same two lines and resubmits (explanations kept)
    await clerk.goto(budgetPath);
    await expect(clerk.getByTestId('return-reason')).toHaveText(`退回原因：${REOPEN_REASON}`);
    await clerk.goto(`${budgetPath}/lines?line=${upLineId}`);
    await moveBetweenLines(clerk, upLineId, 5_000);
    await clerk.goto(budgetPath);
    const clerkPanel = clerk.getByTestId('workflow-panel');
    await confirmStep(clerk, clerkPanel.getByRole('button', { name: '报送', exact: true }), '报送后不能再修改', '确认报送');
    await expect(clerkPanel.getByTestId('workflow-message')).toHaveText('已报送，等待财政局审核');

    // the reviewer sees the revision against what the public sees, and approves
    await reviewer.goto(`${budgetPath}/review`);
    const diff = reviewer.getByTestId('diff');
    await expect(diff).toContainText('本次报送与现行公开版本相比的变化');
    await expect(diff.getByTestId('diff-lines').locator('li[data-change="changed"]')).toHaveCount(2);
    await confirmStep(reviewer, panel.getByRole('button', { name: '批复', exact: true }), '批复后预算数据冻结为批复版本', '确认批复');
    await expect(panel.getByTestId('workflow-message')).toHaveText('已批复');

    // the administrator is offered 发布更正 (not 公开); a note is required
    await admin.reload();
    const revised = admin.getByTestId('publish-054');
    await expect(revised.getByRole('button', { name: '公开', exact: true })).toHaveCount(0);
    const publishCorrection = revised.getByRole('button', { name: '发布更正', exact: true });
    await confirmStep(admin, publishCorrection, '尚未填写', '确认发布更正');
    await expect(revised.getByTestId('publish-message')).toHaveText('发布更正时必须填写更正说明');
    await revised.getByLabel(`${DEPT}更正说明`).fill(CORRECTION_NOTE);
    await confirmStep(admin, publishCorrection, /新的公开版本.*取代现行公开版本/, '确认发布更正');
    await expect(revised.getByTestId('publish-message')).toHaveText('已发布更正', { timeout: 240_000 });
    await expect(revised).toContainText('（第 2 版）');

    const visitorContext = await browser.newContext({ baseURL });
    const visitor = await visitorContext.newPage();
    await visitor.goto('/public');
    const entries = visitor.getByTestId('public-entry').filter({ hasText: DEPT });
    await expect(entries.filter({ hasText: '已被更正版本取代' })).toHaveCount(1);
    await entries.filter({ hasText: '已被更正版本取代' }).getByRole('link', { name: DEPT }).click();
    await expect(visitor.getByTestId('superseded')).toContainText('本版本已被更正版本取代');
    // the earlier version's files are still served, unchanged
    expect(((await visitor.getByTestId('pdf-sha256').textContent()) ?? '').trim()).toBe(publishedHash);
    await visitor.getByTestId('superseded').getByRole('link', { name: '查看现行版本' }).click();
    await expect(visitor.getByTestId('published-at')).toContainText('（更正版）');
    // the correction says why and what changed: each changed figure old → new
    const changes = visitor.getByTestId('correction-changes');
    await expect(changes).toContainText(`更正原因：${CORRECTION_NOTE}`);
    const cells = changes.getByTestId('diff-cells').locator('tbody tr');
    expect(await cells.count()).toBeGreaterThanOrEqual(2);
    await expect(cells.filter({ hasText: '津贴补贴' }).first()).toBeVisible();
    await expect(cells.filter({ hasText: '奖金' }).first()).toBeVisible();
    await visitorContext.close();
  });

  await clerkContext.close();
  await reviewerContext.close();
  await adminContext.close();
});
