'use strict';

// Drives the web console in headless Chromium (Debian's /usr/bin/chromium through playwright-core) against
// a real EcsLocal server on 127.0.0.1: sign-in, default encryption per region, disks and their keys.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const { startServer, createDataDir, removeDataDir, ACCESS_KEY_ID, ACCESS_KEY_SECRET } = require('../sdk/support/server');
const { createClient } = require('./support/rpc');

const CHROMIUM = process.env.ECSLOCAL_CHROMIUM || '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, 'artifacts');
const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 400, height: 800 };

const REGION_REASON = 'Default key of the region (default encryption on)';
const SPECIFIED_REASON = 'Key chosen when the disk was created';

let server;
let dataDir;
let api;
let browser;
let page;
let baseUrl;
const keys = {};
const requestedUrls = [];

async function screenshot(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function signIn(accessKeyId, secret) {
  await page.goto(`${baseUrl}/console/signin`);
  await page.getByLabel('AccessKey ID').fill(accessKeyId);
  await page.getByLabel('AccessKey secret').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function text(selector) {
  return (await page.locator(selector).innerText()).trim();
}

/** Creates a disk through the console form in the region, leaving the key as preselected unless keyId is given. */
async function createDiskInConsole(region, keyId) {
  await page.goto(`${baseUrl}/console/disks/create?region=${region}`);
  if (keyId !== undefined) {
    await page.getByLabel('KMS key').selectOption(keyId);
  }
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.waitForURL(/\/console\/disks\?region=.*&created=d-/);
  return new URL(page.url()).searchParams.get('created');
}

async function diskRow(diskId) {
  const row = page.locator(`tr[data-disk-id="${diskId}"]`);
  return {
    encrypted: (await row.locator('[data-column="encrypted"]').innerText()).trim(),
    key: (await row.locator('[data-column="key"] code').innerText()).trim(),
    reason: (await row.locator('[data-column="reason"]').innerText()).trim(),
  };
}

before(async () => {
  dataDir = createDataDir();
  server = await startServer({ dataDir, env: { ECSLOCAL_DISK_READY_MS: '0' } });
  baseUrl = `http://127.0.0.1:${server.port}`;
  api = createClient(server.port, ACCESS_KEY_ID, ACCESS_KEY_SECRET);

  for (const region of ['cn-hangzhou', 'cn-shanghai']) {
    await api.kms(region, 'OpenKmsService');
  }
  keys.hangzhou = (await api.kms('cn-hangzhou', 'CreateKey', { Description: 'console default' })).KeyMetadata.KeyId;
  keys.hangzhouOther = (await api.kms('cn-hangzhou', 'CreateKey', { Description: 'console other' })).KeyMetadata.KeyId;
  keys.shanghai = (await api.kms('cn-shanghai', 'CreateKey', { Description: 'console default' })).KeyMetadata.KeyId;
  await api.kms('cn-hangzhou', 'CreateAlias', { AliasName: 'alias/console-hangzhou', KeyId: keys.hangzhou });

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: DESKTOP });
  page = await context.newPage();
  page.on('request', (request) => requestedUrls.push(request.url()));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dataDir) {
    removeDataDir(dataDir);
  }
});

