'use strict';

// The KMS keys pages in headless Chromium: activation, the key lifecycle, aliases and the API's errors,
// each checked through the API afterwards. The last tests cover the navigation at 400 px and by keyboard.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const {
  ACCESS_KEY_ID, ACCESS_KEY_SECRET, DESKTOP, NARROW, startConsole, screenshot, signIn, text, rowColumns, horizontalOverflow,
} = require('./support/browser');

const REGION = 'cn-hangzhou';
const INVALID_WINDOW_MESSAGE = 'API message: The specified parameter "PendingWindowInDays" is not valid.';
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

let consoleUnderTest;
let page;
let api;
let baseUrl;
let lifecycleKey;

async function keyState(keyId, region = REGION) {
  return (await api.kms(region, 'DescribeKey', { KeyId: keyId })).KeyMetadata.KeyState;
}

async function aliasesOf(keyId) {
  const listed = await api.kms(REGION, 'ListAliasesByKeyId', { KeyId: keyId });
  return listed.Aliases.Alias.map((alias) => alias.AliasName);
}

async function openKey(keyId) {
  await page.goto(`${baseUrl}/console/keys/${keyId}?region=${REGION}`);
}

/** Submits the pending window form with the value as typed, without the browser's own number, min and max checks. */
async function scheduleDeletion(days) {
  const field = page.getByLabel('Pending window (days)');
  await field.evaluate((input) => {
    input.removeAttribute('min');
    input.removeAttribute('max');
    input.type = 'text';
  });
  await field.fill(days);
  await page.getByRole('button', { name: 'Schedule deletion' }).click();
  await page.waitForLoadState();
}

before(async () => {
  consoleUnderTest = await startConsole();
  ({ page, api, baseUrl } = consoleUnderTest);
  await api.kms(REGION, 'OpenKmsService');
  await signIn(page, baseUrl, ACCESS_KEY_ID, ACCESS_KEY_SECRET);
});

after(async () => {
  await consoleUnderTest?.stop();
});

describe('activation', () => {
  test('region without KMS offers activation', async () => {
    await page.goto(`${baseUrl}/console/keys?region=cn-beijing`);

    assert.equal(await text(page, '[data-testid="error-code"]'), 'Forbidden.KmsServiceNotEnabled');
    assert.match(await text(page, '.error'), /KMS is not activated for this account in this region, so its keys cannot be listed\./);

    await page.getByRole('button', { name: 'Activate KMS in cn-beijing' }).click();
    await page.waitForURL(/activated=true/);

    assert.equal(await text(page, '.notice'), 'KMS is activated in cn-beijing.');
    assert.equal(await text(page, 'caption'), 'KMS keys in cn-beijing: 0 in all');
    assert.equal((await api.kms('cn-beijing', 'DescribeAccountKmsStatus')).AccountStatus, 'Enabled');
  });
});

