'use strict';

// ECS image actions (DescribeImages, CreateImage, CopyImage, DeleteImage, ModifyImageSharePermission,
// DescribeImageSharePermission) and the encryption of image disk mappings, driven through
// @alicloud/ecs20140526.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const {
  createDataDir,
  removeDataDir,
  startServer,
  startRegionPair,
  stopServers,
} = require('./support/server');
const { createEcsClient, createEcsRpcClient, createKmsClient, assertRejectsWith } = require('./support/clients');
const { createAccount, randomAccountId } = require('./support/accounts');
const { defaultEncryption } = require('./support/ecs-actions');
const { READY_AT_ONCE_ENV, diskActions } = require('./support/disk-actions');
const { imageActions } = require('./support/image-actions');
const { instanceActions } = require('./support/instance-actions');

const HANGZHOU = 'cn-hangzhou';
const SHANGHAI = 'cn-shanghai';
const BEIJING = 'cn-beijing';
const ZONE = 'cn-hangzhou-h';
const SERVICE_KEY_ALIAS = 'alias/acs/ecs';

const ALIYUN_IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd';
const SYSTEM_IMAGES = [
  ALIYUN_IMAGE,
  'ubuntu_22_04_x64_20G_alibase_20240819.vhd',
  'centos_7_9_x64_20G_alibase_20240819.vhd',
  'win2022_21H2_x64_dtc_en-us_40G_alibase_20240819.vhd',
].sort();

const HANGZHOU_IMAGE_ID = /^m-bp[a-z0-9]{18}$/;
const SHANGHAI_IMAGE_ID = /^m-uf[a-z0-9]{18}$/;
const ANY_STATUS = 'Creating,Available';
const PLAIN_SYSTEM = { type: 'system', encrypted: false, KMSKeyId: '' };
const PLAIN_DATA = { type: 'data', encrypted: false, KMSKeyId: '' };

let server;
let shanghaiServer;
let slowServer;
let dataDir;

before(async () => {
  dataDir = createDataDir();
  ({ server, shanghaiServer } = await startRegionPair(dataDir, READY_AT_ONCE_ENV));
  // A third process keeps new images in Creating for ten minutes, so the Status filter has an image
  // that is not Available yet. Images take their ready time from the snapshot setting.
  slowServer = await startServer({
    dataDir,
    env: { ECSLOCAL_DISK_READY_MS: '0', ECSLOCAL_SNAPSHOT_READY_MS: '600000' },
  });
});

after(async () => {
  await stopServers(slowServer, shanghaiServer, server);
  removeDataDir(dataDir);
});

/**
 * Creates an account with disk, image, instance and default-encryption wrappers.
 * options: openKms (default true) activates KMS in cn-hangzhou, openShanghaiKms (default false)
 * activates it in cn-shanghai too. account.shanghaiKms is the account's KMS client for cn-shanghai.
 */
async function newAccount({ openKms = true, openShanghaiKms = false } = {}) {
  const account = await createAccount(server, { openKms });
  account.disks = diskActions(account.ecs);
  account.images = imageActions(account.ecs, createEcsRpcClient(server.port, account));
  account.instances = instanceActions(account.ecs);
  account.encryption = defaultEncryption(account.ecs);
  account.shanghaiKms = createKmsClient(shanghaiServer.port, account);
  if (openShanghaiKms) {
    await account.shanghaiKms.call('OpenKmsService');
  }
  return account;
}

/** Creates a symmetric customer key with default settings and returns its KeyId. */
async function createKeyId(kms) {
  const body = await kms.call('CreateKey');
  return body.KeyMetadata.KeyId;
}

/** Returns the id of the ECS service key (alias/acs/ecs) in the KMS client's region. */
async function serviceKeyId(kms) {
  const body = await kms.call('DescribeKey', { KeyId: SERVICE_KEY_ALIAS });
  return body.KeyMetadata.KeyId;
}

