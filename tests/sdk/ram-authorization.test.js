'use strict';

// Authorization of RAM users through the official SDKs. The account creates users, AccessKeys and
// policies with @alicloud/ram20150501. The ECS, KMS and RAM clients signed with a user's key then get
// what the user's policies allow, and each product's permission error otherwise.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { createDataDir, removeDataDir, startServer } = require('./support/server');
const { Ram, createEcsClient, createKmsClient, createRamClient, assertRejectsWith } = require('./support/clients');
const { createAccount } = require('./support/accounts');
const { READY_AT_ONCE_ENV, diskActions } = require('./support/disk-actions');
const { defaultEncryption } = require('./support/ecs-actions');

const HANGZHOU = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-h';
const ECS_DENIED = { code: 'Forbidden.RAM', statusCode: 403 };
const KMS_DENIED = { code: 'Forbidden.NoPermission', statusCode: 403 };
const RAM_DENIED = { code: 'NoPermission', statusCode: 403 };

let server;
let dataDir;
let account;

before(async () => {
  dataDir = createDataDir();
  server = await startServer({ dataDir, env: READY_AT_ONCE_ENV });
  account = await createAccount(server, { openKms: true });
  account.ram = createRamClient(server.port, account);
  account.disks = diskActions(account.ecs);
});

after(async () => {
  if (server) {
    await server.stop();
  }
  removeDataDir(dataDir);
});

/** Returns a policy document of statements given as [effect, actions, resources, condition]. */
function policy(...statements) {
  return JSON.stringify({
    Version: '1',
    Statement: statements.map(([effect, action, resource, condition]) => ({
      Effect: effect, Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}),
    })),
  });
}

/** Creates a custom policy of the account and returns its name. */
async function createPolicy(name, document) {
  await account.ram.createPolicy(new Ram.CreatePolicyRequest({ policyName: name, policyDocument: document }));
  return name;
}

async function attach(userName, policyType, policyName) {
  await account.ram.attachPolicyToUser(new Ram.AttachPolicyToUserRequest({ userName, policyType, policyName }));
}

/**
 * Creates a RAM user with an AccessKey and the given system policies and custom documents, all
 * through the RAM SDK, and returns the user's ECS, KMS and RAM clients.
 */
