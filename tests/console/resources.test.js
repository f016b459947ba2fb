'use strict';

// The Snapshots and Images pages in headless Chromium: the KMS key of each encrypted snapshot and image
// disk, why it got that key, the filters and paging. The resources are made through the API.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { ACCESS_KEY_ID, ACCESS_KEY_SECRET, startConsole, screenshot, signIn, text, rowColumns } = require('./support/browser');

const REGION = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-b';
const REASONS = {
  regionDefault: 'Default key of the region (default encryption on)',
  sourceDisk: 'Key of the source disk',
  copy: 'Key chosen in the copy request',
  imageSource: 'Key of the source disk or snapshot',
};

let consoleUnderTest;
let page;
let api;
let baseUrl;
const keys = {};
const snapshots = {};
const images = {};

async function createDisk(region = REGION, zone = ZONE) {
  return (await api.ecs('CreateDisk', { RegionId: region, ZoneId: zone, DiskCategory: 'cloud_essd', Size: '20' })).DiskId;
}

async function createSnapshot(diskId, name) {
  return (await api.ecs('CreateSnapshot', { DiskId: diskId, SnapshotName: name })).SnapshotId;
}

async function copySnapshot(snapshotId, name, parameters) {
  return (await api.ecs('CopySnapshot', {
    RegionId: REGION, SnapshotId: snapshotId, DestinationRegionId: REGION, DestinationSnapshotName: name,
    DestinationSnapshotDescription: 'made by the console tests', ...parameters,
  })).SnapshotId;
}

async function createImage(snapshotId, name) {
  return (await api.ecs('CreateImage', { RegionId: REGION, SnapshotId: snapshotId, ImageName: name })).ImageId;
}

async function listedIds(attribute) {
  return page.locator(`tr[data-${attribute}]`).evaluateAll((rows, name) => rows.map((row) => row.getAttribute(`data-${name}`)), attribute);
}

before(async () => {
  consoleUnderTest = await startConsole();
  ({ page, api, baseUrl } = consoleUnderTest);

  await api.kms(REGION, 'OpenKmsService');
  keys.default = (await api.kms(REGION, 'CreateKey', { Description: 'region default' })).KeyMetadata.KeyId;
  keys.other = (await api.kms(REGION, 'CreateKey', { Description: 'chosen key' })).KeyMetadata.KeyId;
  await api.kms(REGION, 'CreateAlias', { AliasName: 'alias/console-default', KeyId: keys.default });

  snapshots.plain = await createSnapshot(await createDisk(), 'plain-snapshot');
  await api.ecs('EnableDiskEncryptionByDefault', { RegionId: REGION });
  await api.ecs('ModifyDiskDefaultKMSKeyId', { RegionId: REGION, KMSKeyId: keys.default });
  snapshots.fromDisk = await createSnapshot(await createDisk(), 'encrypted-snapshot');
  snapshots.chosenKeyCopy = await copySnapshot(snapshots.plain, 'chosen-key-copy', { Encrypted: 'true', KMSKeyId: keys.other });
  snapshots.defaultKeyCopy = await copySnapshot(snapshots.plain, 'default-key-copy', { Encrypted: 'true' });

  images.encrypted = await createImage(snapshots.fromDisk, 'encrypted-image');
  images.plain = await createImage(snapshots.plain, 'plain-image');
  images.copy = (await api.ecs('CopyImage', {
    RegionId: REGION, ImageId: images.plain, DestinationRegionId: REGION, DestinationImageName: 'copied-image',
    Encrypted: 'true', KMSKeyId: keys.other,
  })).ImageId;
  // CopyImage gives each disk of the copy a new snapshot with the copy's key.
  const copied = await api.ecs('DescribeImages', { RegionId: REGION, ImageId: images.copy });
  snapshots.imageCopy = copied.Images.Image[0].DiskDeviceMappings.DiskDeviceMapping[0].SnapshotId;

  await signIn(page, baseUrl, ACCESS_KEY_ID, ACCESS_KEY_SECRET);
});

after(async () => {
  await consoleUnderTest?.stop();
});