/**
 * Creates a 20 GiB cloud_essd disk in cn-hangzhou-h and a snapshot of it, and returns the SnapshotId.
 * diskFields override or add CreateDisk fields.
 */
async function createSnapshot(account, diskFields = {}) {
  const diskId = await account.disks.createDisk({
    regionId: HANGZHOU, zoneId: ZONE, diskCategory: 'cloud_essd', size: 20, ...diskFields,
  });
  return account.disks.createSnapshot({ diskId });
}

/** Creates a cn-hangzhou image from one snapshot and returns its ImageId. fields override or add request fields. */
function createImage(account, snapshotId, fields = {}) {
  return account.images.createImage({ regionId: HANGZHOU, snapshotId, ...fields });
}

/** Creates a snapshot of a disk with these fields and an image of it, and returns the ImageId. */
async function createImageOfDisk(account, diskFields = {}) {
  const snapshotId = await createSnapshot(account, diskFields);
  return createImage(account, snapshotId);
}

/** Copies a cn-hangzhou image to cn-shanghai and returns the copy's id. fields override or add request fields. */
function copyImage(account, imageId, fields = {}) {
  return account.images.copyImage({
    regionId: HANGZHOU,
    imageId,
    destinationRegionId: SHANGHAI,
    destinationImageName: 'copied',
    ...fields,
  });
}

/** Returns the ids of the account's own images in a region, in any status. */
function listOwnImageIds(account, regionId) {
  return account.images.listImageIds({ regionId, imageOwnerAlias: 'self', status: ANY_STATUS });
}

describe('DescribeImages', () => {
  let account;
  let availableImage;
  let creatingImage;

  before(async () => {
    account = await newAccount({ openKms: false });
    availableImage = await createImageOfDisk(account);
    const snapshotId = await createSnapshot(account);
    const slowImages = imageActions(createEcsClient(slowServer.port, account), undefined);
    creatingImage = await slowImages.createImage({ regionId: HANGZHOU, snapshotId });
  });

  test('system images exist in every region', async (t) => {
    for (const regionId of [HANGZHOU, SHANGHAI, BEIJING]) {
      await t.test(regionId, async () => {
        const body = await account.images.describeImages({ regionId, imageOwnerAlias: 'system', pageSize: 100 });
        assert.equal(body.totalCount, 4);
        assert.deepEqual(body.images.image.map((image) => image.imageId).sort(), SYSTEM_IMAGES);
        for (const image of body.images.image) {
          assert.equal(image.imageOwnerAlias, 'system', `ImageOwnerAlias of ${image.imageId}`);
          assert.equal(image.status, 'Available', `Status of ${image.imageId}`);
          const mappings = image.diskDeviceMappings.diskDeviceMapping;
          assert.ok(mappings.length > 0, `${image.imageId} has disk mappings`);
          for (const mapping of mappings) {
            assert.equal(mapping.encrypted, false, `Encrypted of a mapping of ${image.imageId}`);
          }
        }
      });
    }
  });

  test('image fields have documented types', async () => {
    const image = await account.images.describeImageRaw(HANGZHOU, availableImage);
    assert.equal(image.ImageId, availableImage);
    assert.equal(typeof image.ImageName, 'string');
    assert.equal(image.Status, 'Available');
    assert.equal(image.ImageOwnerAlias, 'self');
    assert.equal(image.IsCopied, false);
    assert.equal(image.IsPublic, false);
    assert.equal(image.Size, 20);

    const mappings = image.DiskDeviceMappings.DiskDeviceMapping;
    assert.ok(Array.isArray(mappings), 'DiskDeviceMappings.DiskDeviceMapping is an array');
    assert.equal(mappings.length, 1);
    const [mapping] = mappings;
    assert.equal(typeof mapping.Device, 'string');
    assert.notEqual(mapping.Device, '');
    assert.equal(mapping.Type, 'system');
    assert.equal(mapping.Size, '20');
    assert.match(mapping.SnapshotId, /^s-bp[a-z0-9]{18}$/);
    assert.equal(mapping.Encrypted, false);
    assert.equal(mapping.KMSKeyId, '');
  });

  test('filters select matching images', async (t) => {
    const cases = {
      'self': [{ imageOwnerAlias: 'self' }, [availableImage]],
      'self and Status Creating': [{ imageOwnerAlias: 'self', status: 'Creating' }, [creatingImage]],
      'self and a Status list': [{ imageOwnerAlias: 'self', status: ANY_STATUS }, [availableImage, creatingImage]],
      'system': [{ imageOwnerAlias: 'system' }, SYSTEM_IMAGES],
      'others': [{ imageOwnerAlias: 'others' }, []],
      'ImageId list': [{ imageId: `${availableImage},${ALIYUN_IMAGE}` }, [availableImage, ALIYUN_IMAGE]],
      'ImageId list and a Status list': [
        { imageId: `${availableImage},${creatingImage}`, status: ANY_STATUS }, [availableImage, creatingImage]],
      'ImageId of a Creating image': [{ imageId: creatingImage }, []],
    };
    for (const [name, [filters, expected]] of Object.entries(cases)) {
      await t.test(name, async () => {
        assert.deepEqual(await account.images.listImageIds({ regionId: HANGZHOU, ...filters }), [...expected].sort());
      });
    }
  });

  test('invalid ImageOwnerAlias returns InvalidParameter', async () => {
    await assertRejectsWith(account.images.describeImages({ regionId: HANGZHOU, imageOwnerAlias: 'nobody' }), {
      code: 'InvalidParameter',
      statusCode: 400,
    });
  });

  test('missing RegionId returns MissingParameter', async () => {
    await assertRejectsWith(account.images.describeImages({}), { code: 'MissingParameter', statusCode: 400 });
  });
});

