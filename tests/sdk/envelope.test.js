'use strict';

// Envelope encryption of disks: each encrypted disk's data key is sealed under its KMS key. The operator
// command `ecslocal data-key show` prints the sealed key, and KMS Decrypt through the official SDK opens it
// only with its key, its encryption context and while the key is Enabled.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const { createDataDir, removeDataDir, startRegionPair, stopServers, runCli, runCliOk } = require('./support/server');
const { createKmsClient, assertRejectsWith } = require('./support/clients');
const { createAccount } = require('./support/accounts');
const { createEcsRpcClient } = require('./support/clients');
const { READY_AT_ONCE_ENV, diskActions } = require('./support/disk-actions');
const { imageActions } = require('./support/image-actions');
const { instanceActions } = require('./support/instance-actions');
const { importMaterial } = require('./support/byok');

const HANGZHOU = 'cn-hangzhou';
const SHANGHAI = 'cn-shanghai';
const CONTEXT = JSON.stringify({ 'acs:ecs:purpose': 'disk-data-key' });

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

async function newAccount() {
  const account = await createAccount(server, { openKms: true });
  account.disks = diskActions(account.ecs);
  account.images = imageActions(account.ecs, createEcsRpcClient(server.port, account));
  account.instances = instanceActions(account.ecs);
  return account;
}

async function createKeyId(kms, query = {}) {
  return (await kms.call('CreateKey', query)).KeyMetadata.KeyId;
}

function createDisk(account, fields = {}) {
  return account.disks.createDisk({ regionId: HANGZHOU, zoneId: 'cn-hangzhou-h', diskCategory: 'cloud_essd', size: 20, ...fields });
}

/** Copies a cn-hangzhou snapshot with copy-and-encrypt under keyId and returns the copy's id. */
function copyEncrypted(account, snapshotId, destinationRegionId, keyId) {
  return account.disks.copySnapshot({
    regionId: HANGZHOU, snapshotId, destinationRegionId, destinationSnapshotName: 'copy', destinationSnapshotDescription: 'copy',
    encrypted: true, KMSKeyId: keyId,
  });
}

/** Runs `data-key show` for a disk or snapshot and returns its fields by label, with the exit status and stderr. */
function showDataKey(resourceId) {
  const result = runCli(dataDir, ['data-key', 'show', '--resource', resourceId]);
  const fields = {};
  for (const line of result.stdout.split('\n')) {
    const match = /^([A-Za-z0-9 -]+):\s+(\S.*)$/.exec(line);
    if (match) {
      fields[match[1]] = match[2];
    }
  }
  return { status: result.status, stderr: result.stderr, fields };
}

/** Returns the fields of `data-key show` and fails the test unless the KMS key opened the data key. */
function openedDataKey(resourceId) {
  const output = showDataKey(resourceId);
  assert.equal(output.status, 0, output.stderr);
  return output.fields;
}

function sha256OfBase64(base64) {
  return crypto.createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
}

describe('data keys of new disks', () => {
  test('KMS Decrypt opens the sealed data key with its context', async () => {
    const account = await newAccount();
    const keyId = await createKeyId(account.kms);
    const diskId = await createDisk(account, { encrypted: true, KMSKeyId: keyId });

    const output = openedDataKey(diskId);
    const opened = await account.kms.call('Decrypt', { CiphertextBlob: output['Sealed data key'], EncryptionContext: CONTEXT });

    assert.equal(output['KMS key'], keyId);
    assert.equal(output['Account'], account.accountId);
    assert.equal(output['Encryption context'], CONTEXT);
    assert.equal(opened.KeyId, keyId);
    assert.equal(Buffer.from(opened.Plaintext, 'base64').length, 32);
    assert.equal(sha256OfBase64(opened.Plaintext), output['Data key SHA-256']);
    await assertRejectsWith(
      account.kms.call('Decrypt', { CiphertextBlob: output['Sealed data key'] }),
      { code: 'InvalidCiphertext', statusCode: 400 });
  });

  test('each disk has its own data key', async () => {
    const account = await newAccount();
    const keyId = await createKeyId(account.kms);
    const first = await createDisk(account, { encrypted: true, KMSKeyId: keyId });
    const second = await createDisk(account, { encrypted: true, KMSKeyId: keyId });

    assert.notEqual(openedDataKey(first)['Data key SHA-256'], openedDataKey(second)['Data key SHA-256']);
  });

  test('plain disk has no data key', async () => {
    const account = await newAccount();
    const diskId = await createDisk(account);

    const output = showDataKey(diskId);

    assert.equal(output.status, 2);
    assert.match(output.stderr, new RegExp(`${diskId} has no data key`));
  });

  test('another account cannot open the data key', async () => {
    const owner = await newAccount();
    const stranger = await newAccount();
    const diskId = await createDisk(owner, { encrypted: true, KMSKeyId: await createKeyId(owner.kms) });

    await assertRejectsWith(
      stranger.kms.call('Decrypt', { CiphertextBlob: openedDataKey(diskId)['Sealed data key'], EncryptionContext: CONTEXT }),
      { code: 'Forbidden.KeyNotFound', statusCode: 404 });
  });
});

