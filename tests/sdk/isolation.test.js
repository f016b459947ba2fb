'use strict';

// One account never lists, uses or learns the existence of another account's disks, snapshots,
// images, instances or keys: each action returns for a foreign id exactly the error it returns for
// an id that does not exist. Shared snapshots and images are visible to the accounts they are shared
// with only.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { createDataDir, removeDataDir, startServer, runCliOk } = require('./support/server');
const { createEcsRpcClient, errorStatus } = require('./support/clients');
const { createAccount } = require('./support/accounts');
const { READY_AT_ONCE_ENV, diskActions } = require('./support/disk-actions');
const { defaultEncryption } = require('./support/ecs-actions');
const { imageActions } = require('./support/image-actions');
const { instanceActions } = require('./support/instance-actions');

const HANGZHOU = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-h';
const UNKNOWN = {
  disk: 'd-bp1unknownunknown000',
  snapshot: 's-bp1unknownunknown000',
  image: 'm-bp1unknownunknown000',
  instance: 'i-bp1unknownunknown000',
  key: '00000000-0000-4000-8000-000000000000',
};

let server;
let dataDir;
let owner;
let stranger;
let resources;

before(async () => {
  dataDir = createDataDir();
  server = await startServer({ dataDir, env: READY_AT_ONCE_ENV });
  owner = await newAccount();
  stranger = await newAccount();
  resources = await createResources(owner);
});

after(async () => {
  if (server) {
    await server.stop();
  }
  removeDataDir(dataDir);
});

async function newAccount() {
  const account = await createAccount(server, { openKms: true });
  account.disks = diskActions(account.ecs);
  account.images = imageActions(account.ecs, createEcsRpcClient(server.port, account));
  account.instances = instanceActions(account.ecs);
  return account;
}

/** Creates one of each resource in the account: an instance with its disk, a data disk, a snapshot, an image and a key. */
async function createResources(account) {
  const key = (await account.kms.call('CreateKey')).KeyMetadata.KeyId;
  const disk = await account.disks.createDisk({ regionId: HANGZHOU, zoneId: ZONE, diskCategory: 'cloud_essd', size: 20 });
  const snapshot = await account.disks.createSnapshot({ diskId: disk });
  const [instance] = await account.instances.runInstances({
    regionId: HANGZHOU, zoneId: ZONE, imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', instanceType: 'ecs.g7.large',
  });
  const image = await account.images.createImage({ regionId: HANGZHOU, instanceId: instance });
  return { key, disk, snapshot, instance, image };
}

/** Returns { code, statusCode } of a rejected call, failing the test when the call succeeds. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return { code: error.code, statusCode: errorStatus(error) };
  }
  assert.fail('the call was expected to fail');
}

/**
 * Sends the call with the owner's resource id and with an id that exists nowhere, and asserts that
 * the stranger gets the same error for both.
 */
async function assertSameAsUnknown(call, type) {
  const foreign = await rejection(call(resources[type]));
  const unknown = await rejection(call(UNKNOWN[type]));
  assert.deepEqual(foreign, unknown);
  assert.match(foreign.code, /NotFound/);
}

describe('foreign ids are answered as unknown ids', () => {
  const cases = [
    ['DeleteDisk', 'disk', (id) => stranger.disks.deleteDisk(id)],
    ['ResizeDisk', 'disk', (id) => stranger.disks.resizeDisk(id, 40)],
    ['ModifyDiskAttribute', 'disk', (id) => stranger.disks.modifyDiskAttribute({ diskId: id, diskName: 'taken' })],
    ['CreateSnapshot', 'disk', (id) => stranger.disks.createSnapshot({ diskId: id })],
    ['DeleteSnapshot', 'snapshot', (id) => stranger.disks.deleteSnapshot(id)],
    ['ModifySnapshotAttribute', 'snapshot', (id) => stranger.disks.modifySnapshotAttribute({ snapshotId: id, snapshotName: 'taken' })],
    ['CopySnapshot', 'snapshot', (id) => stranger.disks.copySnapshot({
      regionId: HANGZHOU, snapshotId: id, destinationRegionId: HANGZHOU, destinationSnapshotName: 'copy', destinationSnapshotDescription: 'copy',
    })],
    ['CreateDisk from snapshot', 'snapshot', (id) => stranger.disks.createDisk({ regionId: HANGZHOU, zoneId: ZONE, snapshotId: id })],
    ['CreateImage from snapshot', 'snapshot', (id) => stranger.images.createImage({ regionId: HANGZHOU, snapshotId: id })],
    ['DeleteImage', 'image', (id) => stranger.images.deleteImage(HANGZHOU, id)],
    ['CopyImage', 'image', (id) => stranger.images.copyImage({ regionId: HANGZHOU, imageId: id, destinationRegionId: HANGZHOU })],
    ['ModifyImageSharePermission', 'image', (id) => stranger.images.modifySharePermission({
      regionId: HANGZHOU, imageId: id, addAccount: [stranger.accountId],
    })],
    ['RunInstances from image', 'image', (id) => stranger.instances.runInstances({
      regionId: HANGZHOU, zoneId: ZONE, imageId: id, instanceType: 'ecs.g7.large',
    })],
    ['StartInstance', 'instance', (id) => stranger.instances.startInstance(id)],
    ['StopInstance', 'instance', (id) => stranger.instances.stopInstance(id)],
    ['CreateImage from instance', 'instance', (id) => stranger.images.createImage({ regionId: HANGZHOU, instanceId: id })],
    ['DescribeKey', 'key', (id) => stranger.kms.call('DescribeKey', { KeyId: id })],
    ['Encrypt', 'key', (id) => stranger.kms.call('Encrypt', { KeyId: id, Plaintext: 'AAAA' })],
    ['DisableKey', 'key', (id) => stranger.kms.call('DisableKey', { KeyId: id })],
    ['CreateDisk with key', 'key', (id) => stranger.disks.createDisk({
      regionId: HANGZHOU, zoneId: ZONE, diskCategory: 'cloud_essd', size: 20, encrypted: true, KMSKeyId: id,
    })],
  ];
  for (const [name, type, call] of cases) {
    test(name, () => assertSameAsUnknown(call, type));
  }
});

