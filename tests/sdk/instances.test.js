'use strict';

// ECS instance actions (RunInstances, CreateInstance, DescribeInstances, StartInstance, StopInstance,
// DeleteInstance, DeleteInstances, AttachDisk, DetachDisk) and the encryption of the disks they
// create, driven through @alicloud/ecs20140526 and @alicloud/pop-core.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { createDataDir, removeDataDir, startServer } = require('./support/server');
const { ECS_VERSION, createEcsRpcClient, createPopClient, assertRejectsWith } = require('./support/clients');
const { createAccount } = require('./support/accounts');
const { defaultEncryption } = require('./support/ecs-actions');
const { READY_AT_ONCE_ENV, diskActions } = require('./support/disk-actions');
const { imageActions } = require('./support/image-actions');
const { instanceActions } = require('./support/instance-actions');

const HANGZHOU = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-h';
const OTHER_ZONE = 'cn-hangzhou-i';
const SERVICE_KEY_ALIAS = 'alias/acs/ecs';
const UNKNOWN_KEY_ID = '00000000-0000-4000-8000-000000000000';
const INSTANCE_TYPE = 'ecs.g7.large';

const ALIYUN_IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd';
const WINDOWS_IMAGE = 'win2022_21H2_x64_dtc_en-us_40G_alibase_20240819.vhd';

const HANGZHOU_INSTANCE_ID = /^i-bp[a-z0-9]{18}$/;

let server;
let dataDir;

before(async () => {
  dataDir = createDataDir();
  server = await startServer({ dataDir, env: READY_AT_ONCE_ENV });
});

after(async () => {
  if (server) {
    await server.stop();
  }
  removeDataDir(dataDir);
});

/**
 * Creates an account with disk, image, instance and default-encryption wrappers.
 * options: openKms (default true) activates KMS in cn-hangzhou.
 */
async function newAccount({ openKms = true } = {}) {
  const account = await createAccount(server, { openKms });
  account.disks = diskActions(account.ecs);
  account.images = imageActions(account.ecs, createEcsRpcClient(server.port, account));
  account.instances = instanceActions(account.ecs);
  account.encryption = defaultEncryption(account.ecs);
  return account;
}

/** Creates a symmetric customer key with default settings and returns its KeyId. */
async function createKeyId(kms) {
  const body = await kms.call('CreateKey');
  return body.KeyMetadata.KeyId;
}

/** Returns the id of the ECS service key (alias/acs/ecs) in cn-hangzhou. */
async function serviceKeyId(kms) {
  const body = await kms.call('DescribeKey', { KeyId: SERVICE_KEY_ALIAS });
  return body.KeyMetadata.KeyId;
}

/**
 * Sends RunInstances in cn-hangzhou from the Aliyun image with ecs.g7.large in cn-hangzhou-h and
 * returns the InstanceIds. fields override or add request fields.
 */
function runInstances(account, fields = {}) {
  return account.instances.runInstances({
    regionId: HANGZHOU, imageId: ALIYUN_IMAGE, instanceType: INSTANCE_TYPE, zoneId: ZONE, ...fields,
  });
}

/** Sends RunInstances for one instance and returns its InstanceId. */
async function runInstance(account, fields = {}) {
  const instanceIds = await runInstances(account, fields);
  assert.equal(instanceIds.length, 1, 'RunInstances returns one InstanceId');
  return instanceIds[0];
}

/** Returns the disks of an instance, the system disk first and data disks by size. */
async function instanceDisks(account, instanceId) {
  const body = await account.disks.describeDisks({ regionId: HANGZHOU, instanceId, pageSize: 100 });
  return body.disks.disk.sort((a, b) => {
    if (a.type !== b.type) {
      return a.type === 'system' ? -1 : 1;
    }
    return a.size - b.size;
  });
}

/** Returns { type, size, encrypted, KMSKeyId } of each disk of an instance, the system disk first. */
async function instanceDiskKeys(account, instanceId) {
  const disks = await instanceDisks(account, instanceId);
  return disks.map((disk) => ({
    type: disk.type, size: disk.size, encrypted: disk.encrypted, KMSKeyId: disk.KMSKeyId,
  }));
}

