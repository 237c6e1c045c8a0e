// The web app's story in Debian's headless Chromium (SPEC §6): an admin imports a plan (once
// with a mistake, to see the loader's file:line message) and adds users; an official signs in,
// logs a value and a task's progress through the forms (a bad value shows the CLI's message
// and stores nothing) and submits the period; a reviewer returns it with a reason; the
// official corrects the entry and submits again; the reviewer approves, and the period is
// locked; a leader opens the dashboard; an auditor verifies the chain.
// Every page is screenshotted at desktop and phone width and checked with axe-core (serious
// and critical violations fail); a console error or a request that leaves the server fails.
// The values logged here (4800 件 and 4700 件 patent applications in 2019, the platform's
// progress) are sample data (示例数据), not figures from the seed documents.
// Usage: node web_story.mjs BASE_URL ARTIFACTS_DIR PLAN_FILE
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [base, out, planFile] = process.argv.slice(2);
if (!base || !out || !planFile) {
  console.error('usage: node web_story.mjs BASE_URL ARTIFACTS_DIR PLAN_FILE');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const planText = readFileSync(planFile, 'utf8');
const plan = 'tongzhou-st-2020';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
let checked = 0;
// Pages the story expects the server to answer with an error status (a bad value, a locked
// period): Chromium logs each as a console error, which is then no problem.
const expectedFailures = { count: 0 };

// A signed-in person: a browser context of its own (its own cookies).
async function person(name, password) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (expectedFailures.count > 0 && /^Failed to load resource: the server responded with a status of (400|409)/.test(m.text())) {
      expectedFailures.count -= 1;
      return;
    }
    problems.push(`${name}: console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${name}: page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(base + '/')) problems.push(`${name}: request outside the server: ${r.url()}`);
  });
  await page.goto(`${base}/login`);
  if (name === 'admin') await check(page, 'login');
  await page.fill('#user', name);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(/\/(work|plans)$/), page.click('main button[type=submit]')]);
  return page;
}

// Screenshot the page at desktop and phone width, and run axe-core on it.
async function check(page, shot) {
  checked += 1;
  await page.screenshot({ path: `${out}/${shot}.png`, fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  // The phone's first screen only: the long pages' full length at both widths would double
  // the story's time, and the width check below covers the whole page.
  await page.screenshot({ path: `${out}/${shot}-phone.png` });
  // Nothing may stick out sideways on a phone but what scrolls inside its own box.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > 400) problems.push(`${shot}: the page is ${wide}px wide at phone width`);
  await page.setViewportSize(size);
  // The script goes in through the DevTools protocol, which the page's CSP does not govern.
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    window.axe.run(document, { resultTypes: ['violations'] }));
  for (const v of result.violations) {
    if (v.impact === 'serious' || v.impact === 'critical')
      problems.push(`${shot}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  }
}

function expect(condition, what) {
  if (!condition) problems.push(what);
}

async function text(page, selector) {
  return (await page.locator(selector).first().textContent()) ?? '';
}

async function submit(page, form) {
  await Promise.all([page.waitForLoadState('load'), page.locator(form).locator('button[type=submit]').click()]);
}

