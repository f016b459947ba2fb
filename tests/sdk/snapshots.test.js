'use strict';

// ECS snapshot actions (CreateSnapshot, DescribeSnapshots, DeleteSnapshot, ModifySnapshotAttribute,
// CopySnapshot) and the encryption of snapshots, copies and the disks made from them, driven
// through @alicloud/ecs20140526.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { createDataDir, removeDataDir, startRegionPair, stopServers } = require('./support/server');
const { Ecs, createEcsRpcClient, createKmsClient, assertRejectsWith } = require('./support/clients');
const { createAccount } = require('./support/accounts');
const { defaultEncryption } = require('./support/ecs-actions');
const { READY_AT_ONCE_ENV, diskActions, tagsOf } = require('./support/disk-actions');

const HANGZHOU = 'cn-hangzhou';
const SHANGHAI = 'cn-shanghai';
const ZONE = 'cn-hangzhou-h';
const SHANGHAI_ZONE = 'cn-shanghai-b';
const SERVICE_KEY_ALIAS = 'alias/acs/ecs';

const HANGZHOU_SNAPSHOT_ID = /^s-bp[a-z0-9]{18}$/;
const SHANGHAI_SNAPSHOT_ID = /^s-uf[a-z0-9]{18}$/;
const SHANGHAI_DISK_ID = /^d-uf[a-z0-9]{18}$/;
const PLAIN = { encrypted: false, KMSKeyId: '' };

let server;
let shanghaiServer;
let dataDir;

before(async () => {
  dataDir = createDataDir();
  ({ server, shanghaiServer } = await startRegionPair(dataDir, READY_AT_ONCE_ENV));
});

after(async () => {
  await stopServers(shanghaiServer, server);
  removeDataDir(dataDir);
});

/**
 * Creates an account with disk and default-encryption wrappers.
 * options: openKms (default true) activates KMS in cn-hangzhou, openShanghaiKms (default false)
 * activates it in cn-shanghai too and sets account.shanghaiKms.
 */
async function newAccount({ openKms = true, openShanghaiKms = false } = {}) {
  const account = await createAccount(server, { openKms });
  account.disks = diskActions(account.ecs);
  account.encryption = defaultEncryption(account.ecs);
  account.shanghaiKms = createKmsClient(shanghaiServer.port, account);
  if (openShanghaiKms) {
    await account.shanghaiKms.call('OpenKmsService');
  }
  return account;
}

/** Creates a symmetric customer key with default settings and returns its KeyMetadata. */
async function createKey(kms, query = {}) {
  const body = await kms.call('CreateKey', query);
  return body.KeyMetadata;
}

/** Returns the id of the ECS service key (alias/acs/ecs) in the KMS client's region. */
async function serviceKeyId(kms) {
  const body = await kms.call('DescribeKey', { KeyId: SERVICE_KEY_ALIAS });
  return body.KeyMetadata.KeyId;
}

/** Creates a 20 GiB cloud_essd disk in cn-hangzhou-h and returns its DiskId. fields override or add request fields. */
function createDisk(account, fields = {}) {
  return account.disks.createDisk({
    regionId: HANGZHOU, zoneId: ZONE, diskCategory: 'cloud_essd', size: 20, ...fields,
  });
}

/** Creates a disk with these fields and a snapshot of it, and returns { diskId, snapshotId }. */
async function createDiskAndSnapshot(account, diskFields = {}) {
  const diskId = await createDisk(account, diskFields);
  const snapshotId = await account.disks.createSnapshot({ diskId });
  return { diskId, snapshotId };
}

/** Copies a cn-hangzhou snapshot to cn-shanghai and returns the copy's id. fields override or add request fields. */
function copySnapshot(account, snapshotId, fields = {}) {
  return account.disks.copySnapshot({
    regionId: HANGZHOU,
    snapshotId,
    destinationRegionId: SHANGHAI,
    destinationSnapshotName: 'copied',
    destinationSnapshotDescription: 'copy made by the tests',
    ...fields,
  });
}

