'use strict';

// A RAM user with AliyunECSReadOnlyAccess and AliyunKMSReadOnlyAccess, made through the RAM API, signs in
// to the console in headless Chromium. Reading works. Every change shows the API's RAM error and, as the
// account's own AccessKey confirms through the API, changes nothing.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startConsole, screenshot, signIn, text } = require('./support/browser');

const REGION = 'cn-hangzhou';
const USER = 'console-reader';

let consoleUnderTest;
let page;
let api;
let baseUrl;
let keyId;
let userKey;

/** Returns what the tests check is unchanged: disks, default encryption, keys and the key's state. */
async function accountState() {
  return {
    disks: (await api.ecs('DescribeDisks', { RegionId: REGION })).TotalCount,
    shanghaiEncryption: (await api.ecs('DescribeDiskEncryptionByDefaultStatus', { RegionId: 'cn-shanghai' })).Encrypted,
    keys: (await api.kms(REGION, 'ListKeys')).TotalCount,
    keyState: (await api.kms(REGION, 'DescribeKey', { KeyId: keyId })).KeyMetadata.KeyState,
  };
}

before(async () => {
  consoleUnderTest = await startConsole();
  ({ page, api, baseUrl } = consoleUnderTest);

  await api.kms(REGION, 'OpenKmsService');
  keyId = (await api.kms(REGION, 'CreateKey', { Description: 'account key' })).KeyMetadata.KeyId;
  await api.kms(REGION, 'CreateAlias', { AliasName: 'alias/account-key', KeyId: keyId });
  await api.ecs('EnableDiskEncryptionByDefault', { RegionId: REGION });
  await api.ecs('ModifyDiskDefaultKMSKeyId', { RegionId: REGION, KMSKeyId: keyId });
  await api.ecs('CreateDisk', { RegionId: REGION, ZoneId: 'cn-hangzhou-b', DiskCategory: 'cloud_essd', Size: '20' });

  await api.ram('CreateUser', { UserName: USER });
  userKey = (await api.ram('CreateAccessKey', { UserName: USER })).AccessKey;
  for (const policy of ['AliyunECSReadOnlyAccess', 'AliyunKMSReadOnlyAccess']) {
    await api.ram('AttachPolicyToUser', { PolicyType: 'System', PolicyName: policy, UserName: USER });
  }

  await signIn(page, baseUrl, userKey.AccessKeyId, userKey.AccessKeySecret);
});

after(async () => {
  await consoleUnderTest?.stop();
});