describe('key lifecycle', () => {
  test('Create Key makes a key with its alias', async () => {
    await page.goto(`${baseUrl}/console/keys?region=${REGION}`);
    await page.getByRole('link', { name: 'Create Key' }).click();
    await page.getByLabel('Description (optional)').fill('console lifecycle');
    await page.getByLabel('Alias (optional)').fill('alias/console-lifecycle');
    await page.getByRole('button', { name: 'Create Key' }).click();
    await page.waitForURL(/\/console\/keys\/[0-9a-f-]{36}\?region=cn-hangzhou&done=created$/);
    lifecycleKey = new URL(page.url()).pathname.split('/').pop();

    assert.equal(await text(page, '.notice'), 'Created the key.');
    assert.equal(await text(page, '[data-testid="key-state"]'), 'Enabled');
    assert.deepEqual(await page.locator('[data-alias]').evaluateAll((items) => items.map((item) => item.dataset.alias)),
      ['alias/console-lifecycle']);
    const metadata = (await api.kms(REGION, 'DescribeKey', { KeyId: lifecycleKey })).KeyMetadata;
    assert.equal(metadata.Description, 'console lifecycle');
    assert.equal(metadata.KeySpec, 'Aliyun_AES_256');
    assert.deepEqual(await aliasesOf(lifecycleKey), ['alias/console-lifecycle']);
  });

  test('list shows the key with its columns', async () => {
    await page.goto(`${baseUrl}/console/keys?region=${REGION}`);
    const columns = await rowColumns(page.locator(`tr[data-key-id="${lifecycleKey}"]`));

    assert.equal(columns.aliases, 'alias/console-lifecycle');
    assert.equal(columns.state, 'Enabled');
    assert.equal(columns.spec, 'Aliyun_AES_256');
    assert.match(columns.created, ISO_SECONDS);
    assert.equal(columns.description, 'console lifecycle');
  });

  test('Disable and Enable change the state', async () => {
    await openKey(lifecycleKey);
    await page.getByRole('button', { name: 'Disable key' }).click();
    await page.waitForURL(/done=disabled/);

    assert.equal(await text(page, '[data-testid="key-state"]'), 'Disabled');
    assert.equal(await keyState(lifecycleKey), 'Disabled');
    assert.equal(await page.getByRole('button', { name: 'Disable key' }).count(), 0);

    await page.getByRole('button', { name: 'Enable key' }).click();
    await page.waitForURL(/done=enabled/);

    assert.equal(await text(page, '.notice'), 'The key is enabled.');
    assert.equal(await text(page, '[data-testid="key-state"]'), 'Enabled');
    assert.equal(await keyState(lifecycleKey), 'Enabled');
  });

  for (const days of ['6', '367', 'seven']) {
    test(`pending window ${days} is rejected by the API`, async () => {
      await openKey(lifecycleKey);
      await scheduleDeletion(days);

      assert.equal(await text(page, '[data-testid="error-code"]'), 'InvalidParameter');
      assert.equal(await text(page, '.error-detail'), INVALID_WINDOW_MESSAGE);
      // The page sends the typed value back, and a number field shows a value that is not a number as empty.
      assert.equal(await page.getByLabel('Pending window (days)').inputValue(), days === 'seven' ? '' : days);
      assert.equal(await keyState(lifecycleKey), 'Enabled');
    });
  }

  test('schedule deletion for 7 days, then cancel it', async () => {
    await openKey(lifecycleKey);
    await scheduleDeletion('7');
    await page.waitForURL(/done=scheduled/);

    assert.equal(await text(page, '[data-testid="key-state"]'), 'PendingDeletion');
    const deleteDate = Date.parse(await text(page, '[data-testid="delete-date"]'));
    const expected = Date.now() + 7 * 24 * 3600 * 1000;
    assert.ok(Math.abs(deleteDate - expected) < 5 * 60 * 1000, `delete date ${deleteDate} is not 7 days ahead`);
    assert.equal(await keyState(lifecycleKey), 'PendingDeletion');
    assert.equal(await page.getByLabel('New alias').count(), 0);
    await screenshot(page, 'key-pending-deletion');

    await page.getByRole('button', { name: 'Cancel deletion' }).click();
    await page.waitForURL(/done=cancelled/);

    assert.equal(await text(page, '.notice'), 'The deletion is cancelled and the key is enabled.');
    assert.equal(await keyState(lifecycleKey), 'Enabled');
  });

  test('stale page shows the API rejection', async () => {
    await openKey(lifecycleKey);
    // The key becomes PendingDeletion after the page was loaded, so the page still offers Disable.
    await api.kms(REGION, 'ScheduleKeyDeletion', { KeyId: lifecycleKey, PendingWindowInDays: '7' });
    await page.getByRole('button', { name: 'Disable key' }).click();
    await page.waitForLoadState();

    assert.equal(await text(page, '[data-testid="error-code"]'), 'Rejected.PendingDeletion');
    assert.equal(await text(page, '.error p strong'), 'The key is pending deletion. Cancel the deletion first.');
    assert.equal(await text(page, '[data-testid="key-state"]'), 'PendingDeletion');
    assert.equal(await keyState(lifecycleKey), 'PendingDeletion');

    await page.getByRole('button', { name: 'Cancel deletion' }).click();
    await page.waitForURL(/done=cancelled/);
    assert.equal(await keyState(lifecycleKey), 'Enabled');
  });
});

describe('aliases', () => {
  const cases = [
    ['alias/acs/mine', 'Unsupported.Alias', 'Alias names starting with alias/acs are reserved for keys of Alibaba Cloud services.'],
    ['no-prefix', 'InvalidParameter', 'A field has a value that is not valid.'],
    ['alias/console-lifecycle', 'AliasAlreadyExists', 'An alias with this name already exists in this region. Choose another name.'],
  ];
  for (const [name, code, summary] of cases) {
    test(`alias ${name} is rejected with ${code}`, async () => {
      await openKey(lifecycleKey);
      await page.getByLabel('New alias').fill(name);
      await page.getByRole('button', { name: 'Create alias' }).click();
      await page.waitForLoadState();

      assert.equal(await text(page, '[data-testid="error-code"]'), code);
      assert.equal(await text(page, '.error p strong'), summary);
      assert.deepEqual(await aliasesOf(lifecycleKey), ['alias/console-lifecycle']);
    });
  }

  test('create and delete an alias', async () => {
    await openKey(lifecycleKey);
    await page.getByLabel('New alias').fill('alias/console/second');
    await page.getByRole('button', { name: 'Create alias' }).click();
    await page.waitForURL(/done=alias-created/);

    assert.deepEqual((await aliasesOf(lifecycleKey)).sort(), ['alias/console-lifecycle', 'alias/console/second']);

    await page.getByRole('button', { name: 'Delete alias alias/console-lifecycle' }).click();
    await page.waitForURL(/done=alias-deleted/);

    assert.equal(await text(page, '.notice'), 'Deleted the alias.');
    assert.deepEqual(await aliasesOf(lifecycleKey), ['alias/console/second']);
    assert.deepEqual(await page.locator('[data-alias]').evaluateAll((items) => items.map((item) => item.dataset.alias)),
      ['alias/console/second']);
  });

  test('Create Key with a reserved alias creates no key', async () => {
    const before = (await api.kms(REGION, 'ListKeys')).TotalCount;
    await page.goto(`${baseUrl}/console/keys/create?region=${REGION}`);
    await page.getByLabel('Alias (optional)').fill('alias/acs/ecs');
    await page.getByRole('button', { name: 'Create Key' }).click();
    await page.waitForLoadState();

    assert.equal(await text(page, '[data-testid="error-code"]'), 'Unsupported.Alias');
    assert.equal(await page.getByLabel('Alias (optional)').inputValue(), 'alias/acs/ecs');
    assert.equal((await api.kms(REGION, 'ListKeys')).TotalCount, before);
  });

  test('Create Key with a taken alias keeps the key and says so', async () => {
    await page.goto(`${baseUrl}/console/keys/create?region=${REGION}`);
    await page.getByLabel('Alias (optional)').fill('alias/console/second');
    await page.getByRole('button', { name: 'Create Key' }).click();
    await page.waitForLoadState();

    assert.equal(await text(page, '[data-testid="error-code"]'), 'AliasAlreadyExists');
    const created = await text(page, '.notice code');
    assert.match(await text(page, '.notice'), /^Created key [0-9a-f-]{36}, but not its alias\./);
    assert.equal(await keyState(created), 'Enabled');
    assert.deepEqual(await aliasesOf(created), []);
  });

  test('unknown key shows Forbidden.KeyNotFound', async () => {
    const response = await page.goto(`${baseUrl}/console/keys/key-doesnotexist?region=${REGION}`);

    assert.equal(response.status(), 404);
    assert.equal(await text(page, '[data-testid="error-code"]'), 'Forbidden.KeyNotFound');
    assert.equal(await page.getByRole('button').filter({ hasText: /key|deletion|alias/ }).count(), 0);
  });
});