/** Returns the Encrypted flag and KMSKeyId of a snapshot. */
async function snapshotEncryption(account, regionId, snapshotId) {
  const snapshot = await account.disks.describeSnapshot(regionId, snapshotId);
  return { encrypted: snapshot.encrypted, KMSKeyId: snapshot.KMSKeyId };
}

/** Returns the Encrypted flag and KMSKeyId of a disk. */
async function diskEncryption(account, regionId, diskId) {
  const disk = await account.disks.describeDisk(regionId, diskId);
  return { encrypted: disk.encrypted, KMSKeyId: disk.KMSKeyId };
}

/** Returns the SnapshotIds of DescribeSnapshots with these filters in cn-hangzhou, sorted. */
async function listSnapshotIds(account, filters) {
  const body = await account.disks.describeSnapshots({ regionId: HANGZHOU, pageSize: 100, ...filters });
  return body.snapshots.snapshot.map((snapshot) => snapshot.snapshotId).sort();
}

describe('CreateSnapshot', () => {
  test('snapshot of a plain disk is accomplished', async () => {
    const account = await newAccount({ openKms: false });
    const diskId = await createDisk(account, { size: 30 });
    const snapshotId = await account.disks.createSnapshot({
      diskId, snapshotName: 'nightly', description: 'before upgrade',
    });
    assert.match(snapshotId, HANGZHOU_SNAPSHOT_ID);

    const snapshot = await account.disks.describeSnapshot(HANGZHOU, snapshotId);
    assert.equal(snapshot.snapshotId, snapshotId);
    assert.equal(snapshot.snapshotName, 'nightly');
    assert.equal(snapshot.description, 'before upgrade');
    assert.equal(snapshot.sourceDiskId, diskId);
    assert.equal(snapshot.sourceDiskSize, '30');
    assert.equal(snapshot.status, 'accomplished');
    assert.equal(snapshot.progress, '100%');
    assert.equal(snapshot.encrypted, false);
    assert.equal(snapshot.KMSKeyId, '');

    const rpcClient = createEcsRpcClient(server.port, account);
    const body = await rpcClient.call('DescribeSnapshots', {
      RegionId: HANGZHOU,
      SnapshotIds: JSON.stringify([snapshotId]),
    });
    const rawSnapshot = body.Snapshots.Snapshot[0];
    assert.equal(rawSnapshot.SourceDiskSize, '30');
    assert.equal(rawSnapshot.Encrypted, false);
    assert.equal(rawSnapshot.Progress, '100%');
  });

  test('snapshot keeps the disk key', async () => {
    const account = await newAccount();
    const key = await createKey(account.kms);
    const { snapshotId } = await createDiskAndSnapshot(account, { encrypted: true, KMSKeyId: key.KeyId });
    assert.deepEqual(
      await snapshotEncryption(account, HANGZHOU, snapshotId), { encrypted: true, KMSKeyId: key.KeyId });
  });

  test('SnapshotName starting with auto or a digit is rejected', async (t) => {
    const account = await newAccount({ openKms: false });
    const diskId = await createDisk(account);
    for (const snapshotName of ['auto-daily', 'autosnap', '1snap']) {
      await t.test(snapshotName, () => assertRejectsWith(
        account.disks.createSnapshot({ diskId, snapshotName }),
        { code: 'InvalidSnapshotName.Malformed', statusCode: 400 }));
    }
    assert.equal(await account.disks.countSnapshots(HANGZHOU), 0);
  });

  test('unknown disk returns InvalidDiskId.NotFound', async () => {
    const account = await newAccount({ openKms: false });
    await assertRejectsWith(account.disks.createSnapshot({ diskId: 'd-bp0000000000000000zz' }), {
      code: 'InvalidDiskId.NotFound',
      statusCode: 404,
    });
  });

  test('disabled disk key blocks CreateSnapshot', async () => {
    const account = await newAccount();
    const key = await createKey(account.kms);
    const diskId = await createDisk(account, { encrypted: true, KMSKeyId: key.KeyId });
    await account.kms.call('DisableKey', { KeyId: key.KeyId });

    await assertRejectsWith(account.disks.createSnapshot({ diskId }), {
      code: 'InvalidParameter.KMSKeyId.CMKNotEnabled',
      statusCode: 403,
    });
    assert.equal(await account.disks.countSnapshots(HANGZHOU), 0);

    await account.kms.call('EnableKey', { KeyId: key.KeyId });
    const snapshotId = await account.disks.createSnapshot({ diskId });
    assert.deepEqual(
      await snapshotEncryption(account, HANGZHOU, snapshotId), { encrypted: true, KMSKeyId: key.KeyId });
  });

  test('default encryption does not apply to snapshots', async () => {
    const account = await newAccount();
    const diskId = await createDisk(account);
    await account.encryption.enable(HANGZHOU);

    const snapshotId = await account.disks.createSnapshot({ diskId });
    assert.deepEqual(await snapshotEncryption(account, HANGZHOU, snapshotId), PLAIN);
  });
});