describe('CreateImage', () => {
  test('image from a snapshot', async () => {
    const account = await newAccount({ openKms: false });
    const snapshotId = await createSnapshot(account);
    const imageId = await createImage(account, snapshotId, { imageName: 'golden', description: 'base image' });
    assert.match(imageId, HANGZHOU_IMAGE_ID);

    const body = await account.images.describeImages({ regionId: HANGZHOU, imageId });
    assert.equal(body.images.image.length, 1);
    const image = body.images.image[0];
    assert.equal(image.imageName, 'golden');
    assert.equal(image.status, 'Available');
    assert.equal(image.imageOwnerAlias, 'self');
    const mappings = image.diskDeviceMappings.diskDeviceMapping;
    assert.equal(mappings.length, 1);
    assert.equal(mappings[0].type, 'system');
    assert.equal(mappings[0].size, '20');
    assert.deepEqual(await account.images.mappingKeys(HANGZHOU, imageId), [PLAIN_SYSTEM]);
  });

  test('mappings keep snapshot keys', async () => {
    const account = await newAccount();
    const systemKeyId = await createKeyId(account.kms);
    const dataKeyId = await createKeyId(account.kms);
    const systemSnapshot = await createSnapshot(account, { encrypted: true, KMSKeyId: systemKeyId });
    const plainSnapshot = await createSnapshot(account);
    const dataSnapshot = await createSnapshot(account, { encrypted: true, KMSKeyId: dataKeyId });

    const imageId = await account.images.createImage({
      regionId: HANGZHOU,
      mappings: [
        { snapshotId: systemSnapshot },
        { snapshotId: plainSnapshot, size: 40, diskType: 'data', device: '/dev/xvdb' },
        { snapshotId: dataSnapshot, diskType: 'data' },
      ],
    });

    assert.deepEqual(await account.images.mappingKeys(HANGZHOU, imageId), [
      { type: 'system', encrypted: true, KMSKeyId: systemKeyId },
      PLAIN_DATA,
      { type: 'data', encrypted: true, KMSKeyId: dataKeyId },
    ]);
    const image = await account.images.describeImageRaw(HANGZHOU, imageId);
    const resized = image.DiskDeviceMappings.DiskDeviceMapping[1];
    assert.equal(resized.Size, '40');
    assert.equal(resized.Device, '/dev/xvdb');
  });

  test('InstanceId comes before mappings and SnapshotId', async (t) => {
    const account = await newAccount();
    const keyId = await createKeyId(account.kms);
    const encryptedSnapshot = await createSnapshot(account, { encrypted: true, KMSKeyId: keyId });
    const plainSnapshot = await createSnapshot(account);
    const [instanceId] = await account.instances.runInstances({
      regionId: HANGZHOU, imageId: ALIYUN_IMAGE, instanceType: 'ecs.g7.large', zoneId: ZONE,
      dataDisks: [{ size: 40, category: 'cloud_essd' }],
    });

    await t.test('InstanceId and SnapshotId', async () => {
      const imageId = await createImage(account, encryptedSnapshot, { instanceId });
      assert.deepEqual(await account.images.mappingKeys(HANGZHOU, imageId), [PLAIN_SYSTEM, PLAIN_DATA]);
    });

    await t.test('DiskDeviceMapping and SnapshotId', async () => {
      const imageId = await createImage(account, encryptedSnapshot, { mappings: [{ snapshotId: plainSnapshot }] });
      assert.deepEqual(await account.images.mappingKeys(HANGZHOU, imageId), [PLAIN_SYSTEM]);
    });
  });

  test('missing source returns MissingParameter', async () => {
    const account = await newAccount({ openKms: false });
    const error = await assertRejectsWith(account.images.createImage({ regionId: HANGZHOU, imageName: 'empty' }), {
      code: 'MissingParameter',
      statusCode: 400,
    });
    assert.equal(
      error.data?.Message,
      'The input parameter SnapshotId or InstanceId or DiskDeviceMapping that is mandatory for processing this ' +
      'request is not supplied.');
  });

  test('unknown snapshot returns InvalidSnapshotId.NotFound', async () => {
    const account = await newAccount({ openKms: false });
    await assertRejectsWith(createImage(account, 's-bp0000000000000000zz'), {
      code: 'InvalidSnapshotId.NotFound',
      statusCode: 404,
    });
    assert.deepEqual(await listOwnImageIds(account, HANGZHOU), []);
  });

  test('ImageName starting with aliyun or a digit is rejected', async (t) => {
    const account = await newAccount({ openKms: false });
    const snapshotId = await createSnapshot(account);
    for (const imageName of ['aliyun-golden', 'aliyunbase', '7days']) {
      await t.test(imageName, () => assertRejectsWith(
        createImage(account, snapshotId, { imageName }),
        { code: 'InvalidImageName.Malformed', statusCode: 400 }));
    }
    assert.deepEqual(await listOwnImageIds(account, HANGZHOU), []);
  });

  test('DryRun returns DryRunOperation and creates nothing', async () => {
    const account = await newAccount({ openKms: false });
    const snapshotId = await createSnapshot(account);
    await assertRejectsWith(createImage(account, snapshotId, { dryRun: true }), {
      code: 'DryRunOperation',
      statusCode: 400,
    });
    assert.deepEqual(await listOwnImageIds(account, HANGZHOU), []);
  });

  test('disabled snapshot key returns CMKNotEnabled', async () => {
    const account = await newAccount();
    const keyId = await createKeyId(account.kms);
    const snapshotId = await createSnapshot(account, { encrypted: true, KMSKeyId: keyId });
    await account.kms.call('DisableKey', { KeyId: keyId });

    await assertRejectsWith(createImage(account, snapshotId), {
      code: 'InvalidParameter.KMSKeyId.CMKNotEnabled',
      statusCode: 403,
    });
    assert.deepEqual(await listOwnImageIds(account, HANGZHOU), []);
  });

  test('default encryption does not apply to images', async () => {
    const account = await newAccount();
    const snapshotId = await createSnapshot(account);
    await account.encryption.enable(HANGZHOU);

    const imageId = await createImage(account, snapshotId);
    assert.deepEqual(await account.images.mappingKeys(HANGZHOU, imageId), [PLAIN_SYSTEM]);
  });
});

