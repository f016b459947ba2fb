'use strict';

// ECS account-level default encryption (the six *DiskEncryptionByDefault / *DiskDefaultKMSKeyId
// actions) and DescribeRegions, driven through @alicloud/ecs20140526.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const regions = require('./data/regions.json');
const { createDataDir, removeDataDir, startServer, runCliOk } = require('./support/server');
const { Ecs, createEcsClient, createKmsClient, assertRejectsWith } = require('./support/clients');
const { createAccount } = require('./support/accounts');
const { defaultEncryption } = require('./support/ecs-actions');

const HANGZHOU = 'cn-hangzhou';
const BEIJING = 'cn-beijing';
const UNKNOWN_REGION = 'xx-nowhere-1';
const SERVICE_KEY_ALIAS = 'alias/acs/ecs';
const DISK_ENCRYPT_ROLE = 'AliyunECSDiskEncryptDefaultRole';

let server;
let dataDir;

before(async () => {
  dataDir = createDataDir();
  server = await startServer({ dataDir });
});

after(async () => {
  if (server) {
    await server.stop();
  }
  removeDataDir(dataDir);
});

/** Creates a symmetric customer key with default settings and returns its KeyMetadata. */
async function createKey(kms, query = {}) {
  const body = await kms.call('CreateKey', query);
  return body.KeyMetadata;
}

async function describeKmsKey(kms, keyId) {
  const body = await kms.call('DescribeKey', { KeyId: keyId });
  return body.KeyMetadata;
}

/** Creates an account with KMS active in cn-hangzhou and default encryption enabled there. */
async function createEnabledAccount(options = {}) {
  const account = await createAccount(server, { openKms: true, ...options });
  account.encryption = defaultEncryption(account.ecs);
  await account.encryption.enable(HANGZHOU);
  return account;
}

describe('DescribeRegions', () => {
  test('returns 29 regions with zh-CN names by default', async () => {
    const ecs = createEcsClient(server.port);
    const response = await ecs.describeRegions(new Ecs.DescribeRegionsRequest({}));
    const returned = response.body.regions.region;

    assert.equal(returned.length, 29);
    assert.deepEqual(
      returned.map((region) => region.regionId).sort(),
      regions.map((region) => region.regionId).sort());

    for (const expected of regions) {
      const region = returned.find((item) => item.regionId === expected.regionId);
      assert.equal(region.localName, expected.zhName, `LocalName of ${expected.regionId}`);
      assert.equal(region.status, 'available', `Status of ${expected.regionId}`);
      const endpoint = expected.regionId === HANGZHOU
        ? 'ecs.aliyuncs.com'
        : `ecs.${expected.regionId}.aliyuncs.com`;
      assert.equal(region.regionEndpoint, endpoint, `RegionEndpoint of ${expected.regionId}`);
    }
  });

  test('AcceptLanguage en-US returns English names', async () => {
    const ecs = createEcsClient(server.port);
    const response = await ecs.describeRegions(new Ecs.DescribeRegionsRequest({ acceptLanguage: 'en-US' }));
    const returned = response.body.regions.region;

    assert.equal(returned.length, 29);
    const hangzhou = returned.find((region) => region.regionId === HANGZHOU);
    assert.equal(hangzhou.localName, 'China (Hangzhou)');
    for (const expected of regions) {
      const region = returned.find((item) => item.regionId === expected.regionId);
      assert.equal(region.localName, expected.enName, `LocalName of ${expected.regionId}`);
    }
  });
});