describe('list', () => {
  test('state filter and paging', async () => {
    await api.kms('cn-qingdao', 'OpenKmsService');
    const created = [];
    for (let i = 0; i < 12; i++) {
      created.push((await api.kms('cn-qingdao', 'CreateKey', { Description: `paging ${i}` })).KeyMetadata.KeyId);
    }
    await api.kms('cn-qingdao', 'DisableKey', { KeyId: created[3] });
    await api.kms('cn-qingdao', 'DisableKey', { KeyId: created[8] });

    await page.goto(`${baseUrl}/console/keys?region=cn-qingdao`);
    assert.equal(await page.locator('tr[data-key-id]').count(), 10);
    assert.equal(await text(page, '.pager span'), 'Page 1 of 2');
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/pageNumber=2/);
    assert.equal(await page.locator('tr[data-key-id]').count(), 2);

    await page.getByLabel('Key state').selectOption('Disabled');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/state=Disabled/);
    const ids = await page.locator('tr[data-key-id]').evaluateAll((rows) => rows.map((row) => row.dataset.keyId));
    assert.deepEqual(ids.sort(), [created[3], created[8]].sort());
    assert.equal(await text(page, 'caption'), 'KMS keys in cn-qingdao: 2 in all');
  });

  test('keys page screenshot', async () => {
    await api.kms(REGION, 'CreateAlias', { AliasName: 'alias/backups', KeyId: (await api.kms(REGION, 'CreateKey', { Description: 'backup disks' })).KeyMetadata.KeyId });
    await page.goto(`${baseUrl}/console/keys?region=${REGION}`);

    assert.ok(await page.locator('tr[data-key-id]').count() >= 3);
    await screenshot(page, 'keys');
  });
});

describe('navigation', () => {
  test('narrow window keeps every page within its width', async () => {
    await page.setViewportSize(NARROW);
    try {
      for (const path of ['keys', `keys/${lifecycleKey}`, 'keys/create', 'snapshots', 'images', 'allow-list']) {
        await page.goto(`${baseUrl}/console/${path}?region=${REGION}`);
        assert.equal(await horizontalOverflow(page), 0, `/console/${path} is wider than 400 px`);
      }
      await page.goto(`${baseUrl}/console/keys/${lifecycleKey}?region=${REGION}`);
      await screenshot(page, 'key-narrow');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  test('keyboard reaches every navigation link at 400 px', async () => {
    await page.setViewportSize(NARROW);
    try {
      await page.goto(`${baseUrl}/console`);
      const names = ['Overview', 'Encryption settings', 'Disks', 'Snapshots', 'Images', 'KMS keys', 'Allow-list'];
      const focused = [];
      for (let i = 0; i < 12 && focused.length < names.length; i++) {
        await page.keyboard.press('Tab');
        const active = await page.evaluate(() => {
          const element = document.activeElement;
          const box = element.getBoundingClientRect();
          return { text: element.innerText?.trim(), inNav: element.closest('nav') !== null, right: box.right, visible: box.width > 0 };
        });
        if (active.inNav) {
          assert.ok(active.visible, `${active.text} is not visible`);
          assert.ok(active.right <= NARROW.width, `${active.text} ends at ${active.right} px, outside the window`);
          focused.push(active.text);
        }
      }
      assert.deepEqual(focused, names);

      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/console/allow-list`);
      assert.equal(await page.getByRole('link', { name: 'Allow-list' }).getAttribute('aria-current'), 'page');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });
});
