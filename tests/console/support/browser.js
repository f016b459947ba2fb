'use strict';

// Starts an EcsLocal server and a headless Chromium page for one browser test file, with the helpers the
// console tests share.

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const { startServer, createDataDir, removeDataDir, ACCESS_KEY_ID, ACCESS_KEY_SECRET } = require('../../sdk/support/server');
const { createClient } = require('./rpc');

const CHROMIUM = process.env.ECSLOCAL_CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 400, height: 800 };

/**
 * Starts a server with new disks and snapshots ready at once, plus env, and a browser page at DESKTOP size.
 * Returns { server, dataDir, api, baseUrl, browser, page, stop }, where api is signed with the bootstrap AccessKey.
 */
async function startConsole(env = {}) {
  const dataDir = createDataDir();
  const server = await startServer({ dataDir, env: { ECSLOCAL_DISK_READY_MS: '0', ECSLOCAL_SNAPSHOT_READY_MS: '0', ...env } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  return {
    server,
    dataDir,
    api: createClient(server.port, ACCESS_KEY_ID, ACCESS_KEY_SECRET),
    baseUrl: `http://127.0.0.1:${server.port}`,
    browser,
    page,
    stop: async () => {
      await browser.close();
      await server.stop();
      removeDataDir(dataDir);
    },
  };
}

async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function signIn(page, baseUrl, accessKeyId, secret) {
  await page.goto(`${baseUrl}/console/signin`);
  await page.getByLabel('AccessKey ID').fill(accessKeyId);
  await page.getByLabel('AccessKey secret').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/console`);
}

async function text(page, selector) {
  return (await page.locator(selector).innerText()).trim();
}

/** Returns the trimmed text of each cell with data-column in the row, by column name. */
async function rowColumns(row) {
  return row.locator('[data-column]').evaluateAll((cells) =>
    Object.fromEntries(cells.map((cell) => [cell.dataset.column, cell.innerText.trim()])));
}

/** Returns how many pixels the page is wider than the window; 0 means no horizontal scrolling. */
async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

module.exports = {
  ACCESS_KEY_ID, ACCESS_KEY_SECRET, DESKTOP, NARROW, startConsole, screenshot, signIn, text, rowColumns, horizontalOverflow,
};