/** Returns the number of instances and disks of the account in cn-hangzhou. */
async function countResources(account) {
  return {
    instances: await account.instances.countInstances(HANGZHOU),
    disks: await account.disks.countDisks(HANGZHOU),
  };
}

/** Creates a 20 GiB cloud_essd disk in cn-hangzhou-h and returns its DiskId. fields override or add request fields. */
function createDisk(account, fields = {}) {
  return account.disks.createDisk({
    regionId: HANGZHOU, zoneId: ZONE, diskCategory: 'cloud_essd', size: 20, ...fields,
  });
}

/** Returns whether DescribeInstances still lists the instance. */
async function instanceExists(account, instanceId) {
  const body = await account.instances.describeInstances({
    regionId: HANGZHOU, instanceIds: JSON.stringify([instanceId]),
  });
  return body.instances.instance.length === 1;
}

/** Returns whether DescribeDisks still lists the disk. */
async function diskExists(account, diskId) {
  const body = await account.disks.describeDisks({ regionId: HANGZHOU, diskIds: JSON.stringify([diskId]) });
  return body.disks.disk.length === 1;
}

describe('RunInstances', () => {
  test('instance from the Aliyun image', async () => {
    const account = await newAccount({ openKms: false });
    const instanceId = await runInstance(account, {
      instanceName: 'web-1', dataDisks: [{ size: 40, category: 'cloud_essd' }],
    });
    assert.match(instanceId, HANGZHOU_INSTANCE_ID);

    const instance = await account.instances.describeInstance(HANGZHOU, instanceId);
    assert.equal(instance.instanceId, instanceId);
    assert.equal(instance.instanceType, INSTANCE_TYPE);
    assert.equal(instance.imageId, ALIYUN_IMAGE);
    assert.equal(instance.zoneId, ZONE);
    assert.equal(instance.status, 'Running');

    const [systemDisk, dataDisk] = await instanceDisks(account, instanceId);
    assert.equal(systemDisk.type, 'system');
    assert.equal(systemDisk.size, 20);
    assert.equal(systemDisk.category, 'cloud_essd');
    assert.equal(systemDisk.status, 'In_use');
    assert.equal(systemDisk.instanceId, instanceId);
    assert.equal(systemDisk.zoneId, ZONE);
    assert.equal(systemDisk.encrypted, false);
    assert.equal(dataDisk.type, 'data');
    assert.equal(dataDisk.size, 40);
    assert.equal(dataDisk.status, 'In_use');
    assert.equal(dataDisk.instanceId, instanceId);
    assert.equal(dataDisk.encrypted, false);
    assert.equal(await account.disks.countDisks(HANGZHOU), 2);
  });

  test('ZoneId is optional', async () => {
    const account = await newAccount({ openKms: false });
    const instanceId = await runInstance(account, { zoneId: undefined });
    const instance = await account.instances.describeInstance(HANGZHOU, instanceId);
    assert.match(instance.zoneId, /^cn-hangzhou-[a-z]$/);
    const [systemDisk] = await instanceDisks(account, instanceId);
    assert.equal(systemDisk.zoneId, instance.zoneId);
  });

  test('Amount 2 gives each instance the same disk keys', async () => {
    const account = await newAccount();
    const systemKeyId = await createKeyId(account.kms);
    const dataKeyId = await createKeyId(account.kms);

    const instanceIds = await runInstances(account, {
      amount: 2,
      systemDisk: { category: 'cloud_essd', encrypted: 'true', KMSKeyId: systemKeyId },
      dataDisks: [
        { size: 40, category: 'cloud_essd', encrypted: 'true', KMSKeyId: dataKeyId },
        { size: 50, category: 'cloud_essd' },
      ],
    });
    assert.equal(instanceIds.length, 2);
    assert.notEqual(instanceIds[0], instanceIds[1]);

    for (const instanceId of instanceIds) {
      assert.match(instanceId, HANGZHOU_INSTANCE_ID);
      assert.deepEqual(await instanceDiskKeys(account, instanceId), [
        { type: 'system', size: 20, encrypted: true, KMSKeyId: systemKeyId },
        { type: 'data', size: 40, encrypted: true, KMSKeyId: dataKeyId },
        { type: 'data', size: 50, encrypted: false, KMSKeyId: '' },
      ], `disks of ${instanceId}`);
    }
    assert.equal(await account.instances.countInstances(HANGZHOU), 2);
  });

  test('data disk from a snapshot keeps its key', async () => {
    const account = await newAccount();
    const keyId = await createKeyId(account.kms);
    const sourceDisk = await createDisk(account, { size: 30, encrypted: true, KMSKeyId: keyId });
    const snapshotId = await account.disks.createSnapshot({ diskId: sourceDisk });

    const instanceId = await runInstance(account, { dataDisks: [{ snapshotId, category: 'cloud_essd' }] });
    const [, dataDisk] = await instanceDisks(account, instanceId);
    assert.equal(dataDisk.sourceSnapshotId, snapshotId);
    assert.equal(dataDisk.size, 30);
    assert.equal(dataDisk.encrypted, true);
    assert.equal(dataDisk.KMSKeyId, keyId);
  });

  test('default encryption encrypts the system disk', async () => {
    const account = await newAccount();
    await account.encryption.enable(HANGZHOU);
    const defaultKeyId = await account.encryption.defaultKeyId(HANGZHOU);

    const instanceId = await runInstance(account);
    assert.deepEqual(
      await instanceDiskKeys(account, instanceId),
      [{ type: 'system', size: 20, encrypted: true, KMSKeyId: defaultKeyId }]);
  });

  test('default encryption rejects cloud_efficiency', async () => {
    const account = await newAccount();
    await account.encryption.enable(HANGZHOU);

    await assertRejectsWith(runInstances(account, { systemDisk: { category: 'cloud_efficiency' } }), {
      code: 'NotSupportSnapshotEncrypted.DiskCategory',
      statusCode: 403,
    });
    assert.deepEqual(await countResources(account), { instances: 0, disks: 0 });
  });

  test('one bad data disk creates nothing', async (t) => {
    const account = await newAccount();
    const goodKeyId = await createKeyId(account.kms);
    const disabledKeyId = await createKeyId(account.kms);
    await account.kms.call('DisableKey', { KeyId: disabledKeyId });
    const goodDisks = [
      { size: 40, category: 'cloud_essd', encrypted: 'true', KMSKeyId: goodKeyId },
      { size: 50, category: 'cloud_essd' },
    ];

    const cases = {
      'disabled key': [
        { encrypted: 'true', KMSKeyId: disabledKeyId },
        { code: 'InvalidParameter.KMSKeyId.CMKNotEnabled', statusCode: 403 }],
      'unknown key': [
        { encrypted: 'true', KMSKeyId: UNKNOWN_KEY_ID },
        { code: 'InvalidParameter.KMSKeyId.NotFound', statusCode: 404 }],
      'KMSKeyId without Encrypted': [
        { KMSKeyId: goodKeyId },
        { code: 'InvalidEncrypted.NotMatchKmsKeyId', statusCode: 400 }],
    };
    for (const [name, [badDisk, expectedError]] of Object.entries(cases)) {
      await t.test(name, async () => {
        const dataDisks = [...goodDisks, { size: 60, category: 'cloud_essd', ...badDisk }];
        await assertRejectsWith(runInstances(account, { amount: 2, dataDisks }), expectedError);
        assert.deepEqual(await countResources(account), { instances: 0, disks: 0 });
      });
    }
  });

  test('invalid requests are rejected', async (t) => {
    const account = await newAccount({ openKms: false });
    const cases = {
      'missing ImageId': [{ imageId: undefined }, { code: 'MissingParameter', statusCode: 400 }],
      'missing InstanceType': [{ instanceType: undefined }, { code: 'MissingParameter', statusCode: 400 }],
      'InstanceType large': [
        { instanceType: 'large' }, { code: 'InvalidInstanceType.ValueNotSupported', statusCode: 400 }],
      'unknown image': [{ imageId: 'm-bp0000000000000000zz' }, { code: 'InvalidImageId.NotFound', statusCode: 404 }],
      'Amount 101': [{ amount: 101 }, { code: 'InvalidParameter', statusCode: 400 }],
      'system disk smaller than the image': [
        { imageId: WINDOWS_IMAGE, systemDisk: { category: 'cloud_essd', size: '30' } },
        { code: 'InvalidDiskSize.TooSmall', statusCode: 403 }],
      'DryRun': [{ dryRun: true }, { code: 'DryRunOperation', statusCode: 400 }],
    };
    for (const [name, [fields, expectedError]] of Object.entries(cases)) {
      await t.test(name, () => assertRejectsWith(runInstances(account, fields), expectedError));
    }
    assert.deepEqual(await countResources(account), { instances: 0, disks: 0 });
  });

  test('pop-core GET RunInstances with dotted names', async () => {
    const account = await newAccount();
    const keyId = await createKeyId(account.kms);
    const pop = createPopClient(server.port, ECS_VERSION, account);

    const body = await pop.request('RunInstances', {
      RegionId: HANGZHOU,
      ZoneId: ZONE,
      ImageId: ALIYUN_IMAGE,
      InstanceType: INSTANCE_TYPE,
      Amount: 1,
      'SystemDisk.Category': 'cloud_essd',
      'SystemDisk.Size': 30,
      'DataDisk.1.Size': 40,
      'DataDisk.1.Category': 'cloud_essd',
      'DataDisk.1.Encrypted': 'true',
      'DataDisk.1.KMSKeyId': keyId,
      'DataDisk.2.Size': 50,
      'DataDisk.2.Category': 'cloud_essd',
    }, { method: 'GET' });
    const instanceIds = body.InstanceIdSets.InstanceIdSet;
    assert.equal(instanceIds.length, 1);
    assert.match(instanceIds[0], HANGZHOU_INSTANCE_ID);

    assert.deepEqual(await instanceDiskKeys(account, instanceIds[0]), [
      { type: 'system', size: 30, encrypted: false, KMSKeyId: '' },
      { type: 'data', size: 40, encrypted: true, KMSKeyId: keyId },
      { type: 'data', size: 50, encrypted: false, KMSKeyId: '' },
    ]);
  });
});

