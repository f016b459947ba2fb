'use strict';

// The default encryption allow-list page in headless Chromium: read-only for an account while operator mode
// is off, and allow or deny for every account with ECSLOCAL_CONSOLE_OPERATOR=true. Each change is checked by
// the other account's own API calls.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { runCliOk } = require('../sdk/support/server');
const { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startConsole, screenshot, signIn, text } = require('./support/browser');
const { createClient } = require('./support/rpc');

const REGION = 'cn-hangzhou';
const OTHER_ACCOUNT = '1700000000000007';
const OTHER_KEY_ID = 'LTAIotheraccount';
const OTHER_SECRET = 'secret-of-other-account';

/** Adds an account that is not allow-listed, with an AccessKey, through the operator CLI. */
function addOtherAccount(dataDir) {
  runCliOk(dataDir, ['account', 'create', '--account-id', OTHER_ACCOUNT, '--not-allow-listed']);
  runCliOk(dataDir, ['access-key', 'create', '--account', OTHER_ACCOUNT, '--access-key-id', OTHER_KEY_ID, '--access-key-secret', OTHER_SECRET]);
}

/** Returns the error code, or OK, of EnableDiskEncryptionByDefault signed by the other account. */
async function otherAccountEnable(port) {
  const other = createClient(port, OTHER_KEY_ID, OTHER_SECRET);
  const response = await other.ecsCall('EnableDiskEncryptionByDefault', { RegionId: REGION });
  return response.status === 200 ? 'OK' : response.body.Code;
}

async function allowListRows(page) {
  return page.locator('tr[data-account-id]').evaluateAll((rows) => rows.map((row) => [
    row.dataset.accountId, row.querySelector('[data-column="allowed"]').innerText.trim(),
  ]));
}

describe('operator mode off', () => {
  let consoleUnderTest;

  before(async () => {
    consoleUnderTest = await startConsole();
    addOtherAccount(consoleUnderTest.dataDir);
    await signIn(consoleUnderTest.page, consoleUnderTest.baseUrl, ACCESS_KEY_ID, ACCESS_KEY_SECRET);
  });

  after(async () => {
    await consoleUnderTest?.stop();
  });

  test('account sees only its own status', async () => {
    const { page, baseUrl, server } = consoleUnderTest;
    await page.goto(`${baseUrl}/console/allow-list`);

    assert.deepEqual(await allowListRows(page), [[server.accountId, 'Yes']]);
    assert.match(await text(page, '[data-testid="operator-mode"]'), /^Operator mode is off, so this page shows your account only\./);
    assert.equal(await page.getByRole('button', { name: /^(Allow|Deny) account/ }).count(), 0);
    await screenshot(page, 'allow-list-read-only');
  });

  test('a forged change is rejected', async () => {
    const { page, baseUrl, server } = consoleUnderTest;
    await page.goto(`${baseUrl}/console/allow-list`);
    // The page offers no form, so the test posts one with the page's antiforgery token, as a crafted request would.
    const status = await page.evaluate(async (accountId) => {
      const token = document.querySelector('input[name="__RequestVerificationToken"]').value;
      const body = new URLSearchParams({ AccountId: accountId, Allowed: 'true', __RequestVerificationToken: token });
      const response = await fetch('/console/allow-list', { method: 'POST', body });
      document.body.innerHTML = await response.text();
      return response.status;
    }, OTHER_ACCOUNT);

    assert.equal(status, 403);
    assert.equal(await text(page, '[data-testid="error-code"]'), 'Console.OperatorModeOff');
    assert.equal(await otherAccountEnable(server.port), 'UserNotInTheWhiteList');
  });
});

describe('operator mode on', () => {
  let consoleUnderTest;

  before(async () => {
    consoleUnderTest = await startConsole({ ECSLOCAL_CONSOLE_OPERATOR: 'true' });
    addOtherAccount(consoleUnderTest.dataDir);
    await signIn(consoleUnderTest.page, consoleUnderTest.baseUrl, ACCESS_KEY_ID, ACCESS_KEY_SECRET);
  });

  after(async () => {
    await consoleUnderTest?.stop();
  });

  test('lists every account', async () => {
    const { page, baseUrl, server } = consoleUnderTest;
    await page.goto(`${baseUrl}/console/allow-list`);

    assert.deepEqual((await allowListRows(page)).sort(), [[server.accountId, 'Yes'], [OTHER_ACCOUNT, 'No']].sort());
    assert.equal(await text(page, '[data-testid="operator-mode"]'),
      'Operator mode is on: the AccessKey of every account can allow or deny every account here.');
  });

  test('Allow puts the account on the allow-list', async () => {
    const { page, baseUrl, server } = consoleUnderTest;
    assert.equal(await otherAccountEnable(server.port), 'UserNotInTheWhiteList');
    await page.goto(`${baseUrl}/console/allow-list`);
    await page.getByRole('button', { name: `Allow account ${OTHER_ACCOUNT}` }).click();
    await page.waitForURL(/changed=1700000000000007&allowed=true/);

    assert.equal(await text(page, '.notice'), `Account ${OTHER_ACCOUNT} is on the allow-list.`);
    assert.equal(await text(page, `tr[data-account-id="${OTHER_ACCOUNT}"] [data-column="allowed"]`), 'Yes');
    // Past the allow-list check, the next rule rejects it: the account has not activated KMS.
    assert.equal(await otherAccountEnable(server.port), 'InvalidParameter.KmsNotEnabled');
    await screenshot(page, 'allow-list-operator');
  });

  test('Deny takes the account off again', async () => {
    const { page, baseUrl, server } = consoleUnderTest;
    await page.getByRole('button', { name: `Deny account ${OTHER_ACCOUNT}` }).click();
    await page.waitForURL(/allowed=false/);

    assert.equal(await text(page, '.notice'), `Account ${OTHER_ACCOUNT} is off the allow-list.`);
    assert.equal(await text(page, `tr[data-account-id="${OTHER_ACCOUNT}"] [data-column="allowed"]`), 'No');
    assert.equal(await otherAccountEnable(server.port), 'UserNotInTheWhiteList');
  });

  test('unknown account shows AccountNotFound', async () => {
    const { page, baseUrl } = consoleUnderTest;
    await page.goto(`${baseUrl}/console/allow-list`);
    await page.locator(`tr[data-account-id="${OTHER_ACCOUNT}"] input[name="AccountId"]`).evaluate((input) => { input.value = '1999999999999999'; });
    await page.getByRole('button', { name: `Allow account ${OTHER_ACCOUNT}` }).click();
    await page.waitForLoadState();

    assert.equal(await text(page, '[data-testid="error-code"]'), 'AccountNotFound');
    assert.equal(await text(page, `tr[data-account-id="${OTHER_ACCOUNT}"] [data-column="allowed"]`), 'No');
  });
});