try {
  // The admin imports the plan (a typo first: the loader's file:line message) and adds users.
  const admin = await person('admin', 'admin-password-1');
  const upload = (content) => ({ name: 'tongzhou-st-2020.yaml', mimeType: 'application/yaml',
    buffer: Buffer.from(content, 'utf8') });
  await admin.goto(`${base}/admin/plans`);
  await admin.setInputFiles('#file', upload(planText.replace('rule: more_than', 'rule: morethan')));
  expectedFailures.count += 1;
  await submit(admin, 'form[action="/admin/plans"]');
  expect(/tongzhou-st-2020\.yaml:\d+:/.test(await text(admin, 'ul.problems')),
    'the plan import error does not name file:line');
  await check(admin, 'admin-plans-error');
  await admin.setInputFiles('#file', upload(planText));
  await submit(admin, 'form[action="/admin/plans"]');
  expect((await admin.locator('.flash').count()) === 1, 'the plan import shows no confirmation');
  for (const [name, role, orgs] of [['王五', 'official', '区科委,通州区人民政府'], ['李四', 'reviewer', ''],
    ['赵六', 'leader', ''], ['审计甲', 'auditor', '']]) {
    await admin.goto(`${base}/admin/users`);
    await admin.fill('#name', name);
    await admin.selectOption('#role', role);
    await admin.fill('#orgs', orgs);
    await admin.fill('#new-password', `password-of-${role}`);
    await submit(admin, 'form[action="/admin/users"]');
    expect((await admin.locator('.flash').count()) === 1, `adding ${name} shows no confirmation`);
  }
  await check(admin, 'admin-users');

  // The official: my work, a bad value (message, nothing stored), a value, a task's progress.
  const official = await person('王五', 'password-of-official');
  await check(official, 'work');
  expect((await official.locator('tbody tr').count()) > 10, 'my work lists too few items');
  await official.goto(`${base}/entries/new?ref=${plan}/patent-applications`);
  await official.fill('#value', '四千八');
  await official.fill('#period', '2019');
  expectedFailures.count += 1;
  await submit(official, 'form[action="/entries"]');
  expect((await text(official, '#value-error')).includes('四千八'), 'a bad value shows no message beside the field');
  await check(official, 'entry-error');
  await official.fill('#value', '4800');
  await official.fill('#source', '2019年统计年报(示例数据)');
  await submit(official, 'form[action="/entries"]');
  expect(official.url().includes('/items/patent-applications?done=logged'), `after logging: ${official.url()}`);
  expect((await official.locator('table.history tbody tr').count()) === 1,
    'the bad value was stored, or the good one was not');
  await official.goto(`${base}/entries/new?ref=${plan}/project-management-platform`);
  await official.selectOption('#state', 'in_progress');
  await official.fill('#period', '2019');
  await official.fill('#note', '平台需求调研完成,进入开发阶段(示例数据)');
  await official.fill('#evidence', '通科委发〔2019〕X号(示例)');
  await check(official, 'entry-task');
  await submit(official, 'form[action="/entries"]');
  await check(official, 'item-task');
  await official.goto(`${base}/approvals?plan=${plan}`);
  await official.selectOption('#org', '区科委');
  await official.fill('#submit-period', '2019');
  await submit(official, 'form.card[action="/approvals"]');
  expect((await official.locator('tr.approval-submitted').count()) === 1, 'the period is not submitted');

  // The reviewer returns it with a reason.
  const reviewer = await person('李四', 'password-of-reviewer');
  await reviewer.goto(`${base}/approvals?plan=${plan}`);
  const row = reviewer.locator('tr.approval-submitted');
  await row.locator('input[name=reason]').first().fill('缺少数据来源说明');
  await Promise.all([reviewer.waitForLoadState('load'), row.locator('form:has(input[value=return]) button').click()]);
  expect((await reviewer.locator('tr.approval-returned').count()) === 1, 'the period is not returned');

  // The official corrects the entry, with a reason, and submits again.
  await official.goto(`${base}/plans/${plan}/items/patent-applications`);
  await official.locator('tr.current details').first().locator('summary').click();
  await official.locator('tr.current form[action$="/correction"] input[name=value]').fill('4700');
  await official.locator('tr.current form[action$="/correction"] input[name=reason]').fill('按年报修订,来源:2019年统计年报');
  await check(official, 'item-target');
  await Promise.all([official.waitForLoadState('load'),
    official.locator('tr.current form[action$="/correction"] button').click()]);
  expect((await official.locator('tr.superseded').count()) === 1, 'the corrected entry is not set apart');
  await official.goto(`${base}/approvals?plan=${plan}`);
  await Promise.all([official.waitForLoadState('load'),
    official.locator('tr.approval-returned form:has(input[value=submit]) button').click()]);
  expect((await official.locator('tr.approval-submitted').count()) === 1, 'the period is not submitted again');

  // The reviewer approves: the period is locked, and says by whom.
  await reviewer.goto(`${base}/approvals?plan=${plan}`);
  await Promise.all([reviewer.waitForLoadState('load'),
    reviewer.locator('tr.approval-submitted form:has(input[value=approve]) button').click()]);
  expect((await text(reviewer, 'tr.approval-approved .lock')).includes('李四'), 'the lock does not name the reviewer');
  await check(reviewer, 'approvals');
  await official.goto(`${base}/entries/new?ref=${plan}/patent-applications`);
  await official.fill('#value', '4900');
  await official.fill('#period', '2019');
  expectedFailures.count += 1;
  await submit(official, 'form[action="/entries"]');
  expect((await text(official, 'p.error')).includes('李四'), 'an entry of the locked period was not refused');

  // The leader opens the dashboard, in Chinese and in English, and the scorecard.
  const leader = await person('赵六', 'password-of-leader');
  await leader.goto(`${base}/plans/${plan}`);
  expect((await leader.locator('svg.chart').count()) >= 10, 'the dashboard shows too few charts');
  await check(leader, 'dashboard');
  await leader.goto(`${base}/scorecard`);
  await check(leader, 'scorecard');
  await leader.goto(`${base}/plans/${plan}?lang=en`);
  expect((await leader.locator('html').getAttribute('lang')) === 'en', 'the English switch does not work');
  await check(leader, 'dashboard-en');

  // The auditor verifies the chain.
  const auditor = await person('审计甲', 'password-of-auditor');
  await auditor.goto(`${base}/audit`);
  expect((await text(auditor, 'main section .ok')).includes('校验通过'), 'the chain does not verify');
  await check(auditor, 'audit');
  await auditor.goto(`${base}/reports`);
  await check(auditor, 'reports');
} finally {
  await browser.close();
}
if (expectedFailures.count !== 0) problems.push(`${expectedFailures.count} expected error pages did not come`);
if (problems.length) {
  for (const p of problems) console.error(p);
  console.log(`${checked} pages checked; 0 passed, 1 failed`);
  process.exit(1);
}
console.log(`${checked} pages checked; 1 passed, 0 failed`);