describe('instances and images', () => {
  test('disk keys survive an image round trip', async () => {
    const account = await newAccount();
    const systemKeyId = await createKeyId(account.kms);
    const dataKeyId = await createKeyId(account.kms);
    const sourceInstance = await runInstance(account, {
      systemDisk: { category: 'cloud_essd', encrypted: 'true', KMSKeyId: systemKeyId },
      dataDisks: [{ size: 40, category: 'cloud_essd', encrypted: 'true', KMSKeyId: dataKeyId }],
    });

    const imageId = await account.images.createImage({ regionId: HANGZHOU, instanceId: sourceInstance });
    assert.deepEqual(await account.images.mappingKeys(HANGZHOU, imageId), [
      { type: 'system', encrypted: true, KMSKeyId: systemKeyId },
      { type: 'data', encrypted: true, KMSKeyId: dataKeyId },
    ]);

    const copyInstance = await runInstance(account, { imageId });
    const instance = await account.instances.describeInstance(HANGZHOU, copyInstance);
    assert.equal(instance.imageId, imageId);
    assert.deepEqual(await instanceDiskKeys(account, copyInstance), [
      { type: 'system', size: 20, encrypted: true, KMSKeyId: systemKeyId },
      { type: 'data', size: 40, encrypted: true, KMSKeyId: dataKeyId },
    ]);
  });

  test('shared image uses the recipient keys', async (t) => {
    const owner = await newAccount({ openKms: false });
    const recipient = await newAccount();
    const ownerInstance = await runInstance(owner);
    const imageId = await owner.images.createImage({ regionId: HANGZHOU, instanceId: ownerInstance });
    await owner.images.modifySharePermission({ regionId: HANGZHOU, imageId, addAccount: [recipient.accountId] });

    await t.test('default off and Encrypted', async () => {
      const instanceId = await runInstance(recipient, {
        imageId, systemDisk: { category: 'cloud_essd', encrypted: 'true' },
      });
      const expectedKeyId = await serviceKeyId(recipient.kms);
      assert.deepEqual(
        await instanceDiskKeys(recipient, instanceId),
        [{ type: 'system', size: 20, encrypted: true, KMSKeyId: expectedKeyId }]);
    });

    await t.test('default on', async () => {
      const defaultKeyId = await createKeyId(recipient.kms);
      await recipient.encryption.enable(HANGZHOU);
      await recipient.encryption.modifyKey(HANGZHOU, defaultKeyId);

      const instanceId = await runInstance(recipient, { imageId });
      assert.deepEqual(
        await instanceDiskKeys(recipient, instanceId),
        [{ type: 'system', size: 20, encrypted: true, KMSKeyId: defaultKeyId }]);
    });

    assert.deepEqual(await instanceDiskKeys(owner, ownerInstance), [
      { type: 'system', size: 20, encrypted: false, KMSKeyId: '' },
    ]);
  });
});