describe('DescribeSnapshots', () => {
  let account;
  let plainDisk;
  let tagged;
  let untagged;
  let encrypted;
  let key;

  before(async () => {
    account = await newAccount();
    key = await createKey(account.kms);
    plainDisk = await createDisk(account);
    const encryptedDisk = await createDisk(account, { encrypted: true, KMSKeyId: key.KeyId });
    tagged = await account.disks.createSnapshot({
      diskId: plainDisk,
      snapshotName: 'tagged',
      tag: tagsOf(Ecs.CreateSnapshotRequestTag, { team: 'storage' }),
    });
    untagged = await account.disks.createSnapshot({ diskId: plainDisk });
    encrypted = await account.disks.createSnapshot({ diskId: encryptedDisk });
  });

  test('filters select matching snapshots', async (t) => {
    const all = [tagged, untagged, encrypted].sort();
    const cases = {
      'SnapshotIds': [{ snapshotIds: JSON.stringify([tagged, encrypted]) }, [tagged, encrypted]],
      'DiskId': [{ diskId: plainDisk }, [tagged, untagged]],
      'Encrypted true': [{ encrypted: true }, [encrypted]],
      'Encrypted false': [{ encrypted: false }, [tagged, untagged]],
      'KMSKeyId': [{ KMSKeyId: key.KeyId }, [encrypted]],
      'Status accomplished': [{ status: 'accomplished' }, all],
      'Status progressing': [{ status: 'progressing' }, []],
      'Status all': [{ status: 'all' }, all],
      'Tag': [{ tag: tagsOf(Ecs.DescribeSnapshotsRequestTag, { team: 'storage' }) }, [tagged]],
      'no filter': [{}, all],
    };
    for (const [name, [filters, expected]] of Object.entries(cases)) {
      await t.test(name, async () => {
        assert.deepEqual(await listSnapshotIds(account, filters), [...expected].sort());
      });
    }
  });

  test('tags are returned', async () => {
    const snapshot = await account.disks.describeSnapshot(HANGZHOU, tagged);
    assert.deepEqual(
      snapshot.tags.tag.map((tag) => ({ key: tag.tagKey, value: tag.tagValue })),
      [{ key: 'team', value: 'storage' }]);
  });

  test('malformed SnapshotIds returns InvalidParameter', async (t) => {
    for (const snapshotIds of [tagged, `["${tagged}"`]) {
      await t.test(snapshotIds, () => assertRejectsWith(
        account.disks.describeSnapshots({ regionId: HANGZHOU, snapshotIds }),
        { code: 'InvalidParameter', statusCode: 400 }));
    }
  });

  test('DryRun returns DryRunOperation', async () => {
    await assertRejectsWith(account.disks.describeSnapshots({ regionId: HANGZHOU, dryRun: true }), {
      code: 'DryRunOperation',
      statusCode: 400,
    });
  });

  test('bogus NextToken returns InvalidNextToken.Malformed', async () => {
    await assertRejectsWith(
      account.disks.describeSnapshots({ regionId: HANGZHOU, maxResults: 2, nextToken: 'not-a-token' }),
      { code: 'InvalidNextToken.Malformed', statusCode: 400 });
  });

  test('PageNumber and PageSize page through snapshots', async () => {
    const seen = [];
    const expectedCounts = [2, 1];
    for (let pageNumber = 1; pageNumber <= 2; pageNumber++) {
      const body = await account.disks.describeSnapshots({ regionId: HANGZHOU, pageNumber, pageSize: 2 });
      assert.equal(body.totalCount, 3);
      assert.equal(body.pageNumber, pageNumber);
      assert.equal(body.pageSize, 2);
      assert.equal(body.snapshots.snapshot.length, expectedCounts[pageNumber - 1], `snapshots on page ${pageNumber}`);
      seen.push(...body.snapshots.snapshot.map((snapshot) => snapshot.snapshotId));
    }
    assert.deepEqual([...seen].sort(), [tagged, untagged, encrypted].sort());
  });

  test('MaxResults and NextToken page through snapshots', async () => {
    const first = await account.disks.describeSnapshots({ regionId: HANGZHOU, maxResults: 2 });
    assert.equal(first.snapshots.snapshot.length, 2);
    assert.notEqual(first.nextToken, '');

    const second = await account.disks.describeSnapshots({
      regionId: HANGZHOU, maxResults: 2, nextToken: first.nextToken,
    });
    assert.equal(second.snapshots.snapshot.length, 1);
    assert.equal(second.nextToken, '');

    const seen = [...first.snapshots.snapshot, ...second.snapshots.snapshot].map((snapshot) => snapshot.snapshotId);
    assert.deepEqual(seen.sort(), [tagged, untagged, encrypted].sort());
  });
});

