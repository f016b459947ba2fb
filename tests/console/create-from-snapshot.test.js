'use strict';

// Create Disk from a snapshot in headless Chromium: the category list offers only the categories the
// encryption rules allow for the snapshot, the encryption choice and the region's default encryption,
// and the new disk is made from the chosen snapshot.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startConsole, screenshot, signIn } = require('./support/browser');

const REGION = 'cn-shanghai';
const ZONE = 'cn-shanghai-b';
const ALL_CATEGORIES = ['cloud', 'cloud_efficiency', 'cloud_ssd', 'cloud_essd', 'cloud_auto', 'cloud_essd_entry'];
const ENCRYPTABLE_FROM_SNAPSHOT = ['cloud_essd', 'cloud_auto', 'cloud_essd_entry'];

let consoleUnderTest;
let page;
let api;
let baseUrl;
let plainSnapshot;

/** Opens Create Disk for the region with the query fields and returns the offered category names. */
async function offeredCategories(query) {
  await page.goto(`${baseUrl}/console/disks/create?${new URLSearchParams({ region: REGION, ...query })}`);
  return page.locator('#category option').evaluateAll((options) => options.map((option) => option.value));
}

before(async () => {
  consoleUnderTest = await startConsole();
  ({ page, api, baseUrl } = consoleUnderTest);
  await api.kms(REGION, 'OpenKmsService');
  const diskId = (await api.ecs('CreateDisk', { RegionId: REGION, ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: '30' })).DiskId;
  plainSnapshot = (await api.ecs('CreateSnapshot', { DiskId: diskId, SnapshotName: 'plain-source' })).SnapshotId;
  await signIn(page, baseUrl, ACCESS_KEY_ID, ACCESS_KEY_SECRET);
});

after(async () => {
  await consoleUnderTest?.stop();
});

test('empty disk offers every category', async () => {
  assert.deepEqual(await offeredCategories({}), ALL_CATEGORIES);
});

test('plain snapshot left plain offers every category', async () => {
  assert.deepEqual(await offeredCategories({ snapshot: plainSnapshot }), ALL_CATEGORIES);
  assert.equal(await page.locator('#size').inputValue(), '30');
});

test('encrypting a plain snapshot limits categories', async () => {
  assert.deepEqual(await offeredCategories({ snapshot: plainSnapshot, encrypted: 'true' }), ENCRYPTABLE_FROM_SNAPSHOT);
  assert.equal(await page.getByLabel('Encrypted', { exact: true }).isChecked(), true);
});

test('default encryption limits categories and creates from the snapshot', async () => {
  await api.ecs('EnableDiskEncryptionByDefault', { RegionId: REGION });
  try {
    assert.deepEqual(await offeredCategories({ snapshot: plainSnapshot }), ENCRYPTABLE_FROM_SNAPSHOT);
    await page.getByLabel('Category').selectOption('cloud_auto');
    await screenshot(page, 'create-disk-from-snapshot');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/console\/disks\?region=.*&created=d-/);
    const diskId = new URL(page.url()).searchParams.get('created');

    const disk = (await api.ecs('DescribeDisks', { RegionId: REGION, DiskIds: JSON.stringify([diskId]) })).Disks.Disk[0];
    assert.equal(disk.SourceSnapshotId, plainSnapshot);
    assert.equal(disk.Category, 'cloud_auto');
    assert.equal(disk.Encrypted, true);
  } finally {
    await api.ecs('DisableDiskEncryptionByDefault', { RegionId: REGION });
  }
});

test('Apply offers the categories of the chosen source', async () => {
  await page.goto(`${baseUrl}/console/disks/create?region=${REGION}`);
  await page.getByLabel('Source snapshot').selectOption(plainSnapshot);
  await page.getByLabel('Encrypted', { exact: true }).check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/snapshot=s-/);

  const offered = await page.locator('#category option').evaluateAll((options) => options.map((option) => option.value));
  assert.deepEqual(offered, ENCRYPTABLE_FROM_SNAPSHOT);
  assert.equal(new URL(page.url()).searchParams.get('encrypted'), 'true');
});

test('snapshot chosen without Apply is the source', async () => {
  await page.goto(`${baseUrl}/console/disks/create?region=${REGION}`);
  await page.getByLabel('Source snapshot').selectOption(plainSnapshot);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.waitForURL(/\/console\/disks\?region=.*&created=d-/);
  const diskId = new URL(page.url()).searchParams.get('created');

  const disk = (await api.ecs('DescribeDisks', { RegionId: REGION, DiskIds: JSON.stringify([diskId]) })).Disks.Disk[0];
  assert.equal(disk.SourceSnapshotId, plainSnapshot);
});

test('category the rules reject shows the API error', async () => {
  await offeredCategories({ snapshot: plainSnapshot });
  await page.getByLabel('Category').selectOption('cloud_ssd');
  await page.getByLabel('Encrypted', { exact: true }).check();
  await page.getByRole('button', { name: 'Create', exact: true }).click();

  assert.equal(await page.getByTestId('error-code').innerText(), 'NotSupportSnapshotEncrypted.DiskCategory');
});