describe('instance lifecycle', () => {
  test('CreateInstance starts Stopped', async () => {
    const account = await newAccount({ openKms: false });
    const instanceId = await account.instances.createInstance({
      regionId: HANGZHOU, zoneId: ZONE, imageId: ALIYUN_IMAGE, instanceType: INSTANCE_TYPE,
    });
    assert.match(instanceId, HANGZHOU_INSTANCE_ID);

    const instance = await account.instances.describeInstance(HANGZHOU, instanceId);
    assert.equal(instance.status, 'Stopped');
    assert.equal(instance.imageId, ALIYUN_IMAGE);
    assert.equal(instance.instanceType, INSTANCE_TYPE);
    assert.equal(instance.zoneId, ZONE);

    await account.instances.startInstance(instanceId);
    assert.equal((await account.instances.describeInstance(HANGZHOU, instanceId)).status, 'Running');

    await assertRejectsWith(account.instances.startInstance(instanceId), {
      code: 'IncorrectInstanceStatus',
      statusCode: 403,
    });

    await account.instances.stopInstance(instanceId);
    assert.equal((await account.instances.describeInstance(HANGZHOU, instanceId)).status, 'Stopped');
  });

  test('DescribeInstances filters by InstanceIds', async () => {
    const account = await newAccount({ openKms: false });
    const instanceIds = await runInstances(account, { amount: 3 });
    assert.equal(instanceIds.length, 3);

    const selected = [instanceIds[0], instanceIds[2]];
    const body = await account.instances.describeInstances({
      regionId: HANGZHOU, instanceIds: JSON.stringify(selected),
    });
    assert.deepEqual(body.instances.instance.map((instance) => instance.instanceId).sort(), [...selected].sort());
    assert.equal(await account.instances.countInstances(HANGZHOU), 3);
  });
});