describe('DeleteSnapshot and ModifySnapshotAttribute', () => {
  test('DeleteSnapshot removes the snapshot', async () => {
    const account = await newAccount({ openKms: false });
    const { snapshotId } = await createDiskAndSnapshot(account);

    await account.disks.deleteSnapshot(snapshotId);
    assert.equal(await account.disks.countSnapshots(HANGZHOU), 0);
  });

  test('snapshot with a disk made from it needs Force', async () => {
    const account = await newAccount({ openKms: false });
    const { snapshotId } = await createDiskAndSnapshot(account);
    const diskId = await createDisk(account, { size: undefined, snapshotId });

    await assertRejectsWith(account.disks.deleteSnapshot(snapshotId), {
      code: 'SnapshotCreatedDisk',
      statusCode: 403,
    });
    assert.equal(await account.disks.countSnapshots(HANGZHOU), 1);
    await assertRejectsWith(account.disks.deleteSnapshot(snapshotId, false), {
      code: 'SnapshotCreatedDisk',
      statusCode: 403,
    });

    await account.disks.deleteSnapshot(snapshotId, true);
    assert.equal(await account.disks.countSnapshots(HANGZHOU), 0);
    const disk = await account.disks.describeDisk(HANGZHOU, diskId);
    assert.equal(disk.sourceSnapshotId, snapshotId);
  });

  test('ModifySnapshotAttribute changes name, description and retention', async () => {
    const account = await newAccount({ openKms: false });
    const { snapshotId } = await createDiskAndSnapshot(account);

    await account.disks.modifySnapshotAttribute({
      snapshotId, snapshotName: 'renamed', description: 'kept for a week', retentionDays: 7,
    });
    const snapshot = await account.disks.describeSnapshot(HANGZHOU, snapshotId);
    assert.equal(snapshot.snapshotName, 'renamed');
    assert.equal(snapshot.description, 'kept for a week');
    assert.equal(snapshot.retentionDays, 7);
  });
});