async function newUser(userName, { system = [], custom = [] } = {}) {
  await account.ram.createUser(new Ram.CreateUserRequest({ userName }));
  const key = (await account.ram.createAccessKey(new Ram.CreateAccessKeyRequest({ userName }))).body.accessKey;
  for (const name of system) {
    await attach(userName, 'System', name);
  }
  for (const [index, document] of custom.entries()) {
    await attach(userName, 'Custom', await createPolicy(`${userName}-${index}`, document));
  }
  const credentials = { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
  const ecs = createEcsClient(server.port, credentials);
  return {
    userName,
    ecs,
    disks: diskActions(ecs),
    kms: createKmsClient(server.port, credentials),
    ram: createRamClient(server.port, credentials),
  };
}

function createDisk(actor, fields = {}) {
  return actor.disks.createDisk({ regionId: HANGZHOU, zoneId: ZONE, diskCategory: 'cloud_essd', size: 20, ...fields });
}

describe('allow and deny', () => {
  test('read-only system policy allows reads', async () => {
    const reader = await newUser('reader', { system: ['AliyunECSReadOnlyAccess'] });
    const diskId = await createDisk(account);

    assert.equal((await reader.disks.describeDisk(HANGZHOU, diskId)).diskId, diskId);
    await assertRejectsWith(createDisk(reader), ECS_DENIED);
    await assertRejectsWith(reader.disks.deleteDisk(diskId), ECS_DENIED);
    await assertRejectsWith(reader.kms.call('ListKeys'), KMS_DENIED);
    assert.equal((await account.disks.describeDisk(HANGZHOU, diskId)).status, 'Available');
  });

  test('user without policies is denied everything', async () => {
    const nobody = await newUser('nobody');

    await assertRejectsWith(nobody.disks.describeDisks({ regionId: HANGZHOU }), ECS_DENIED);
    await assertRejectsWith(nobody.kms.call('DescribeRegions'), KMS_DENIED);
    await assertRejectsWith(nobody.ram.listUsers(new Ram.ListUsersRequest({})), RAM_DENIED);
  });

  test('RAM administrator manages users only', async () => {
    const admin = await newUser('admin', { system: ['AliyunRAMFullAccess'] });

    const created = await admin.ram.createUser(new Ram.CreateUserRequest({ userName: 'made-by-admin' }));

    assert.equal(created.body.user.userName, 'made-by-admin');
    await assertRejectsWith(admin.disks.describeDisks({ regionId: HANGZHOU }), ECS_DENIED);
  });
});

describe('wildcards and explicit deny', () => {
  test('action and resource wildcards', async () => {
    const diskUser = await newUser('disk-user', {
      custom: [policy(['Allow', 'ecs:De?*Disk*', 'acs:ecs:*:*:disk/*'], ['Allow', 'ecs:CreateDisk', '*'])],
    });

    const diskId = await createDisk(diskUser);
    const listed = await diskUser.disks.describeDisks({ regionId: HANGZHOU, diskIds: JSON.stringify([diskId]) });

    assert.deepEqual(listed.disks.disk.map((disk) => disk.diskId), [diskId]);
    await assertRejectsWith(diskUser.disks.createSnapshot({ diskId }), ECS_DENIED);
    await assertRejectsWith(diskUser.disks.resizeDisk(diskId, 40), ECS_DENIED);
    await diskUser.disks.deleteDisk(diskId);
  });

  test('explicit deny wins until it is detached', async () => {
    const careful = await newUser('careful', {
      system: ['AliyunECSFullAccess'],
      custom: [policy(['Deny', 'ecs:DeleteDisk', 'acs:ecs:*:*:disk/*'])],
    });
    const diskId = await createDisk(careful);

    await assertRejectsWith(careful.disks.deleteDisk(diskId), ECS_DENIED);
    await account.ram.detachPolicyFromUser(new Ram.DetachPolicyFromUserRequest({
      userName: 'careful', policyType: 'Custom', policyName: 'careful-0',
    }));
    await careful.disks.deleteDisk(diskId);

    const remaining = await account.disks.describeDisks({ regionId: HANGZHOU, diskIds: JSON.stringify([diskId]) });
    assert.deepEqual(remaining.disks.disk, []);
  });
});

describe('resources and conditions', () => {
  test('encryption condition and default encryption config', async () => {
    const keyId = (await account.kms.call('CreateKey')).KeyMetadata.KeyId;
    const encryptor = await newUser('encryptor', {
      custom: [policy(
        ['Allow', 'ecs:CreateDisk', '*', { Bool: { 'ecs:IsDiskEncrypted': 'true' } }],
        ['Allow', ['ecs:*DiskEncryptionByDefault*', 'ecs:*DiskDefaultKMSKeyId'], 'acs:ecs:*:*:diskencryptiondefaultconfig/*'],
      )],
    });

    await assertRejectsWith(createDisk(encryptor), ECS_DENIED);
    const encrypted = await createDisk(encryptor, { encrypted: true, KMSKeyId: keyId });
    await defaultEncryption(encryptor.ecs).enable(HANGZHOU);
    const byDefault = await createDisk(encryptor);

    assert.equal((await account.disks.describeDisk(HANGZHOU, encrypted)).KMSKeyId, keyId);
    assert.equal((await account.disks.describeDisk(HANGZHOU, byDefault)).encrypted, true);
    await defaultEncryption(account.ecs).disable(HANGZHOU);
  });

  test('KMS key ARN limits cryptography', async () => {
    const allowedKey = (await account.kms.call('CreateKey')).KeyMetadata.KeyId;
    const otherKey = (await account.kms.call('CreateKey')).KeyMetadata.KeyId;
    const sealer = await newUser('sealer', {
      custom: [policy(['Allow', ['kms:Encrypt', 'kms:Decrypt'], `acs:kms:${HANGZHOU}:*:key/${allowedKey}`])],
    });
    const plaintext = Buffer.from('data key').toString('base64');

    const sealed = await sealer.kms.call('Encrypt', { KeyId: allowedKey, Plaintext: plaintext });
    const opened = await sealer.kms.call('Decrypt', { CiphertextBlob: sealed.CiphertextBlob });

    assert.equal(opened.Plaintext, plaintext);
    await assertRejectsWith(sealer.kms.call('Encrypt', { KeyId: otherKey, Plaintext: plaintext }), KMS_DENIED);
    await assertRejectsWith(sealer.kms.call('DisableKey', { KeyId: allowedKey }), KMS_DENIED);
  });

  test('unsupported condition key is rejected', async () => {
    const document = policy(['Allow', 'ecs:*', '*', { StringEquals: { 'ecs:InstanceType': 'ecs.g7.large' } }]);

    await assertRejectsWith(
      account.ram.createPolicy(new Ram.CreatePolicyRequest({ policyName: 'unsupported-key', policyDocument: document })),
      { code: 'MalformedPolicyDocument', statusCode: 400 });
  });
});