describe('data keys of snapshots and copies', () => {
  test('snapshot carries the disk data key', async () => {
    const account = await newAccount();
    const keyId = await createKeyId(account.kms);
    const diskId = await createDisk(account, { encrypted: true, KMSKeyId: keyId });
    const snapshotId = await account.disks.createSnapshot({ diskId });
    const restoredId = await createDisk(account, { snapshotId });

    const disk = openedDataKey(diskId);
    assert.equal(openedDataKey(snapshotId)['Sealed data key'], disk['Sealed data key']);
    assert.equal(openedDataKey(restoredId)['Sealed data key'], disk['Sealed data key']);
  });

  test('disk with another key reseals the data key', async () => {
    const account = await newAccount();
    const diskId = await createDisk(account, { encrypted: true, KMSKeyId: await createKeyId(account.kms) });
    const snapshotId = await account.disks.createSnapshot({ diskId });
    const otherKeyId = await createKeyId(account.kms);

    const restoredId = await createDisk(account, { snapshotId, encrypted: true, KMSKeyId: otherKeyId });

    const restored = openedDataKey(restoredId);
    assert.equal(restored['KMS key'], otherKeyId);
    assert.notEqual(restored['Sealed data key'], openedDataKey(diskId)['Sealed data key']);
    assert.equal(restored['Data key SHA-256'], openedDataKey(diskId)['Data key SHA-256']);
  });

  test('copy to another region reseals under its key', async () => {
    const account = await newAccount();
    const shanghaiKms = createKmsClient(shanghaiServer.port, account);
    await shanghaiKms.call('OpenKmsService');
    const shanghaiKeyId = await createKeyId(shanghaiKms);
    const diskId = await createDisk(account, { encrypted: true, KMSKeyId: await createKeyId(account.kms) });
    const snapshotId = await account.disks.createSnapshot({ diskId });

    const copyId = await copyEncrypted(account, snapshotId, SHANGHAI, shanghaiKeyId);

    const copy = openedDataKey(copyId);
    assert.equal(copy['Region'], SHANGHAI);
    assert.equal(copy['KMS key'], shanghaiKeyId);
    assert.equal(copy['Data key SHA-256'], openedDataKey(diskId)['Data key SHA-256']);
    const opened = await shanghaiKms.call('Decrypt', { CiphertextBlob: copy['Sealed data key'], EncryptionContext: CONTEXT });
    assert.equal(sha256OfBase64(opened.Plaintext), copy['Data key SHA-256']);
  });

  test('copy-and-encrypt of a plain snapshot gets a new data key', async () => {
    const account = await newAccount();
    const keyId = await createKeyId(account.kms);
    const snapshotId = await account.disks.createSnapshot({ diskId: await createDisk(account) });

    const copyId = await copyEncrypted(account, snapshotId, HANGZHOU, keyId);

    assert.equal(showDataKey(snapshotId).status, 2);
    assert.equal(openedDataKey(copyId)['KMS key'], keyId);
  });

  test('shared snapshot is resealed under the recipient key', async () => {
    const owner = await newAccount();
    const recipient = await newAccount();
    const byokKeyId = (await owner.kms.call('CreateKey', { Origin: 'EXTERNAL' })).KeyMetadata.KeyId;
    await importMaterial(owner.kms, byokKeyId, crypto.randomBytes(32));
    const diskId = await createDisk(owner, { encrypted: true, KMSKeyId: byokKeyId });
    const snapshotId = await owner.disks.createSnapshot({ diskId });
    runCliOk(dataDir, ['snapshot', 'share', '--snapshot', snapshotId, '--account', recipient.accountId]);
    const recipientKeyId = await createKeyId(recipient.kms);

    const recipientDiskId = await createDisk(recipient, { snapshotId, encrypted: true, KMSKeyId: recipientKeyId });

    const recipientDisk = openedDataKey(recipientDiskId);
    assert.equal(recipientDisk['Account'], recipient.accountId);
    assert.equal(recipientDisk['KMS key'], recipientKeyId);
    assert.equal(recipientDisk['Data key SHA-256'], openedDataKey(snapshotId)['Data key SHA-256']);
  });
});