describe('parameter and region checks', () => {
  test('missing RegionId returns MissingParameter', async (t) => {
    const encryption = defaultEncryption(createEcsClient(server.port));
    const calls = {
      EnableDiskEncryptionByDefault: () => encryption.enable(undefined),
      DisableDiskEncryptionByDefault: () => encryption.disable(undefined),
      DescribeDiskEncryptionByDefaultStatus: () => encryption.describeStatus(undefined),
      DescribeDiskDefaultKMSKeyId: () => encryption.describeKey(undefined),
      ModifyDiskDefaultKMSKeyId: () => encryption.modifyKey(undefined, 'alias/any'),
      ResetDiskDefaultKMSKeyId: () => encryption.resetKey(undefined),
    };
    for (const [action, call] of Object.entries(calls)) {
      await t.test(action, () => assertRejectsWith(call(), { code: 'MissingParameter', statusCode: 400 }));
    }
  });

  test('unknown region returns RegionIdNotExists', async (t) => {
    const encryption = defaultEncryption(createEcsClient(server.port));
    const calls = {
      EnableDiskEncryptionByDefault: () => encryption.enable(UNKNOWN_REGION),
      DisableDiskEncryptionByDefault: () => encryption.disable(UNKNOWN_REGION),
      DescribeDiskEncryptionByDefaultStatus: () => encryption.describeStatus(UNKNOWN_REGION),
      DescribeDiskDefaultKMSKeyId: () => encryption.describeKey(UNKNOWN_REGION),
      ModifyDiskDefaultKMSKeyId: () => encryption.modifyKey(UNKNOWN_REGION, 'alias/any'),
      ResetDiskDefaultKMSKeyId: () => encryption.resetKey(UNKNOWN_REGION),
    };
    for (const [action, call] of Object.entries(calls)) {
      await t.test(action, async () => {
        const error = await assertRejectsWith(call(), { code: 'InvalidParameter.RegionIdNotExists', statusCode: 403 });
        assert.equal(error.data.Message, 'The specified region does not exists.');
      });
    }
  });

  test('Modify without KMSKeyId returns MissingParameter', async () => {
    const account = await createEnabledAccount();
    await assertRejectsWith(account.encryption.modifyKey(HANGZHOU, undefined), {
      code: 'MissingParameter',
      statusCode: 400,
    });
  });
});

describe('status of untouched regions', () => {
  test('Encrypted is false in every region of a new account', async () => {
    const account = await createAccount(server);
    const encryption = defaultEncryption(account.ecs);
    for (const { regionId } of regions) {
      assert.equal(await encryption.isEnabled(regionId), false, `Encrypted in ${regionId}`);
    }
  });

  test('default key is empty before the first enable', async () => {
    const account = await createAccount(server, { openKms: true });
    const encryption = defaultEncryption(account.ecs);
    assert.equal(await encryption.defaultKeyId(HANGZHOU), '');
    assert.equal(await encryption.defaultKeyId(BEIJING), '');
  });
});