describe('AttachDisk and DetachDisk', () => {
  let account;
  let instanceId;

  before(async () => {
    account = await newAccount();
    instanceId = await runInstance(account);
  });

  test('attach and detach a data disk', async () => {
    const diskId = await createDisk(account);

    await account.instances.attachDisk(diskId, instanceId);
    const attached = await account.disks.describeDisk(HANGZHOU, diskId);
    assert.equal(attached.status, 'In_use');
    assert.equal(attached.instanceId, instanceId);

    await account.instances.detachDisk(diskId, instanceId);
    const detached = await account.disks.describeDisk(HANGZHOU, diskId);
    assert.equal(detached.status, 'Available');
    assert.equal(detached.instanceId, '');
  });

  test('disk in another zone returns ZoneMismatch', async () => {
    const diskId = await createDisk(account, { zoneId: OTHER_ZONE });
    await assertRejectsWith(account.instances.attachDisk(diskId, instanceId), {
      code: 'InvalidDiskId.ZoneMismatch',
      statusCode: 403,
    });
    assert.equal((await account.disks.describeDisk(HANGZHOU, diskId)).status, 'Available');
  });

  test('disabled disk key blocks AttachDisk', async () => {
    const keyId = await createKeyId(account.kms);
    const diskId = await createDisk(account, { encrypted: true, KMSKeyId: keyId });
    await account.kms.call('DisableKey', { KeyId: keyId });

    await assertRejectsWith(account.instances.attachDisk(diskId, instanceId), {
      code: 'InvalidParameter.KMSKeyId.CMKNotEnabled',
      statusCode: 403,
    });
    assert.equal((await account.disks.describeDisk(HANGZHOU, diskId)).status, 'Available');

    await account.kms.call('EnableKey', { KeyId: keyId });
    await account.instances.attachDisk(diskId, instanceId);
    const attached = await account.disks.describeDisk(HANGZHOU, diskId);
    assert.equal(attached.status, 'In_use');
    assert.equal(attached.instanceId, instanceId);
  });

  test('system disk cannot be detached', async () => {
    const [systemDisk] = await instanceDisks(account, instanceId);
    assert.equal(systemDisk.type, 'system');
    await assertRejectsWith(account.instances.detachDisk(systemDisk.diskId, instanceId), {
      code: 'IncorrectDiskType',
      statusCode: 403,
    });
    const disk = await account.disks.describeDisk(HANGZHOU, systemDisk.diskId);
    assert.equal(disk.status, 'In_use');
    assert.equal(disk.instanceId, instanceId);
  });
});

