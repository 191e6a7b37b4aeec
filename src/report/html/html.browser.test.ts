// The HTML report in a real browser: Debian's Chromium (/usr/bin/chromium) driven by playwright-core,
// which never downloads a browser of its own. Install it with scripts/install-browser.sh. Without it
// these tests are reported as skipped, except in CI (CI set), where a missing browser is a failure;
// PYWARD_SKIP_BROWSER=1 skips them everywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { formatHtml } from './index.js';
import { htmlResult } from './fixtures.js';

/** PYWARD_CHROMIUM names another Chromium binary (also how the skip/fail paths below are checked). */
const CHROMIUM = process.env['PYWARD_CHROMIUM'] || '/usr/bin/chromium';
const IN_CI = !!process.env['CI'] && !/^(0|false)$/i.test(process.env['CI']!);
const SKIP: string | false = process.env['PYWARD_SKIP_BROWSER'] === '1'
  ? 'PYWARD_SKIP_BROWSER=1'
  : !existsSync(CHROMIUM) && !IN_CI
    ? `${CHROMIUM} not found: browser tests skipped (scripts/install-browser.sh installs it; with CI set a missing browser fails)`
    : false;
const OUT_DIR = resolve('test-output');

let browser: Browser | undefined;
let page: Page;
let dir: string;
const problems: string[] = [];

before(async () => {
  if (SKIP) return;
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing and CI is set: run scripts/install-browser.sh (or set PYWARD_SKIP_BROWSER=1 to skip the browser tests)`);
  }
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  dir = mkdtempSync(join(tmpdir(), 'pyward-html-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, formatHtml(htmlResult(), { generatedAt: new Date('2024-05-01T12:34:56Z') }));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const opts = { skip: SKIP };

/** Back to the initial state: no filter, every row collapsed, sorted by severity. */
async function reset(): Promise<void> {
  await page.click('#f-clear');
  await page.click('#collapse-all');
  for (const section of ['code', 'dependencies', 'secrets']) {
    const th = page.locator(`#${section} th:has(button[data-sort="severity"])`);
    while ((await th.getAttribute('aria-sort')) !== 'ascending') await th.locator('button').click();
  }
}

/** Visible finding rows of one table, as "ruleId path:line:col". */
async function visibleRows(section: string): Promise<string[]> {
  return page.$$eval(`table[data-table="${section}"] tr.finding-row`, (rows) =>
    rows
      .filter((r) => !(r as HTMLElement).hidden && (r as HTMLElement).offsetParent !== null)
      .map((r) => `${r.querySelector('.col-rule .rule-id')!.textContent} ${r.querySelector('.col-loc')!.textContent}`),
  );
}

test('browser: report loads without errors, hostile content does not run', opts, async () => {
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned), undefined);
  assert.equal(await page.locator('img, iframe, object, embed').count(), 0, 'no element from the data');
  assert.equal(await page.locator('script').count(), 2);
  // The hostile strings are shown as text.
  const text = await page.locator('#skipped').innerText();
  assert.ok(text.includes('<svg onload="window.__pwned = true">.py'), text);
  assert.ok((await page.locator('#code').innerText()).includes('</script><script>window.__pwned = true</script> <img src=x onerror='));
  assert.deepEqual(problems, []);
});

test('browser: all rows shown, sorted by severity', opts, async () => {
  await reset();
  assert.deepEqual(await visibleRows('code'), [
    'PW501 app/db.py:20:9',
    'PW501 app/api.py:41:9',
    'PW101 app/views.py:12:5',
    'PW101 app/views.py:30:5',
    'PW101 app/<script>window.__pwned = true</script>.py:7:1',
    'PW9<b><script>window.__pwned = true</script> app/<script>window.__pwned = true</script>.py:7:1',
  ]);
  assert.equal((await visibleRows('dependency')).length, 2);
  assert.deepEqual(await visibleRows('secret'), ['PW301 settings.py:4:11']);
  assert.equal(await page.locator('#f-status').innerText(), '9 findings');
});

test('browser: filter by severity, category, rule and text', opts, async () => {
  await reset();
  await page.selectOption('#f-severity', 'critical');
  assert.deepEqual(await visibleRows('code'), ['PW501 app/db.py:20:9']);
  assert.deepEqual(await visibleRows('secret'), ['PW301 settings.py:4:11']);
  assert.deepEqual(await visibleRows('dependency'), []);
  assert.equal(await page.locator('#f-status').innerText(), 'Showing 2 of 9 findings');
  assert.equal(await page.locator('[data-count="code"]').innerText(), '1 of 6');
  assert.ok(await page.locator('[data-empty="dependency"]').isVisible(), 'empty state of a filtered-out section');

  await page.selectOption('#f-severity', '');
  await page.fill('#f-text', 'VIEWS.py');
  assert.deepEqual(await visibleRows('code'), ['PW101 app/views.py:12:5', 'PW101 app/views.py:30:5']);
  await page.fill('#f-text', 'requests 2.30');
  assert.deepEqual(await visibleRows('code'), []);
  assert.equal((await visibleRows('dependency')).length, 1);
  await page.fill('#f-text', '');

  await page.selectOption('#f-rule', 'PW501');
  assert.equal((await visibleRows('code')).length, 2);
  await page.selectOption('#f-rule', '');
  await page.selectOption('#f-category', 'injection');
  assert.equal((await visibleRows('code')).length, 3);
  await page.click('#f-clear');
  assert.equal((await visibleRows('code')).length, 6);

  // A bar of the summary chart sets the filter.
  await page.click('button.bar-row[data-kind="severity"][data-value="medium"]');
  assert.equal(await page.locator('#f-severity').inputValue(), 'medium');
  assert.deepEqual(await visibleRows('code'), ['PW101 app/views.py:30:5']);
  await page.click('#f-clear');
});