describe('EnableDiskEncryptionByDefault', () => {
  test('first enable uses the service key', async () => {
    const account = await createAccount(server, { openKms: true });
    const encryption = defaultEncryption(account.ecs);

    const response = await encryption.enable(HANGZHOU);
    assert.match(response.body.requestId, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    assert.equal(await encryption.isEnabled(HANGZHOU), true);
    assert.equal(await encryption.isEnabled(BEIJING), false);

    const serviceKeyId = await encryption.defaultKeyId(HANGZHOU);
    assert.notEqual(serviceKeyId, '');

    const aliases = await account.kms.call('ListAliases', { PageSize: 100 });
    const serviceAlias = aliases.Aliases.Alias.find((alias) => alias.AliasName === SERVICE_KEY_ALIAS);
    assert.ok(serviceAlias, `ListAliases contains ${SERVICE_KEY_ALIAS}`);
    assert.equal(serviceAlias.KeyId, serviceKeyId);
    assert.equal(serviceAlias.AliasArn, `acs:kms:${HANGZHOU}:${account.accountId}:${SERVICE_KEY_ALIAS}`);

    const metadata = await describeKmsKey(account.kms, SERVICE_KEY_ALIAS);
    assert.equal(metadata.KeyId, serviceKeyId);
    assert.equal(metadata.Creator, 'Ecs');
    assert.equal(metadata.KeyState, 'Enabled');
    assert.equal(metadata.KeySpec, 'Aliyun_AES_256');
    assert.equal(metadata.Arn, `acs:kms:${HANGZHOU}:${account.accountId}:key/${serviceKeyId}`);
  });

  test('enable twice returns DefaultEncryptionAlreadyEnabled', async () => {
    const account = await createEnabledAccount();
    const error = await assertRejectsWith(account.encryption.enable(HANGZHOU), {
      code: 'InvalidOperation.DefaultEncryptionAlreadyEnabled',
      statusCode: 403,
    });
    assert.equal(error.data.Message, 'The specified region is already default encryption settings.');
  });

  test('enable without KMS returns InvalidParameter.KmsNotEnabled', async () => {
    const account = await createAccount(server);
    const encryption = defaultEncryption(account.ecs);
    const error = await assertRejectsWith(encryption.enable(HANGZHOU), {
      code: 'InvalidParameter.KmsNotEnabled',
      statusCode: 400,
    });
    assert.equal(error.data.Message, 'Failed to perform this operation because KMS is not activated.');
    assert.equal(await encryption.isEnabled(HANGZHOU), false);
  });

  test('KMS activation counts only for its own region', async () => {
    // OpenKmsService through 127.0.0.1 activates KMS in the server's default region cn-hangzhou.
    const account = await createAccount(server, { openKms: true });
    const encryption = defaultEncryption(account.ecs);
    await assertRejectsWith(encryption.enable(BEIJING), {
      code: 'InvalidParameter.KmsNotEnabled',
      statusCode: 400,
    });
    await encryption.enable(HANGZHOU);
    assert.equal(await encryption.isEnabled(HANGZHOU), true);
    assert.equal(await encryption.isEnabled(BEIJING), false);
  });

  test('account not allow-listed returns UserNotInTheWhiteList', async () => {
    const account = await createAccount(server, { allowListed: false, openKms: true });
    const encryption = defaultEncryption(account.ecs);
    const error = await assertRejectsWith(encryption.enable(HANGZHOU), {
      code: 'UserNotInTheWhiteList',
      statusCode: 403,
    });
    assert.equal(error.data.Message, 'The user is not in disk white list.');

    runCliOk(server.dataDir, ['feature', 'allow', '--account', account.accountId]);
    await encryption.enable(HANGZHOU);
    assert.equal(await encryption.isEnabled(HANGZHOU), true);
  });

  test('Enable checks run in documented order', async () => {
    // Order: region exists, region offers the feature, account is allow-listed, KMS is active,
    // feature is not yet on. The account starts out failing every check, and each step fixes one.
    const account = await createAccount(server, { allowListed: false });
    const encryption = defaultEncryption(account.ecs);

    runCliOk(server.dataDir, ['region', 'withhold', '--region', HANGZHOU]);
    try {
      await assertRejectsWith(encryption.enable(UNKNOWN_REGION), {
        code: 'InvalidParameter.RegionIdNotExists',
        statusCode: 403,
      });
      const error = await assertRejectsWith(encryption.enable(HANGZHOU), {
        code: 'Abs.InvalidAction.RegionNotSupport',
        statusCode: 403,
      });
      assert.equal(error.data.Message, 'This region does not support this action.');
    } finally {
      runCliOk(server.dataDir, ['region', 'offer', '--region', HANGZHOU]);
    }

    await assertRejectsWith(encryption.enable(HANGZHOU), { code: 'UserNotInTheWhiteList', statusCode: 403 });

    runCliOk(server.dataDir, ['feature', 'allow', '--account', account.accountId]);
    await assertRejectsWith(encryption.enable(HANGZHOU), { code: 'InvalidParameter.KmsNotEnabled', statusCode: 400 });

    await account.kms.call('OpenKmsService');
    await encryption.enable(HANGZHOU);
    await assertRejectsWith(encryption.enable(HANGZHOU), {
      code: 'InvalidOperation.DefaultEncryptionAlreadyEnabled',
      statusCode: 403,
    });
  });
});

describe('gates on the changing actions', () => {
  test('withheld region returns RegionNotSupport', async (t) => {
    const account = await createEnabledAccount();
    const key = await createKey(account.kms);

    runCliOk(server.dataDir, ['region', 'withhold', '--region', HANGZHOU]);
    try {
      const calls = {
        DisableDiskEncryptionByDefault: () => account.encryption.disable(HANGZHOU),
        ModifyDiskDefaultKMSKeyId: () => account.encryption.modifyKey(HANGZHOU, key.KeyId),
        ResetDiskDefaultKMSKeyId: () => account.encryption.resetKey(HANGZHOU),
      };
      for (const [action, call] of Object.entries(calls)) {
        await t.test(action, () => assertRejectsWith(call(), {
          code: 'Abs.InvalidAction.RegionNotSupport',
          statusCode: 403,
        }));
      }
    } finally {
      runCliOk(server.dataDir, ['region', 'offer', '--region', HANGZHOU]);
    }
    assert.equal(await account.encryption.isEnabled(HANGZHOU), true);
  });

  test('denied account returns UserNotInTheWhiteList', async (t) => {
    const account = await createEnabledAccount();
    const key = await createKey(account.kms);

    runCliOk(server.dataDir, ['feature', 'deny', '--account', account.accountId]);
    const calls = {
      DisableDiskEncryptionByDefault: () => account.encryption.disable(HANGZHOU),
      ModifyDiskDefaultKMSKeyId: () => account.encryption.modifyKey(HANGZHOU, key.KeyId),
      ResetDiskDefaultKMSKeyId: () => account.encryption.resetKey(HANGZHOU),
    };
    for (const [action, call] of Object.entries(calls)) {
      await t.test(action, () => assertRejectsWith(call(), { code: 'UserNotInTheWhiteList', statusCode: 403 }));
    }
  });

  test('KMS not activated on changing actions', async () => {
    const account = await createAccount(server);
    const encryption = defaultEncryption(account.ecs);

    await assertRejectsWith(encryption.modifyKey(HANGZHOU, 'alias/any'), {
      code: 'InvalidParameter.KmsNotEnabled',
      statusCode: 400,
    });
    const resetError = await assertRejectsWith(encryption.resetKey(HANGZHOU), {
      code: 'InvalidParameter.Encrypted.KmsNotEnabled',
      statusCode: 400,
    });
    assert.equal(resetError.data.Message, 'KMS must be enabled for encrypted disks.');
    // Disable has no KMS check, so the state check rejects it.
    await assertRejectsWith(encryption.disable(HANGZHOU), {
      code: 'InvalidDefaultEncryption.NotFound',
      statusCode: 403,
    });
  });

  test('feature off returns InvalidDefaultEncryption.NotFound', async (t) => {
    const account = await createAccount(server, { openKms: true });
    const encryption = defaultEncryption(account.ecs);
    const key = await createKey(account.kms);
    const calls = {
      DisableDiskEncryptionByDefault: () => encryption.disable(HANGZHOU),
      ModifyDiskDefaultKMSKeyId: () => encryption.modifyKey(HANGZHOU, key.KeyId),
      ResetDiskDefaultKMSKeyId: () => encryption.resetKey(HANGZHOU),
    };
    for (const [action, call] of Object.entries(calls)) {
      await t.test(action, async () => {
        const error = await assertRejectsWith(call(), { code: 'InvalidDefaultEncryption.NotFound', statusCode: 403 });
        assert.equal(error.data.Message, 'You have not configured default encryption setting in this region.');
      });
    }
    assert.equal(await encryption.defaultKeyId(HANGZHOU), '');
  });

  test('feature check comes before the key checks', async () => {
    const account = await createAccount(server, { openKms: true });
    const encryption = defaultEncryption(account.ecs);
    await assertRejectsWith(encryption.modifyKey(HANGZHOU, 'alias/not-created'), {
      code: 'InvalidDefaultEncryption.NotFound',
      statusCode: 403,
    });
  });
});

describe('DisableDiskEncryptionByDefault', () => {
  test('disable turns encryption off and keeps the default key', async () => {
    const account = await createEnabledAccount();
    const key = await createKey(account.kms);
    await account.encryption.modifyKey(HANGZHOU, key.KeyId);

    await account.encryption.disable(HANGZHOU);
    assert.equal(await account.encryption.isEnabled(HANGZHOU), false);
    assert.equal(await account.encryption.defaultKeyId(HANGZHOU), key.KeyId);

    await assertRejectsWith(account.encryption.disable(HANGZHOU), {
      code: 'InvalidDefaultEncryption.NotFound',
      statusCode: 403,
    });
    await assertRejectsWith(account.encryption.modifyKey(HANGZHOU, key.KeyId), {
      code: 'InvalidDefaultEncryption.NotFound',
      statusCode: 403,
    });
    await assertRejectsWith(account.encryption.resetKey(HANGZHOU), {
      code: 'InvalidDefaultEncryption.NotFound',
      statusCode: 403,
    });
    assert.equal(await account.encryption.defaultKeyId(HANGZHOU), key.KeyId);
  });

  test('enable after disable uses the stored key again', async () => {
    const account = await createEnabledAccount();
    const key = await createKey(account.kms);
    await account.encryption.modifyKey(HANGZHOU, key.KeyId);
    await account.encryption.disable(HANGZHOU);

    await account.encryption.enable(HANGZHOU);
    assert.equal(await account.encryption.isEnabled(HANGZHOU), true);
    assert.equal(await account.encryption.defaultKeyId(HANGZHOU), key.KeyId);
  });
});

describe('ModifyDiskDefaultKMSKeyId', () => {
  test('key id, ARN and alias are accepted', async (t) => {
    const account = await createEnabledAccount();
    const byId = await createKey(account.kms);
    const byArn = await createKey(account.kms);
    const byAlias = await createKey(account.kms);
    await account.kms.call('CreateAlias', { AliasName: 'alias/disk-default', KeyId: byAlias.KeyId });

    const cases = [
      { name: 'key id', value: byId.KeyId, expected: byId.KeyId },
      { name: 'ARN', value: `acs:kms:${HANGZHOU}:${account.accountId}:key/${byArn.KeyId}`, expected: byArn.KeyId },
      { name: 'alias', value: 'alias/disk-default', expected: byAlias.KeyId },
    ];
    for (const { name, value, expected } of cases) {
      await t.test(name, async () => {
        await account.encryption.modifyKey(HANGZHOU, value);
        assert.equal(await account.encryption.defaultKeyId(HANGZHOU), expected);
      });
    }
  });

  test('unknown key returns InvalidOperation.KMSKeyIdNotFound', async (t) => {
    const account = await createEnabledAccount();
    const serviceKeyId = await account.encryption.defaultKeyId(HANGZHOU);
    const unknownIds = [
      '00000000-0000-4000-8000-000000000000',
      'alias/not-created',
      `acs:kms:${HANGZHOU}:${account.accountId}:key/00000000-0000-4000-8000-000000000000`,
    ];
    for (const keyId of unknownIds) {
      await t.test(keyId, () => assertRejectsWith(account.encryption.modifyKey(HANGZHOU, keyId), {
        code: 'InvalidOperation.KMSKeyIdNotFound',
        statusCode: 403,
      }));
    }
    assert.equal(await account.encryption.defaultKeyId(HANGZHOU), serviceKeyId);
  });

  test('ARN naming another region or account is not found', async (t) => {
    const account = await createEnabledAccount();
    const key = await createKey(account.kms);
    const arns = {
      'other region': `acs:kms:${BEIJING}:${account.accountId}:key/${key.KeyId}`,
      'other account': `acs:kms:${HANGZHOU}:1000000000000001:key/${key.KeyId}`,
    };
    for (const [name, arn] of Object.entries(arns)) {
      await t.test(name, () => assertRejectsWith(account.encryption.modifyKey(HANGZHOU, arn), {
        code: 'InvalidOperation.KMSKeyIdNotFound',
        statusCode: 403,
      }));
    }
  });

  test('key of another account is not found', async () => {
    const owner = await createAccount(server, { openKms: true });
    const foreignKey = await createKey(owner.kms);
    const account = await createEnabledAccount();

    await assertRejectsWith(account.encryption.modifyKey(HANGZHOU, foreignKey.KeyId), {
      code: 'InvalidOperation.KMSKeyIdNotFound',
      statusCode: 403,
    });
    await assertRejectsWith(account.encryption.modifyKey(HANGZHOU, foreignKey.Arn), {
      code: 'InvalidOperation.KMSKeyIdNotFound',
      statusCode: 403,
    });
  });

  test('key of another region is not found', async () => {
    // A second server on the same data directory serves KMS requests as cn-beijing.
    const account = await createEnabledAccount();
    const hangzhouKey = await createKey(account.kms);
    const beijingServer = await startServer({ dataDir: server.dataDir, extraArgs: ['--default-region', BEIJING] });
    let beijingKey;
    try {
      const beijingKms = createKmsClient(beijingServer.port, account);
      await beijingKms.call('OpenKmsService');
      beijingKey = await createKey(beijingKms);
    } finally {
      await beijingServer.stop();
    }
    assert.equal(beijingKey.Arn, `acs:kms:${BEIJING}:${account.accountId}:key/${beijingKey.KeyId}`);

    await assertRejectsWith(account.encryption.modifyKey(HANGZHOU, beijingKey.KeyId), {
      code: 'InvalidOperation.KMSKeyIdNotFound',
      statusCode: 403,
    });

    await account.encryption.enable(BEIJING);
    await assertRejectsWith(account.encryption.modifyKey(BEIJING, hangzhouKey.KeyId), {
      code: 'InvalidOperation.KMSKeyIdNotFound',
      statusCode: 403,
    });
    await account.encryption.modifyKey(BEIJING, beijingKey.KeyId);
    assert.equal(await account.encryption.defaultKeyId(BEIJING), beijingKey.KeyId);
  });

  test('each region gets its own service key', async () => {
    const account = await createEnabledAccount();
    const hangzhouServiceKeyId = await account.encryption.defaultKeyId(HANGZHOU);
    const beijingServer = await startServer({ dataDir: server.dataDir, extraArgs: ['--default-region', BEIJING] });
    try {
      const beijingKms = createKmsClient(beijingServer.port, account);
      await beijingKms.call('OpenKmsService');
      await account.encryption.enable(BEIJING);

      const beijingServiceKeyId = await account.encryption.defaultKeyId(BEIJING);
      assert.notEqual(beijingServiceKeyId, hangzhouServiceKeyId);
      const metadata = await describeKmsKey(beijingKms, SERVICE_KEY_ALIAS);
      assert.equal(metadata.KeyId, beijingServiceKeyId);
      assert.equal(metadata.Creator, 'Ecs');
      assert.equal(metadata.Arn, `acs:kms:${BEIJING}:${account.accountId}:key/${beijingServiceKeyId}`);
    } finally {
      await beijingServer.stop();
    }
    assert.equal(await account.encryption.defaultKeyId(HANGZHOU), hangzhouServiceKeyId);
  });

  test('asymmetric key returns InvalidKMSKeyId.NotSymmetric', async () => {
    const account = await createEnabledAccount();
    const rsaKey = await createKey(account.kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT/DECRYPT' });
    await assertRejectsWith(account.encryption.modifyKey(HANGZHOU, rsaKey.KeyId), {
      code: 'InvalidKMSKeyId.NotSymmetric',
      statusCode: 400,
    });
  });

  test('disabled key returns CMKNotEnabled', async () => {
    const account = await createEnabledAccount();
    const key = await createKey(account.kms);
    await account.kms.call('DisableKey', { KeyId: key.KeyId });

    const error = await assertRejectsWith(account.encryption.modifyKey(HANGZHOU, key.KeyId), {
      code: 'InvalidParameter.KMSKeyId.CMKNotEnabled',
      statusCode: 403,
    });
    assert.equal(error.data.Message, 'The CMK (Customer Master Key) must be in an active state.');

    await account.kms.call('EnableKey', { KeyId: key.KeyId });
    await account.encryption.modifyKey(HANGZHOU, key.KeyId);
    assert.equal(await account.encryption.defaultKeyId(HANGZHOU), key.KeyId);
  });

  test('key pending deletion returns CMKNotEnabled', async () => {
    const account = await createEnabledAccount();
    const key = await createKey(account.kms);
    await account.kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 7 });

    await assertRejectsWith(account.encryption.modifyKey(HANGZHOU, key.KeyId), {
      code: 'InvalidParameter.KMSKeyId.CMKNotEnabled',
      statusCode: 403,
    });
  });

  test('customer key without the ECS role returns KMSUnauthorized', async () => {
    const account = await createEnabledAccount();
    const key = await createKey(account.kms);
    runCliOk(server.dataDir, ['role', 'remove', '--account', account.accountId, '--role', DISK_ENCRYPT_ROLE]);

    const error = await assertRejectsWith(account.encryption.modifyKey(HANGZHOU, key.KeyId), {
      code: 'InvalidParameter.KMSKeyId.KMSUnauthorized',
      statusCode: 403,
    });
    assert.equal(error.data.Message, 'ECS service have no right to access your KMS.');

    // The service key needs no role.
    await account.encryption.modifyKey(HANGZHOU, SERVICE_KEY_ALIAS);

    runCliOk(server.dataDir, ['role', 'add', '--account', account.accountId, '--role', DISK_ENCRYPT_ROLE]);
    await account.encryption.modifyKey(HANGZHOU, key.KeyId);
    assert.equal(await account.encryption.defaultKeyId(HANGZHOU), key.KeyId);
  });

  test('key checks run in documented order', async () => {
    // Order: key found, key symmetric, key Enabled, then the ECS role for a customer key.
    const account = await createEnabledAccount();
    runCliOk(server.dataDir, ['role', 'remove', '--account', account.accountId, '--role', DISK_ENCRYPT_ROLE]);

    // A disabled RSA key fails the symmetric check before the state check.
    const rsaKey = await createKey(account.kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT/DECRYPT' });
    await account.kms.call('DisableKey', { KeyId: rsaKey.KeyId });
    await assertRejectsWith(account.encryption.modifyKey(HANGZHOU, rsaKey.KeyId), {
      code: 'InvalidKMSKeyId.NotSymmetric',
      statusCode: 400,
    });

    // A disabled customer key fails the state check before the role check.
    const aesKey = await createKey(account.kms);
    await account.kms.call('DisableKey', { KeyId: aesKey.KeyId });
    await assertRejectsWith(account.encryption.modifyKey(HANGZHOU, aesKey.KeyId), {
      code: 'InvalidParameter.KMSKeyId.CMKNotEnabled',
      statusCode: 403,
    });

    await account.kms.call('EnableKey', { KeyId: aesKey.KeyId });
    await assertRejectsWith(account.encryption.modifyKey(HANGZHOU, aesKey.KeyId), {
      code: 'InvalidParameter.KMSKeyId.KMSUnauthorized',
      statusCode: 403,
    });
  });

  test('account without service roles returns KMSUnauthorized', async () => {
    const account = await createEnabledAccount({ serviceRoles: false });
    const key = await createKey(account.kms);
    await assertRejectsWith(account.encryption.modifyKey(HANGZHOU, key.KeyId), {
      code: 'InvalidParameter.KMSKeyId.KMSUnauthorized',
      statusCode: 403,
    });
  });
});

describe('ResetDiskDefaultKMSKeyId', () => {
  test('reset sets the default key back to the service key', async () => {
    const account = await createEnabledAccount();
    const serviceKeyId = await account.encryption.defaultKeyId(HANGZHOU);
    const key = await createKey(account.kms);
    await account.encryption.modifyKey(HANGZHOU, key.KeyId);
    assert.equal(await account.encryption.defaultKeyId(HANGZHOU), key.KeyId);

    await account.encryption.resetKey(HANGZHOU);
    assert.equal(await account.encryption.defaultKeyId(HANGZHOU), serviceKeyId);
    assert.equal(await account.encryption.isEnabled(HANGZHOU), true);
  });
});