describe('CopySnapshot', () => {
  test('plain copy to another region stays plain', async () => {
    const account = await newAccount({ openKms: false });
    const { snapshotId } = await createDiskAndSnapshot(account);

    const copyId = await copySnapshot(account, snapshotId, {
      destinationSnapshotName: 'offsite', destinationSnapshotDescription: 'weekly copy',
    });
    assert.match(copyId, SHANGHAI_SNAPSHOT_ID);

    const copy = await account.disks.describeSnapshot(SHANGHAI, copyId);
    assert.equal(copy.regionId, SHANGHAI);
    assert.equal(copy.snapshotName, 'offsite');
    assert.equal(copy.description, 'weekly copy');
    assert.equal(copy.sourceRegionId, HANGZHOU);
    assert.equal(copy.sourceSnapshotId, snapshotId);
    assert.equal(copy.status, 'accomplished');
    assert.equal(copy.encrypted, false);
    assert.equal(copy.KMSKeyId, '');
    assert.equal(await account.disks.countSnapshots(HANGZHOU), 1);
  });

  test('plain copy uses the destination default key', async (t) => {
    const account = await newAccount({ openKms: false, openShanghaiKms: true });
    const { snapshotId } = await createDiskAndSnapshot(account);
    await account.encryption.enable(SHANGHAI);
    const defaultKeyId = await account.encryption.defaultKeyId(SHANGHAI);

    for (const [name, fields] of [['Encrypted omitted', {}], ['Encrypted false', { encrypted: false }]]) {
      await t.test(name, async () => {
        const copyId = await copySnapshot(account, snapshotId, fields);
        assert.deepEqual(
          await snapshotEncryption(account, SHANGHAI, copyId), { encrypted: true, KMSKeyId: defaultKeyId });
      });
    }
  });

  test('plain copy in the same region is rejected', async () => {
    const account = await newAccount({ openKms: false });
    const { snapshotId } = await createDiskAndSnapshot(account);
    await assertRejectsWith(copySnapshot(account, snapshotId, { destinationRegionId: HANGZHOU }), {
      code: 'InvalidOperation.NotSupportCopyInSameRegion',
      statusCode: 403,
    });
    assert.equal(await account.disks.countSnapshots(HANGZHOU), 1);
  });

  test('plain copy of an encrypted snapshot is rejected', async () => {
    const account = await newAccount({ openShanghaiKms: true });
    const { snapshotId } = await createDiskAndSnapshot(account, { encrypted: true });
    await assertRejectsWith(copySnapshot(account, snapshotId), {
      code: 'InvalidEncrypted.NotSupportDecrypt',
      statusCode: 403,
    });
    assert.equal(await account.disks.countSnapshots(SHANGHAI), 0);
  });

  test('copy and encrypt without key uses the destination service key', async (t) => {
    const account = await newAccount({ openShanghaiKms: true });
    const plain = await createDiskAndSnapshot(account);
    const encrypted = await createDiskAndSnapshot(account, { encrypted: true });

    for (const [name, { snapshotId }] of [['plain source', plain], ['encrypted source', encrypted]]) {
      await t.test(name, async () => {
        const copyId = await copySnapshot(account, snapshotId, { encrypted: true });
        const expectedKeyId = await serviceKeyId(account.shanghaiKms);
        assert.deepEqual(
          await snapshotEncryption(account, SHANGHAI, copyId), { encrypted: true, KMSKeyId: expectedKeyId });
        assert.notEqual(expectedKeyId, await serviceKeyId(account.kms));
      });
    }
  });

  test('copy and encrypt uses the destination default key when on', async () => {
    const account = await newAccount({ openShanghaiKms: true });
    const { snapshotId } = await createDiskAndSnapshot(account);
    await account.encryption.enable(SHANGHAI);
    const customerKey = await createKey(account.shanghaiKms);
    await account.encryption.modifyKey(SHANGHAI, customerKey.KeyId);

    const copyId = await copySnapshot(account, snapshotId, { encrypted: true });
    assert.deepEqual(
      await snapshotEncryption(account, SHANGHAI, copyId), { encrypted: true, KMSKeyId: customerKey.KeyId });
  });

  test('copy and encrypt with a key of each region', async () => {
    const account = await newAccount({ openShanghaiKms: true });
    const { snapshotId } = await createDiskAndSnapshot(account);
    const shanghaiKey = await createKey(account.shanghaiKms);
    const hangzhouKey = await createKey(account.kms);

    const copyId = await copySnapshot(account, snapshotId, { encrypted: true, KMSKeyId: shanghaiKey.KeyId });
    assert.deepEqual(
      await snapshotEncryption(account, SHANGHAI, copyId), { encrypted: true, KMSKeyId: shanghaiKey.KeyId });

    await assertRejectsWith(copySnapshot(account, snapshotId, { encrypted: true, KMSKeyId: hangzhouKey.KeyId }), {
      code: 'InvalidParameter.KMSKeyId.NotFound',
      statusCode: 403,
    });
    assert.equal(await account.disks.countSnapshots(SHANGHAI), 1);
  });

  test('copy and encrypt in the same region uses the service key', async () => {
    const account = await newAccount();
    const { snapshotId } = await createDiskAndSnapshot(account);

    const copyId = await copySnapshot(account, snapshotId, { destinationRegionId: HANGZHOU, encrypted: true });
    assert.match(copyId, HANGZHOU_SNAPSHOT_ID);
    const expectedKeyId = await serviceKeyId(account.kms);
    assert.deepEqual(
      await snapshotEncryption(account, HANGZHOU, copyId), { encrypted: true, KMSKeyId: expectedKeyId });
    const copy = await account.disks.describeSnapshot(HANGZHOU, copyId);
    assert.equal(copy.sourceRegionId, HANGZHOU);
    assert.equal(copy.sourceSnapshotId, snapshotId);
  });

  test('KMSKeyId without Encrypted returns NotMatchKmsKeyId', async () => {
    const account = await newAccount({ openShanghaiKms: true });
    const { snapshotId } = await createDiskAndSnapshot(account);
    const shanghaiKey = await createKey(account.shanghaiKms);

    await assertRejectsWith(copySnapshot(account, snapshotId, { KMSKeyId: shanghaiKey.KeyId }), {
      code: 'InvalidEncrypted.NotMatchKmsKeyId',
      statusCode: 400,
    });
    assert.equal(await account.disks.countSnapshots(SHANGHAI), 0);
  });

  test('disabled source key returns CMKNotEnabled', async () => {
    const account = await newAccount({ openShanghaiKms: true });
    const key = await createKey(account.kms);
    const { snapshotId } = await createDiskAndSnapshot(account, { encrypted: true, KMSKeyId: key.KeyId });
    await account.kms.call('DisableKey', { KeyId: key.KeyId });

    await assertRejectsWith(copySnapshot(account, snapshotId, { encrypted: true }), {
      code: 'InvalidParameter.KMSKeyId.CMKNotEnabled',
      statusCode: 403,
    });
    assert.equal(await account.disks.countSnapshots(SHANGHAI), 0);
  });

  test('unknown destination region or snapshot is rejected', async () => {
    const account = await newAccount({ openKms: false });
    const { snapshotId } = await createDiskAndSnapshot(account);

    await assertRejectsWith(copySnapshot(account, snapshotId, { destinationRegionId: 'xx-nowhere-1' }), {
      code: 'InvalidRegionId.NotExists',
      statusCode: 403,
    });
    await assertRejectsWith(copySnapshot(account, 's-bp0000000000000000zz'), {
      code: 'InvalidSnapshotId.NotFound',
      statusCode: 403,
    });
    assert.equal(await account.disks.countSnapshots(SHANGHAI), 0);
  });

  test('missing destination parameters return MissingParameter', async (t) => {
    const account = await newAccount({ openKms: false });
    const { snapshotId } = await createDiskAndSnapshot(account);
    const fields = ['destinationRegionId', 'destinationSnapshotName', 'destinationSnapshotDescription'];
    for (const field of fields) {
      await t.test(field, () => assertRejectsWith(
        copySnapshot(account, snapshotId, { [field]: undefined }),
        { code: 'MissingParameter', statusCode: 400 }));
    }
    assert.equal(await account.disks.countSnapshots(SHANGHAI), 0);
  });

  test('disk from an encrypted copy keeps its key', async () => {
    const account = await newAccount({ openShanghaiKms: true });
    const { snapshotId } = await createDiskAndSnapshot(account);
    const copyId = await copySnapshot(account, snapshotId, { encrypted: true });
    const copyKeyId = (await account.disks.describeSnapshot(SHANGHAI, copyId)).KMSKeyId;
    assert.notEqual(copyKeyId, '');

    const diskId = await account.disks.createDisk({
      regionId: SHANGHAI, zoneId: SHANGHAI_ZONE, diskCategory: 'cloud_essd', snapshotId: copyId,
    });
    assert.match(diskId, SHANGHAI_DISK_ID);
    assert.deepEqual(await diskEncryption(account, SHANGHAI, diskId), { encrypted: true, KMSKeyId: copyKeyId });
  });
});