describe('CopyImage', () => {
  test('plain copy to another region stays plain', async () => {
    const account = await newAccount({ openKms: false });
    const imageId = await createImageOfDisk(account);

    const copyId = await copyImage(account, imageId, { destinationImageName: 'offsite' });
    assert.match(copyId, SHANGHAI_IMAGE_ID);

    const copy = await account.images.describeImageRaw(SHANGHAI, copyId);
    assert.equal(copy.ImageName, 'offsite');
    assert.equal(copy.IsCopied, true);
    assert.equal(copy.ImageOwnerAlias, 'self');
    assert.deepEqual(await account.images.mappingKeys(SHANGHAI, copyId), [PLAIN_SYSTEM]);
    assert.deepEqual(await listOwnImageIds(account, HANGZHOU), [imageId]);
  });

  test('plain copy in the same region is rejected', async () => {
    const account = await newAccount({ openKms: false });
    const imageId = await createImageOfDisk(account);
    await assertRejectsWith(copyImage(account, imageId, { destinationRegionId: HANGZHOU }), {
      code: 'InvalidOperation.NotSupportCopyInSameRegion',
      statusCode: 403,
    });
    assert.deepEqual(await listOwnImageIds(account, HANGZHOU), [imageId]);
  });

  test('plain copy of an encrypted image is rejected', async () => {
    const account = await newAccount({ openShanghaiKms: true });
    const keyId = await createKeyId(account.kms);
    const imageId = await createImageOfDisk(account, { encrypted: true, KMSKeyId: keyId });

    await assertRejectsWith(copyImage(account, imageId), {
      code: 'OperationDeined.EncryptedSnapshot',
      statusCode: 403,
    });
    assert.deepEqual(await listOwnImageIds(account, SHANGHAI), []);
  });

  test('encrypted copy in the region uses the service key', async () => {
    const account = await newAccount();
    const imageId = await createImageOfDisk(account);

    const copyId = await copyImage(account, imageId, { destinationRegionId: HANGZHOU, encrypted: true });
    assert.match(copyId, HANGZHOU_IMAGE_ID);
    const expectedKeyId = await serviceKeyId(account.kms);
    assert.deepEqual(
      await account.images.mappingKeys(HANGZHOU, copyId),
      [{ type: 'system', encrypted: true, KMSKeyId: expectedKeyId }]);
    const copy = await account.images.describeImageRaw(HANGZHOU, copyId);
    assert.equal(copy.IsCopied, true);
  });

  test('KMSKeyId without Encrypted returns NotMatchKmsKeyId', async () => {
    const account = await newAccount({ openShanghaiKms: true });
    const imageId = await createImageOfDisk(account);
    const shanghaiKeyId = await createKeyId(account.shanghaiKms);

    await assertRejectsWith(copyImage(account, imageId, { KMSKeyId: shanghaiKeyId }), {
      code: 'InvalidEncrypted.NotMatchKmsKeyId',
      statusCode: 400,
    });
    assert.deepEqual(await listOwnImageIds(account, SHANGHAI), []);
  });

  test('plain copy uses the destination default key', async () => {
    const account = await newAccount({ openKms: false, openShanghaiKms: true });
    const imageId = await createImageOfDisk(account);
    await account.encryption.enable(SHANGHAI);
    const defaultKeyId = await account.encryption.defaultKeyId(SHANGHAI);

    const copyId = await copyImage(account, imageId);
    assert.deepEqual(
      await account.images.mappingKeys(SHANGHAI, copyId),
      [{ type: 'system', encrypted: true, KMSKeyId: defaultKeyId }]);
  });

  test('system image copy returns Forbbiden', async () => {
    const account = await newAccount({ openKms: false });
    await assertRejectsWith(copyImage(account, ALIYUN_IMAGE), { code: 'Forbbiden', statusCode: 403 });
    assert.deepEqual(await listOwnImageIds(account, SHANGHAI), []);
  });

  test('unknown image returns InvalidImageId.NotFound', async () => {
    const account = await newAccount({ openKms: false });
    await assertRejectsWith(copyImage(account, 'm-bp0000000000000000zz'), {
      code: 'InvalidImageId.NotFound',
      statusCode: 404,
    });
  });
});