describe('DeleteInstance', () => {
  test('running instance needs Force', async () => {
    const account = await newAccount({ openKms: false });
    const instanceId = await runInstance(account, {
      dataDisks: [
        { size: 40, category: 'cloud_essd' },
        { size: 50, category: 'cloud_essd', deleteWithInstance: false },
      ],
    });
    const [systemDisk, deletedDataDisk, retainedDataDisk] = await instanceDisks(account, instanceId);
    assert.equal(retainedDataDisk.size, 50);
    assert.equal(retainedDataDisk.deleteWithInstance, false);
    const detachedDisk = await createDisk(account);
    await account.instances.attachDisk(detachedDisk, instanceId);
    await account.instances.detachDisk(detachedDisk, instanceId);

    await assertRejectsWith(account.instances.deleteInstance(instanceId), {
      code: 'IncorrectInstanceStatus',
      statusCode: 403,
    });
    assert.equal(await instanceExists(account, instanceId), true);

    await account.instances.deleteInstance(instanceId, true);
    assert.equal(await instanceExists(account, instanceId), false);
    assert.equal(await diskExists(account, systemDisk.diskId), false, 'system disk is deleted');
    assert.equal(await diskExists(account, deletedDataDisk.diskId), false, 'DeleteWithInstance data disk is deleted');
    for (const diskId of [retainedDataDisk.diskId, detachedDisk]) {
      const disk = await account.disks.describeDisk(HANGZHOU, diskId);
      assert.equal(disk.status, 'Available', `Status of ${diskId}`);
      assert.equal(disk.instanceId, '', `InstanceId of ${diskId}`);
    }
    assert.equal(await account.disks.countDisks(HANGZHOU), 2);
  });

  test('DeleteInstances deletes several', async () => {
    const account = await newAccount({ openKms: false });
    const instanceIds = await runInstances(account, { amount: 3 });

    await account.instances.deleteInstances(HANGZHOU, instanceIds.slice(0, 2), true);
    const body = await account.instances.describeInstances({ regionId: HANGZHOU });
    assert.deepEqual(body.instances.instance.map((instance) => instance.instanceId), [instanceIds[2]]);
    assert.equal(await account.disks.countDisks(HANGZHOU), 1);
  });
});

describe('other accounts', () => {
  test('another account cannot use the instance or disk', async () => {
    const owner = await newAccount({ openKms: false });
    const intruder = await newAccount({ openKms: false });
    const ownerInstance = await runInstance(owner);
    const ownerDisk = await createDisk(owner);
    const intruderInstance = await runInstance(intruder);

    await assertRejectsWith(intruder.instances.startInstance(ownerInstance), {
      code: 'InvalidInstanceId.NotFound',
      statusCode: 404,
    });
    await assertRejectsWith(intruder.instances.deleteInstance(ownerInstance, true), {
      code: 'InvalidInstanceId.NotFound',
      statusCode: 404,
    });
    await assertRejectsWith(intruder.instances.attachDisk(ownerDisk, intruderInstance), {
      code: 'InvalidDiskId.NotFound',
      statusCode: 404,
    });

    assert.equal((await owner.instances.describeInstance(HANGZHOU, ownerInstance)).status, 'Running');
    assert.equal((await owner.disks.describeDisk(HANGZHOU, ownerDisk)).status, 'Available');
  });
});