test('browser: sort by path and rule, both directions', opts, async () => {
  await reset();
  const path = page.locator('#code button.sort[data-sort="path"]');
  await path.click();
  assert.equal(await page.locator('#code th:has(button[data-sort="path"])').getAttribute('aria-sort'), 'ascending');
  const asc = await visibleRows('code');
  assert.deepEqual(asc.slice(0, 4), ['PW101 app/<script>window.__pwned = true</script>.py:7:1', 'PW9<b><script>window.__pwned = true</script> app/<script>window.__pwned = true</script>.py:7:1', 'PW501 app/api.py:41:9', 'PW501 app/db.py:20:9']);
  await path.click();
  assert.equal(await page.locator('#code th:has(button[data-sort="path"])').getAttribute('aria-sort'), 'descending');
  assert.deepEqual((await visibleRows('code'))[0], 'PW101 app/views.py:30:5');
  await page.click('#code button.sort[data-sort="rule"]');
  assert.deepEqual((await visibleRows('code')).map((r) => r.split(' ')[0]), ['PW101', 'PW101', 'PW101', 'PW501', 'PW501', 'PW9<b><script>window.__pwned']);
  await page.click('#code button.sort[data-sort="severity"]');
  assert.deepEqual((await visibleRows('code'))[0], 'PW501 app/db.py:20:9');
});

test('browser: expand with the keyboard shows snippet, highlighted line, trace and fix', opts, async () => {
  await reset();
  const row = page.locator('#code tr.finding-row').first();
  const button = row.locator('button.expander');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const detail = page.locator(`#${await button.getAttribute('aria-controls')}`);
  assert.ok(await detail.isVisible());
  const snippet = detail.locator('pre.snippet');
  assert.ok(await snippet.isVisible());
  assert.equal(await snippet.locator('.line.hl .ln').innerText(), '20');
  assert.equal(await snippet.locator('.line.hl .src').innerText(), '        cur.execute(query)');
  assert.equal(await snippet.locator('mark').innerText(), 'cur.execute(query)');
  const steps = detail.locator('ol.trace li');
  assert.equal(await steps.count(), 3);
  assert.equal(await steps.nth(0).locator('.step-loc').innerText(), 'app/db.py:15:10');
  assert.equal(await steps.nth(0).locator('.step-note').innerText(), 'source: request.args["id"]');
  assert.ok(await steps.nth(2).isVisible());
  const fix = detail.locator('.fix-text');
  assert.ok(await fix.isVisible());
  assert.ok((await fix.innerText()).startsWith('Use query parameters.'));
  assert.ok((await detail.locator('pre.example').innerText()).includes('cur.execute("SELECT * FROM t WHERE id = %s", (request.args["id"],))'));
  assert.ok((await detail.locator('.rule-what').innerText()).includes('Tracks request data into SQL execution.'));

  // Space collapses it again; filters keep an open row's detail in step with the row.
  await page.keyboard.press('Space');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.ok(!(await detail.isVisible()));
});

test('browser: hostile snippet is shown as text with invisible characters made visible', opts, async () => {
  await reset();
  const row = page.locator('#code tr.finding-row', { hasText: 'PW101' }).filter({ hasText: '<script>' }).first();
  await row.locator('button.expander').click();
  const detail = page.locator(`#${await row.locator('button.expander').getAttribute('aria-controls')}`);
  const lines = detail.locator('pre.snippet .line');
  assert.equal(await lines.count(), 2);
  assert.deepEqual(await lines.locator('.ln').allInnerTexts(), ['7', '8']);
  assert.ok((await lines.nth(0).innerText()).includes('html = "<script>window.__pwned = true</script>"'));
  assert.equal(await detail.locator('.ctl').first().innerText(), '\\u2028');
  assert.equal(await detail.locator('.step-note').innerText(), '<!-- <script>window.__pwned = true</script>');
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned), undefined);
  await row.locator('button.expander').click();
});

test('browser: dependency details and external links', opts, async () => {
  await reset();
  const row = page.locator('#dependencies tr.finding-row', { hasText: 'PYSEC-2023-62' });
  await row.click();
  const detail = page.locator('#dependencies tr.detail-row:not([hidden])');
  const facts = await detail.locator('.facts').innerText();
  assert.match(facts, /Fixed in\s+2\.31\.0/);
  assert.match(facts, /CVSS\s+6\.1/);
  await row.click();
  // The javascript: URL of the other advisory was dropped; no link without rel=noopener.
  const rels = await page.$$eval('a[target="_blank"]', (as) => as.map((a) => a.getAttribute('rel')));
  for (const rel of rels) assert.equal(rel, 'noopener noreferrer');
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
});

test('browser: screenshots (light and dark)', opts, async () => {
  await reset();
  mkdirSync(OUT_DIR, { recursive: true });
  await page.locator('#code tr.finding-row').first().locator('button.expander').click();
  await page.screenshot({ path: join(OUT_DIR, 'html-report.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(OUT_DIR, 'html-report-dark.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  assert.ok(existsSync(join(OUT_DIR, 'html-report.png')));
  assert.deepEqual(problems, []);
});