describe('image sharing', () => {
  test('shared image is visible to the recipient', async () => {
    const owner = await newAccount({ openKms: false });
    const recipient = await newAccount({ openKms: false });
    const imageId = await createImageOfDisk(owner);

    await owner.images.modifySharePermission({ regionId: HANGZHOU, imageId, addAccount: [recipient.accountId] });

    const permission = await owner.images.describeSharePermission(HANGZHOU, imageId);
    assert.equal(permission.totalCount, 1);
    assert.equal(permission.accounts.account.length, 1);
    assert.equal(permission.accounts.account[0].aliyunId, recipient.accountId);
    assert.equal(typeof permission.accounts.account[0].sharedTime, 'string');
    assert.notEqual(permission.accounts.account[0].sharedTime, '');

    const shared = await recipient.images.describeImages({ regionId: HANGZHOU, imageOwnerAlias: 'others' });
    assert.deepEqual(shared.images.image.map((image) => image.imageId), [imageId]);
    assert.equal(shared.images.image[0].imageOwnerAlias, 'others');
    assert.deepEqual(await listOwnImageIds(recipient, HANGZHOU), []);
  });

  test('recipient cannot delete a shared image', async () => {
    const owner = await newAccount({ openKms: false });
    const recipient = await newAccount({ openKms: false });
    const imageId = await createImageOfDisk(owner);
    await owner.images.modifySharePermission({ regionId: HANGZHOU, imageId, addAccount: [recipient.accountId] });

    await assertRejectsWith(recipient.images.deleteImage(HANGZHOU, imageId), {
      code: 'InvalidImageId.NotFound',
      statusCode: 404,
    });
    assert.deepEqual(await listOwnImageIds(owner, HANGZHOU), [imageId]);
  });

  test('RemoveAccount stops sharing', async () => {
    const owner = await newAccount({ openKms: false });
    const recipient = await newAccount({ openKms: false });
    const imageId = await createImageOfDisk(owner);
    await owner.images.modifySharePermission({ regionId: HANGZHOU, imageId, addAccount: [recipient.accountId] });

    await owner.images.modifySharePermission({ regionId: HANGZHOU, imageId, removeAccount: [recipient.accountId] });

    const permission = await owner.images.describeSharePermission(HANGZHOU, imageId);
    assert.equal(permission.totalCount, 0);
    assert.deepEqual(permission.accounts.account, []);
    assert.deepEqual(
      await recipient.images.listImageIds({ regionId: HANGZHOU, imageOwnerAlias: 'others' }), []);
  });

  test('sharing with yourself returns InvalidAccount.Forbbiden', async () => {
    const owner = await newAccount({ openKms: false });
    const imageId = await createImageOfDisk(owner);
    await assertRejectsWith(
      owner.images.modifySharePermission({ regionId: HANGZHOU, imageId, addAccount: [owner.accountId] }),
      { code: 'InvalidAccount.Forbbiden', statusCode: 404 });
  });

  test('unknown account returns InvalidAccount.NotFound', async () => {
    const owner = await newAccount({ openKms: false });
    const imageId = await createImageOfDisk(owner);
    const unknownAccountId = randomAccountId();

    const error = await assertRejectsWith(
      owner.images.modifySharePermission({ regionId: HANGZHOU, imageId, addAccount: [unknownAccountId] }),
      { code: 'InvalidAccount.NotFound', statusCode: 404 });
    assert.equal(
      error.data?.Message,
      `The specified account ${unknownAccountId} in parameter "AddAccount.n" or "RemoveAccount.n" does not exist.`);
    const permission = await owner.images.describeSharePermission(HANGZHOU, imageId);
    assert.equal(permission.totalCount, 0);
  });

  test('service key image cannot be shared', async () => {
    const owner = await newAccount();
    const recipient = await newAccount({ openKms: false });
    const imageId = await createImageOfDisk(owner, { encrypted: true });
    const [mapping] = await owner.images.mappingKeys(HANGZHOU, imageId);
    assert.equal(mapping.KMSKeyId, await serviceKeyId(owner.kms));

    await assertRejectsWith(
      owner.images.modifySharePermission({ regionId: HANGZHOU, imageId, addAccount: [recipient.accountId] }),
      { code: 'InvalidOperation.ServiceKeyEncryptedImageUnsupported', statusCode: 403 });
    assert.deepEqual(await recipient.images.listImageIds({ regionId: HANGZHOU, imageOwnerAlias: 'others' }), []);
  });

  test('customer key image cannot be shared', async () => {
    const owner = await newAccount();
    const recipient = await newAccount({ openKms: false });
    const keyId = await createKeyId(owner.kms);
    const imageId = await createImageOfDisk(owner, { encrypted: true, KMSKeyId: keyId });

    await assertRejectsWith(
      owner.images.modifySharePermission({ regionId: HANGZHOU, imageId, addAccount: [recipient.accountId] }),
      { code: 'OperationDeined.EncryptedSnapshot', statusCode: 403 });
    assert.deepEqual(await recipient.images.listImageIds({ regionId: HANGZHOU, imageOwnerAlias: 'others' }), []);
  });

  test('encrypted image cannot be public', async () => {
    const owner = await newAccount();
    const keyId = await createKeyId(owner.kms);
    const imageId = await createImageOfDisk(owner, { encrypted: true, KMSKeyId: keyId });

    await assertRejectsWith(
      owner.images.modifySharePermission({ regionId: HANGZHOU, imageId, isPublic: true }),
      { code: 'OperationDeined.EncryptedSnapshot', statusCode: 403 });
    const image = await owner.images.describeImageRaw(HANGZHOU, imageId);
    assert.equal(image.IsPublic, false);
  });

  test('recipient copy to another region is denied', async () => {
    const owner = await newAccount({ openKms: false });
    const recipient = await newAccount({ openKms: false });
    const imageId = await createImageOfDisk(owner);
    await owner.images.modifySharePermission({ regionId: HANGZHOU, imageId, addAccount: [recipient.accountId] });

    await assertRejectsWith(copyImage(recipient, imageId), {
      code: 'OperationDenied.SameRegionOnly',
      statusCode: 403,
    });
    assert.deepEqual(await listOwnImageIds(recipient, SHANGHAI), []);
  });

  test('recipient encrypted copy uses its service key', async () => {
    const owner = await newAccount({ openKms: false });
    const recipient = await newAccount();
    const imageId = await createImageOfDisk(owner);
    await owner.images.modifySharePermission({ regionId: HANGZHOU, imageId, addAccount: [recipient.accountId] });

    const copyId = await copyImage(recipient, imageId, { destinationRegionId: HANGZHOU, encrypted: true });
    assert.deepEqual(await listOwnImageIds(recipient, HANGZHOU), [copyId]);
    const recipientKeyId = await serviceKeyId(recipient.kms);
    assert.deepEqual(
      await recipient.images.mappingKeys(HANGZHOU, copyId),
      [{ type: 'system', encrypted: true, KMSKeyId: recipientKeyId }]);
  });
});

describe('DeleteImage', () => {
  test('DeleteImage removes own image', async () => {
    const account = await newAccount({ openKms: false });
    const remainingImage = await createImageOfDisk(account);
    const deletedImage = await createImageOfDisk(account);

    await account.images.deleteImage(HANGZHOU, deletedImage);
    assert.deepEqual(await listOwnImageIds(account, HANGZHOU), [remainingImage]);
    assert.deepEqual(await account.images.listImageIds({ regionId: HANGZHOU, imageId: deletedImage }), []);
  });
});