describe('sign-in', () => {
  test('wrong secret is rejected with its code', async () => {
    await signIn(ACCESS_KEY_ID, 'not-the-secret');

    assert.equal(await text('[data-testid="error-code"]'), 'SignatureDoesNotMatch');
    assert.match(await text('.error'), /The AccessKey secret is not correct for this AccessKey ID\./);
    assert.equal(new URL(page.url()).pathname, '/console/signin');
    const cookies = await page.context().cookies();
    assert.equal(cookies.some((cookie) => cookie.name === 'ecslocal-console-session'), false);
    await screenshot('sign-in-rejected');
  });

  test('unknown AccessKey is rejected with its code', async () => {
    await signIn('LTAInobody', 'whatever');

    assert.equal(await text('[data-testid="error-code"]'), 'InvalidAccessKeyId.NotFound');
  });

  test('pages need a session', async () => {
    await page.goto(`${baseUrl}/console/disks`);

    assert.equal(new URL(page.url()).pathname, '/console/signin');
  });

  test('keyboard sign-in opens the overview', async () => {
    await page.goto(`${baseUrl}/console/signin`);
    await page.getByLabel('AccessKey ID').focus();
    await page.keyboard.type(ACCESS_KEY_ID);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ACCESS_KEY_SECRET);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/console`);

    assert.equal(await text('h1'), 'Overview');
    assert.equal(await text('#common-features'), 'Common Features');
    assert.equal(await text('[data-testid="signed-in-as"]'), `Account ${server.accountId}`);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'ecslocal-console-session');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
  });
});

describe('default encryption settings', () => {
  test('Add Region enables two regions with their own keys', async () => {
    await page.getByRole('link', { name: 'Configure Encryption Settings' }).click();
    await page.getByRole('link', { name: 'Add Region' }).click();
    await page.getByLabel('China (Hangzhou) cn-hangzhou').check();
    await page.getByLabel('China (Shanghai) cn-shanghai').check();
    await page.getByRole('button', { name: 'Next: choose keys' }).click();
    await page.locator('#key-cn-hangzhou').selectOption(keys.hangzhou);
    await page.locator('#key-cn-shanghai').selectOption(keys.shanghai);
    await screenshot('add-region');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/\/console\/encryption\?added=/);

    assert.equal(await text('.notice'), 'Default encryption is on in cn-hangzhou, cn-shanghai.');
    assert.equal(await text('tr[data-region="cn-hangzhou"] [data-testid="default-key"]'), keys.hangzhou);
    assert.equal(await text('tr[data-region="cn-shanghai"] [data-testid="default-key"]'), keys.shanghai);
    assert.match(await text('tr[data-region="cn-hangzhou"]'), /alias\/console-hangzhou/);
    assert.equal((await api.ecs('DescribeDiskDefaultKMSKeyId', { RegionId: 'cn-shanghai' })).KMSKeyId, keys.shanghai);
    assert.equal((await api.ecs('DescribeDiskEncryptionByDefaultStatus', { RegionId: 'cn-hangzhou' })).Encrypted, true);
    await screenshot('encryption-settings');
  });

  test('region without KMS shows the error and its code', async () => {
    await page.goto(`${baseUrl}/console/encryption/add`);
    await page.getByLabel('China (Beijing) cn-beijing').check();
    await page.getByRole('button', { name: 'Next: choose keys' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();

    const region = page.locator('fieldset[data-region="cn-beijing"]');
    assert.equal((await region.locator('[data-testid="error-code"]').innerText()).trim(), 'InvalidParameter.KmsNotEnabled');
    assert.match(await region.locator('.error').innerText(), /KMS is not activated for this account in this region\./);
    assert.equal((await api.ecs('DescribeDiskEncryptionByDefaultStatus', { RegionId: 'cn-beijing' })).Encrypted, false);
    await screenshot('add-region-error');
  });

  test('overview counts the enabled regions', async () => {
    await page.goto(`${baseUrl}/console`);

    assert.equal(await text('[data-testid="overview-encryption-summary"]'),
      'Default encryption is on in 2 of 29 regions: cn-hangzhou, cn-shanghai.');
    await screenshot('overview');
  });
});

describe('disks', () => {
  const created = {};

  test('Create Disk keeps encryption selected and preselects the default key', async () => {
    await page.goto(`${baseUrl}/console/disks/create?region=cn-hangzhou`);
    const encrypted = page.getByLabel('Encrypted');

    assert.equal(await encrypted.isChecked(), true);
    assert.equal(await encrypted.isDisabled(), true);
    assert.equal(await page.getByLabel('KMS key').inputValue(), '');
    assert.equal((await page.locator('#kms-key option:checked').innerText()).trim(),
      `Region default key: alias/console-hangzhou (${keys.hangzhou})`);
    await screenshot('create-disk');
  });

  test('disks in each region get the region default key', async () => {
    created.hangzhou = await createDiskInConsole('cn-hangzhou');
    assert.deepEqual(await diskRow(created.hangzhou), { encrypted: 'Yes', key: keys.hangzhou, reason: REGION_REASON });
    await screenshot('disks');

    created.shanghai = await createDiskInConsole('cn-shanghai');
    assert.deepEqual(await diskRow(created.shanghai), { encrypted: 'Yes', key: keys.shanghai, reason: REGION_REASON });
  });

  test('another key can be chosen', async () => {
    const diskId = await createDiskInConsole('cn-hangzhou', keys.hangzhouOther);

    assert.deepEqual(await diskRow(diskId), { encrypted: 'Yes', key: keys.hangzhouOther, reason: SPECIFIED_REASON });
  });

  test('removing a region lets new disks there stay plain', async () => {
    await page.goto(`${baseUrl}/console/encryption`);
    await page.getByRole('button', { name: 'Remove cn-shanghai: turn default encryption off' }).click();
    await page.waitForURL(/\/console\/encryption\?removed=cn-shanghai/);

    assert.equal(await text('.notice'), 'Default encryption is off in cn-shanghai. Disks created there before keep their encryption.');
    assert.equal(await page.locator('tr[data-region="cn-shanghai"]').count(), 0);
    assert.equal(await page.locator('tr[data-region="cn-hangzhou"]').count(), 1);
    assert.equal((await api.ecs('DescribeDiskEncryptionByDefaultStatus', { RegionId: 'cn-shanghai' })).Encrypted, false);

    await page.goto(`${baseUrl}/console/disks/create?region=cn-shanghai`);
    const encrypted = page.getByLabel('Encrypted');
    assert.equal(await encrypted.isChecked(), false);
    assert.equal(await encrypted.isDisabled(), false);

    const plain = await createDiskInConsole('cn-shanghai');
    assert.deepEqual(await diskRow(plain), { encrypted: 'No', key: '', reason: '' });
    assert.deepEqual(await diskRow(created.shanghai), { encrypted: 'Yes', key: keys.shanghai, reason: REGION_REASON });
  });

  test('key with Encrypted cleared shows the API error', async () => {
    await page.goto(`${baseUrl}/console/disks/create?region=cn-shanghai`);
    await page.getByLabel('KMS key').selectOption(keys.shanghai);
    await page.getByRole('button', { name: 'Create', exact: true }).click();

    assert.equal(await text('[data-testid="error-code"]'), 'InvalidEncrypted.NotMatchKmsKeyId');
    assert.match(await text('.error'), /A KMS key was chosen for a disk that is not encrypted\./);
  });

  test('list pages through the disks of a region', async () => {
    for (let i = 0; i < 12; i++) {
      await api.ecs('CreateDisk', { RegionId: 'cn-qingdao', ZoneId: 'cn-qingdao-b', DiskCategory: 'cloud_essd', Size: '20' });
    }

    await page.goto(`${baseUrl}/console/disks?region=cn-qingdao`);
    assert.equal(await page.locator('tr[data-disk-id]').count(), 10);
    assert.equal(await text('.pager span'), 'Page 1 of 2');

    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/pageNumber=2/);
    assert.equal(await page.locator('tr[data-disk-id]').count(), 2);
    assert.equal(await text('.pager span'), 'Page 2 of 2');
  });

  test('filter shows encrypted disks only', async () => {
    await page.goto(`${baseUrl}/console/disks?region=cn-shanghai`);
    await page.getByLabel('Encrypted').selectOption('true');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/encrypted=true/);

    const ids = await page.locator('tr[data-disk-id]').evaluateAll((rows) => rows.map((row) => row.dataset.diskId));
    assert.deepEqual(ids, [created.shanghai]);
  });

  test('narrow window keeps the page within its width', async () => {
    await page.setViewportSize(NARROW);
    await page.goto(`${baseUrl}/console/disks?region=cn-hangzhou`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await screenshot('disks-narrow');
    await page.setViewportSize(DESKTOP);

    assert.equal(overflow, 0);
  });
});

describe('sign-out', () => {
  test('ends the session on the server', async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === 'ecslocal-console-session');
    await page.goto(`${baseUrl}/console`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/signin\?signedOut=true/);
    assert.equal(await text('.notice'), 'You have signed out.');

    await page.context().addCookies([cookie]);
    await page.goto(`${baseUrl}/console`);
    assert.equal(new URL(page.url()).pathname, '/console/signin');
  });

  test('no URL carried the secret', () => {
    assert.ok(requestedUrls.length > 20);
    assert.deepEqual(requestedUrls.filter((url) => url.includes(ACCESS_KEY_SECRET) || url.includes('not-the-secret')), []);
  });
});