describe('listings', () => {
  test('stranger lists none of the owner resources', async () => {
    const filtered = (body, list, item) => body[list][item].length;

    assert.equal(await stranger.disks.countDisks(HANGZHOU), 0);
    assert.equal(await stranger.disks.countSnapshots(HANGZHOU), 0);
    assert.equal(await stranger.instances.countInstances(HANGZHOU), 0);
    assert.equal(filtered(await stranger.disks.describeDisks({ regionId: HANGZHOU, diskIds: JSON.stringify([resources.disk]) }), 'disks', 'disk'), 0);
    assert.equal(filtered(await stranger.images.describeImages({ regionId: HANGZHOU, imageId: resources.image }), 'images', 'image'), 0);
    assert.deepEqual(await stranger.images.listImageIds({ regionId: HANGZHOU, imageOwnerAlias: 'others' }), []);
    assert.equal((await stranger.kms.call('ListKeys')).TotalCount, 0);
  });

  test('default encryption is per account', async () => {
    const ownerEncryption = defaultEncryption(owner.ecs);
    await ownerEncryption.enable(HANGZHOU);

    const strangerDisk = await stranger.disks.createDisk({ regionId: HANGZHOU, zoneId: ZONE, diskCategory: 'cloud_essd', size: 20 });

    assert.equal(await ownerEncryption.isEnabled(HANGZHOU), true);
    assert.equal(await defaultEncryption(stranger.ecs).isEnabled(HANGZHOU), false);
    assert.equal((await stranger.disks.describeDisk(HANGZHOU, strangerDisk)).encrypted, false);
    await ownerEncryption.disable(HANGZHOU);
  });
});

describe('sharing', () => {
  test('shared snapshot is visible to its recipient only', async () => {
    const recipient = await newAccount();
    runCliOk(dataDir, ['snapshot', 'share', '--snapshot', resources.snapshot, '--account', recipient.accountId]);

    const recipientDisk = await recipient.disks.createDisk({ regionId: HANGZHOU, zoneId: ZONE, snapshotId: resources.snapshot });

    assert.equal((await recipient.disks.describeDisk(HANGZHOU, recipientDisk)).sourceSnapshotId, resources.snapshot);
    await assertSameAsUnknown((id) => stranger.disks.createDisk({ regionId: HANGZHOU, zoneId: ZONE, snapshotId: id }), 'snapshot');
    await assertSameAsUnknown((id) => recipient.disks.deleteSnapshot(id), 'snapshot');
  });

  test('shared image is visible to its recipient only', async () => {
    const recipient = await newAccount();
    await owner.images.modifySharePermission({ regionId: HANGZHOU, imageId: resources.image, addAccount: [recipient.accountId] });

    const visible = await recipient.images.listImageIds({ regionId: HANGZHOU, imageOwnerAlias: 'others' });

    assert.deepEqual(visible, [resources.image]);
    assert.deepEqual(await stranger.images.listImageIds({ regionId: HANGZHOU, imageOwnerAlias: 'others' }), []);
    await assertSameAsUnknown((id) => stranger.images.copyImage({ regionId: HANGZHOU, imageId: id, destinationRegionId: HANGZHOU }), 'image');
  });
});