describe('read-only RAM user', () => {
  let initial;

  before(async () => {
    initial = await accountState();
  });

  test('header names the RAM user', async () => {
    assert.equal(await text(page, '[data-testid="signed-in-as"]'), `${USER} (RAM user of ${consoleUnderTest.server.accountId})`);
  });

  test('sees the Disks, KMS keys and Encryption settings pages', async () => {
    await page.goto(`${baseUrl}/console/disks?region=${REGION}`);
    assert.equal(await text(page, '[data-testid="disks"] caption'), 'Disks in cn-hangzhou: 1 in all');
    assert.equal(await page.locator('.error').count(), 0);

    await page.goto(`${baseUrl}/console/keys?region=${REGION}`);
    assert.equal(await text(page, `tr[data-key-id="${keyId}"] [data-column="aliases"]`), 'alias/account-key');
    assert.equal(await page.locator('.error').count(), 0);

    await page.goto(`${baseUrl}/console/encryption`);
    assert.equal(await text(page, 'tr[data-region="cn-hangzhou"] [data-testid="default-key"]'), keyId);
    assert.equal(await page.locator('.error').count(), 0);
  });

  test('Create Disk shows Forbidden.RAM', async () => {
    await page.goto(`${baseUrl}/console/disks/create?region=${REGION}`);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForLoadState();

    assert.equal(await text(page, '[data-testid="error-code"]'), 'Forbidden.RAM');
    assert.equal(await text(page, '.error p strong'),
      "Your RAM user's policies do not allow this ECS action. Ask the account owner for permission.");
    await screenshot(page, 'ram-user-create-disk');
  });

  test('Add Region shows Forbidden.RAM', async () => {
    await page.goto(`${baseUrl}/console/encryption/add`);
    await page.getByLabel('China (Shanghai) cn-shanghai').check();
    await page.getByRole('button', { name: 'Next: choose keys' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForLoadState();

    const region = page.locator('fieldset[data-region="cn-shanghai"]');
    assert.equal((await region.locator('[data-testid="error-code"]').innerText()).trim(), 'Forbidden.RAM');
  });

  test('Create Key shows Forbidden.NoPermission', async () => {
    await page.goto(`${baseUrl}/console/keys/create?region=${REGION}`);
    await page.getByLabel('Description (optional)').fill('should not exist');
    await page.getByRole('button', { name: 'Create Key' }).click();
    await page.waitForLoadState();

    assert.equal(await text(page, '[data-testid="error-code"]'), 'Forbidden.NoPermission');
    assert.equal(await text(page, '.error p strong'),
      "Your RAM user's policies do not allow this KMS action. Ask the account owner for permission.");
    await screenshot(page, 'ram-user-create-key');
  });

  test('Disable key shows Forbidden.NoPermission', async () => {
    await page.goto(`${baseUrl}/console/keys/${keyId}?region=${REGION}`);
    await page.getByRole('button', { name: 'Disable key' }).click();
    await page.waitForLoadState();

    assert.equal(await text(page, '[data-testid="error-code"]'), 'Forbidden.NoPermission');
    assert.equal(await text(page, '[data-testid="key-state"]'), 'Enabled');
  });

  test('allow-list page rejects a RAM user', async () => {
    const response = await page.goto(`${baseUrl}/console/allow-list`);

    assert.equal(response.status(), 403);
    assert.equal(await text(page, '[data-testid="error-code"]'), 'Console.RootAccountRequired');
    assert.equal(await page.locator('[data-testid="allow-list"]').count(), 0);
  });

  test('nothing changed', async () => {
    assert.deepEqual(await accountState(), initial);
    // Two keys: the account's key and the service key that enabling default encryption created.
    assert.deepEqual(initial, { disks: 1, shanghaiEncryption: false, keys: 2, keyState: 'Enabled' });
  });
});

describe('account AccessKey', () => {
  test('the same forms work for the account', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, baseUrl, ACCESS_KEY_ID, ACCESS_KEY_SECRET);
    await page.goto(`${baseUrl}/console/keys/create?region=${REGION}`);
    await page.getByRole('button', { name: 'Create Key' }).click();
    await page.waitForURL(/done=created/);

    assert.equal((await api.kms(REGION, 'ListKeys')).TotalCount, 3);
  });
});

describe('RAM user without policies', () => {
  before(async () => {
    await api.ram('CreateUser', { UserName: 'console-nobody' });
    const key = (await api.ram('CreateAccessKey', { UserName: 'console-nobody' })).AccessKey;
    await page.context().clearCookies();
    await signIn(page, baseUrl, key.AccessKeyId, key.AccessKeySecret);
  });

  test('denied lists say they were not read', async () => {
    const pages = [
      ['/console/encryption', 'The settings could not be read; the error above says why.', 'Forbidden.RAM'],
      [`/console/disks?region=${REGION}`, 'The list could not be read; the error above says why.', 'Forbidden.RAM'],
      [`/console/snapshots?region=${REGION}`, 'The list could not be read; the error above says why.', 'Forbidden.RAM'],
      [`/console/keys?region=${REGION}`, 'The list could not be read; the error above says why.', 'Forbidden.NoPermission'],
    ];
    for (const [path, message, code] of pages) {
      await page.goto(`${baseUrl}${path}`);
      assert.equal(await text(page, '[data-testid="error-code"]'), code, path);
      assert.equal(await text(page, 'tbody tr td'), message, path);
    }
  });
});
