// Open a plantrack HTML report in Debian's headless Chromium and check that it loads without
// console errors and shows the expected number of charts; save a screenshot as an artifact.
// Usage: node check_report.mjs REPORT.html EXPECTED_CHARTS SCREENSHOT.png [EXPECTED_TASKS]
import { chromium } from 'playwright-core';

const [report, expected, screenshot, expectedTasks] = process.argv.slice(2);
if (!report || !expected || !screenshot) {
  console.error('usage: node check_report.mjs REPORT.html EXPECTED_CHARTS SCREENSHOT.png');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`external request: ${r.url()}`); });
  await page.goto('file://' + report, { waitUntil: 'load' });
  const charts = await page.locator('svg.chart').count();
  if (charts !== Number(expected)) problems.push(`expected ${expected} charts, found ${charts}`);
  // Each chart has drawn content and a visible size.
  const empty = await page.$$eval('svg.chart', (svgs) =>
    svgs.filter((s) => s.getBoundingClientRect().width < 100 || s.querySelectorAll('line,polyline,circle').length === 0).length);
  if (empty > 0) problems.push(`${empty} charts are empty or collapsed`);
  // Chinese text is laid out with a real font (a missing glyph would render as width 0 boxes).
  if (expectedTasks !== undefined) {
    // Every task has its row with a visible status, and the org scorecard section is laid out.
    const tasks = await page.locator('tr.task-row').count();
    if (tasks !== Number(expectedTasks)) problems.push(`expected ${expectedTasks} tasks, found ${tasks}`);
    const unlabelled = await page.$$eval('tr.task-row', (blocks) =>
      blocks.filter((b) => !b.querySelector('td[class^="status-"]')?.textContent.trim()).length);
    if (unlabelled > 0) problems.push(`${unlabelled} tasks show no status`);
    const orgRows = await page.locator('section.orgs table.scorecard tr').count();
    if (orgRows < 2) problems.push(`the org section has ${orgRows} rows`);
    const orgBox = await page.locator('section.orgs').boundingBox();
    if (!orgBox || orgBox.height < 40) problems.push('the org section is collapsed');
  }
  const title = await page.locator('h1').textContent();
  if (!/[\u4e00-\u9fff]/.test(title)) problems.push(`title has no Chinese text: ${title}`);
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.pdf({ path: screenshot.replace(/\.png$/, '.pdf'), format: 'A4' });
} finally {
  await browser.close();
}
if (problems.length) {
  for (const p of problems) console.error(p);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log('1 passed, 0 failed');