describe('snapshot copy scenario', () => {
  test('keys follow snapshot, copies and disks', async () => {
    const account = await newAccount({ openShanghaiKms: true });
    const shanghaiKey = await createKey(account.shanghaiKms);

    const sourceDisk = await createDisk(account, { size: 40 });
    assert.deepEqual(await diskEncryption(account, HANGZHOU, sourceDisk), PLAIN);
    const snapshotId = await account.disks.createSnapshot({ diskId: sourceDisk });
    assert.deepEqual(await snapshotEncryption(account, HANGZHOU, snapshotId), PLAIN);

    const plainCopy = await copySnapshot(account, snapshotId);
    assert.deepEqual(await snapshotEncryption(account, SHANGHAI, plainCopy), PLAIN);
    const encryptedCopy = await copySnapshot(account, snapshotId, { encrypted: true, KMSKeyId: shanghaiKey.KeyId });
    assert.deepEqual(
      await snapshotEncryption(account, SHANGHAI, encryptedCopy), { encrypted: true, KMSKeyId: shanghaiKey.KeyId });

    const diskFromPlain = await account.disks.createDisk({
      regionId: SHANGHAI, zoneId: SHANGHAI_ZONE, diskCategory: 'cloud_essd', snapshotId: plainCopy,
    });
    const plainDisk = await account.disks.describeDisk(SHANGHAI, diskFromPlain);
    assert.equal(plainDisk.encrypted, false);
    assert.equal(plainDisk.KMSKeyId, '');
    assert.equal(plainDisk.size, 40);
    assert.equal(plainDisk.sourceSnapshotId, plainCopy);

    const diskFromEncrypted = await account.disks.createDisk({
      regionId: SHANGHAI, zoneId: 'cn-shanghai-l', diskCategory: 'cloud_essd', snapshotId: encryptedCopy,
    });
    const encryptedDisk = await account.disks.describeDisk(SHANGHAI, diskFromEncrypted);
    assert.equal(encryptedDisk.encrypted, true);
    assert.equal(encryptedDisk.KMSKeyId, shanghaiKey.KeyId);
    assert.equal(encryptedDisk.size, 40);
    assert.equal(encryptedDisk.sourceSnapshotId, encryptedCopy);

    const secondGeneration = await account.disks.createSnapshot({ diskId: diskFromEncrypted });
    assert.deepEqual(
      await snapshotEncryption(account, SHANGHAI, secondGeneration),
      { encrypted: true, KMSKeyId: shanghaiKey.KeyId });

    assert.deepEqual(await diskEncryption(account, HANGZHOU, sourceDisk), PLAIN);
    assert.deepEqual(await snapshotEncryption(account, HANGZHOU, snapshotId), PLAIN);
  });
});