describe('snapshots', () => {
  test('each snapshot shows its key and why', async () => {
    await page.goto(`${baseUrl}/console/snapshots?region=${REGION}`);
    const row = (id) => rowColumns(page.locator(`tr[data-snapshot-id="${id}"]`));

    assert.equal(await text(page, 'caption'), 'Snapshots in cn-hangzhou: 5 in all');
    assert.deepEqual(await row(snapshots.plain), { encrypted: 'No', key: '', reason: '' });
    assert.deepEqual(await row(snapshots.fromDisk),
      { encrypted: 'Yes', key: `${keys.default} alias/console-default`, reason: REASONS.sourceDisk });
    assert.deepEqual(await row(snapshots.chosenKeyCopy), { encrypted: 'Yes', key: keys.other, reason: REASONS.copy });
    assert.deepEqual(await row(snapshots.defaultKeyCopy),
      { encrypted: 'Yes', key: `${keys.default} alias/console-default`, reason: REASONS.regionDefault });
    assert.deepEqual(await row(snapshots.imageCopy), { encrypted: 'Yes', key: keys.other, reason: REASONS.copy });
    await screenshot(page, 'snapshots');
  });

  test('Encrypted filter lists plain snapshots only', async () => {
    await page.goto(`${baseUrl}/console/snapshots?region=${REGION}`);
    await page.getByLabel('Encrypted').selectOption('false');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/encrypted=false/);

    assert.deepEqual(await listedIds('snapshot-id'), [snapshots.plain]);
  });

  test('key filter lists the snapshots of one key', async () => {
    await page.goto(`${baseUrl}/console/snapshots?region=${REGION}`);
    await page.getByLabel('KMS key ID').fill(keys.other);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/key=/);

    assert.deepEqual((await listedIds('snapshot-id')).sort(), [snapshots.chosenKeyCopy, snapshots.imageCopy].sort());
  });

  test('list pages through the snapshots of a region', async () => {
    const diskId = await createDisk('cn-qingdao', 'cn-qingdao-b');
    for (let i = 0; i < 12; i++) {
      await createSnapshot(diskId, `paging-${i}`);
    }

    await page.goto(`${baseUrl}/console/snapshots?region=cn-qingdao`);
    assert.equal(await page.locator('tr[data-snapshot-id]').count(), 10);
    assert.equal(await text(page, '.pager span'), 'Page 1 of 2');
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/pageNumber=2/);
    assert.equal(await page.locator('tr[data-snapshot-id]').count(), 2);
    assert.equal(await text(page, '.pager span'), 'Page 2 of 2');
  });

  test('unknown region falls back to the default region', async () => {
    const response = await page.goto(`${baseUrl}/console/snapshots?region=xx-nowhere-1`);

    assert.equal(response.status(), 200);
    assert.equal(await page.getByLabel('Region').inputValue(), REGION);
  });
});

describe('images', () => {
  test('each image disk shows its key and why', async () => {
    await page.goto(`${baseUrl}/console/images?region=${REGION}`);
    const disk = (id) => rowColumns(page.locator(`tr[data-image-id="${id}"]`));

    assert.equal(await text(page, 'caption'), 'Images in cn-hangzhou: 3 in all');
    assert.deepEqual(await disk(images.plain), { encrypted: 'No', key: '', reason: '' });
    assert.deepEqual(await disk(images.encrypted),
      { encrypted: 'Yes', key: `${keys.default} alias/console-default`, reason: REASONS.imageSource });
    assert.deepEqual(await disk(images.copy), { encrypted: 'Yes', key: keys.other, reason: REASONS.copy });
    await screenshot(page, 'images');
  });

  test('system images have no key', async () => {
    await page.goto(`${baseUrl}/console/images?region=${REGION}`);
    await page.getByLabel('Owner').selectOption('system');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/owner=system/);

    const rows = await page.locator('tr[data-image-id]').evaluateAll((all) => all.map((row) => row.dataset.device));
    assert.equal(rows.length, 4);
    assert.deepEqual([...new Set(rows)], ['/dev/xvda']);
    const encrypted = await page.locator('tr[data-image-id] [data-column="encrypted"]').allInnerTexts();
    assert.deepEqual([...new Set(encrypted.map((value) => value.trim()))], ['No']);
  });

  test('name filter lists one image', async () => {
    await page.goto(`${baseUrl}/console/images?region=${REGION}`);
    await page.getByLabel('Image name').fill('copied-image');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/name=copied-image/);

    assert.deepEqual(await listedIds('image-id'), [images.copy]);
    assert.equal(await text(page, 'caption'), 'Images in cn-hangzhou: 1 in all');
  });

  test('unknown owner value lists own images', async () => {
    await page.goto(`${baseUrl}/console/images?region=${REGION}&owner=everyone`);

    assert.equal(await page.getByLabel('Owner').inputValue(), 'self');
    assert.equal((await listedIds('image-id')).length, 3);
  });
});