describe('data keys of images and instances', () => {
  /** Returns the id of the snapshot behind the system disk mapping of an image. */
  async function systemSnapshotOf(account, imageId) {
    const image = await account.images.describeImageRaw(HANGZHOU, imageId);
    return image.DiskDeviceMappings.DiskDeviceMapping[0].SnapshotId;
  }

  test('image, image copy and new instance keep the data key', async () => {
    const account = await newAccount();
    const [systemKeyId, copyKeyId, launchKeyId] = [
      await createKeyId(account.kms), await createKeyId(account.kms), await createKeyId(account.kms)];
    const launch = (imageId, keyId) => account.instances.runInstances({
      regionId: HANGZHOU, zoneId: 'cn-hangzhou-h', imageId, instanceType: 'ecs.g7.large',
      systemDisk: { category: 'cloud_essd', encrypted: 'true', KMSKeyId: keyId },
    });
    const [instanceId] = await launch('aliyun_3_x64_20G_alibase_20240819.vhd', systemKeyId);
    const systemDiskId = (await account.disks.describeDisks({ regionId: HANGZHOU, instanceId })).disks.disk[0].diskId;
    const dataKeySha256 = openedDataKey(systemDiskId)['Data key SHA-256'];

    const imageId = await account.images.createImage({ regionId: HANGZHOU, instanceId });
    const copyId = await account.images.copyImage({
      regionId: HANGZHOU, imageId, destinationRegionId: HANGZHOU, destinationImageName: 'copy', encrypted: true, KMSKeyId: copyKeyId,
    });
    const [launchedId] = await launch(copyId, launchKeyId);
    const launchedDiskId = (await account.disks.describeDisks({ regionId: HANGZHOU, instanceId: launchedId })).disks.disk[0].diskId;

    const imageSnapshot = openedDataKey(await systemSnapshotOf(account, imageId));
    assert.equal(imageSnapshot['Sealed data key'], openedDataKey(systemDiskId)['Sealed data key']);
    const copySnapshot = openedDataKey(await systemSnapshotOf(account, copyId));
    assert.equal(copySnapshot['KMS key'], copyKeyId);
    assert.equal(copySnapshot['Data key SHA-256'], dataKeySha256);
    const launched = openedDataKey(launchedDiskId);
    assert.equal(launched['KMS key'], launchKeyId);
    assert.equal(launched['Data key SHA-256'], dataKeySha256);
  });
});

describe('disabled keys', () => {
  test('disabled key cannot open the data key', async () => {
    const account = await newAccount();
    const keyId = await createKeyId(account.kms);
    const diskId = await createDisk(account, { encrypted: true, KMSKeyId: keyId });
    const before = openedDataKey(diskId);

    await account.kms.call('DisableKey', { KeyId: keyId });

    const output = showDataKey(diskId);
    assert.equal(output.status, 2);
    assert.equal(output.fields['Sealed data key'], before['Sealed data key']);
    assert.equal(output.fields['Data key SHA-256'], undefined);
    assert.match(output.stderr, /InvalidParameter\.KMSKeyId\.CMKNotEnabled/);
    await assertRejectsWith(
      account.kms.call('Decrypt', { CiphertextBlob: before['Sealed data key'], EncryptionContext: CONTEXT }),
      { code: 'Rejected.Disabled', statusCode: 409 });
    await assertRejectsWith(
      account.disks.createSnapshot({ diskId }),
      { code: 'InvalidParameter.KMSKeyId.CMKNotEnabled', statusCode: 403 });

    await account.kms.call('EnableKey', { KeyId: keyId });
    assert.equal(openedDataKey(diskId)['Data key SHA-256'], before['Data key SHA-256']);
  });

  test('rotated key still opens older data keys', async () => {
    const account = await newAccount();
    const keyId = await createKeyId(account.kms);
    const diskId = await createDisk(account, { encrypted: true, KMSKeyId: keyId });
    const before = openedDataKey(diskId);

    const version = await account.kms.call('CreateKeyVersion', { KeyId: keyId });
    const newDiskId = await createDisk(account, { encrypted: true, KMSKeyId: keyId });

    assert.equal(openedDataKey(diskId)['Data key SHA-256'], before['Data key SHA-256']);
    assert.equal(openedDataKey(diskId)['KMS key version'], before['KMS key version']);
    assert.equal(openedDataKey(newDiskId)['KMS key version'], version.KeyVersion.KeyVersionId);
  });
});
