'use strict';

// KMS 2016-01-20 key and alias management, driven through the openapi-core generic client
// (ACS3-HMAC-SHA256) and the old-generation @alicloud/kms20160120 client (HMAC-SHA1).
// KMS requests to 127.0.0.1 act in the server's default region, cn-hangzhou.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const Kms = require('@alicloud/kms20160120');
const { createDataDir, removeDataDir, startServer } = require('./support/server');
const { createOldKmsClient, assertRejectsWith } = require('./support/clients');
const { createAccount } = require('./support/accounts');
const { defaultEncryption } = require('./support/ecs-actions');

const REGION = 'cn-hangzhou';
const SERVICE_KEY_ALIAS = 'alias/acs/ecs';
const UNKNOWN_KEY_ID = '00000000-0000-4000-8000-000000000000';
const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DAY_MS = 24 * 60 * 60 * 1000;
// Allowed distance in milliseconds between a server timestamp and the test's own clock.
const CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

let server;
let dataDir;
// An account with KMS activated, shared by the tests that do not count keys or aliases.
let account;

before(async () => {
  dataDir = createDataDir();
  server = await startServer({ dataDir });
  account = await createAccount(server, { openKms: true });
});

after(async () => {
  if (server) {
    await server.stop();
  }
  removeDataDir(dataDir);
});

async function createKey(kms, query = {}) {
  const body = await kms.call('CreateKey', query);
  return body.KeyMetadata;
}

async function describeKey(kms, keyId) {
  const body = await kms.call('DescribeKey', { KeyId: keyId });
  return body.KeyMetadata;
}

function assertTimeNear(timestamp, expectedMs, label) {
  assert.match(timestamp, TIMESTAMP_PATTERN, `${label} format`);
  const distance = Math.abs(Date.parse(timestamp) - expectedMs);
  assert.ok(distance <= CLOCK_TOLERANCE_MS, `${label} ${timestamp} is ${distance} ms from the expected time`);
}

describe('KMS activation', () => {
  test('actions before OpenKmsService return KmsServiceNotEnabled', async (t) => {
    const fresh = await createAccount(server);
    const arn = `acs:kms:${REGION}:${fresh.accountId}:key/${UNKNOWN_KEY_ID}`;
    const calls = {
      CreateKey: {},
      DescribeKey: { KeyId: UNKNOWN_KEY_ID },
      ListKeys: {},
      EnableKey: { KeyId: UNKNOWN_KEY_ID },
      DisableKey: { KeyId: UNKNOWN_KEY_ID },
      ScheduleKeyDeletion: { KeyId: UNKNOWN_KEY_ID, PendingWindowInDays: 7 },
      CancelKeyDeletion: { KeyId: UNKNOWN_KEY_ID },
      UpdateKeyDescription: { KeyId: UNKNOWN_KEY_ID, Description: 'text' },
      SetDeletionProtection: { ProtectedResourceArn: arn, EnableDeletionProtection: true },
      CreateAlias: { AliasName: 'alias/early', KeyId: UNKNOWN_KEY_ID },
      UpdateAlias: { AliasName: 'alias/early', KeyId: UNKNOWN_KEY_ID },
      DeleteAlias: { AliasName: 'alias/early' },
      ListAliases: {},
      ListAliasesByKeyId: { KeyId: UNKNOWN_KEY_ID },
    };
    for (const [action, query] of Object.entries(calls)) {
      await t.test(action, async () => {
        const error = await assertRejectsWith(fresh.kms.call(action, query), {
          code: 'Forbidden.KmsServiceNotEnabled',
          statusCode: 403,
        });
        assert.equal(
          error.data.Message,
          'Kms service is not Enabled for current user. Please get access permission first.');
      });
    }
  });

  test('DescribeAccountKmsStatus follows OpenKmsService', async () => {
    const fresh = await createAccount(server);
    const before = await fresh.kms.call('DescribeAccountKmsStatus');
    assert.equal(before.AccountStatus, 'NotEnabled');

    await fresh.kms.call('OpenKmsService');
    const after = await fresh.kms.call('DescribeAccountKmsStatus');
    assert.equal(after.AccountStatus, 'Enabled');

    // A second activation is accepted and changes nothing.
    await fresh.kms.call('OpenKmsService');
    const again = await fresh.kms.call('DescribeAccountKmsStatus');
    assert.equal(again.AccountStatus, 'Enabled');

    const listed = await fresh.kms.call('ListKeys');
    assert.equal(listed.TotalCount, 0);
  });

  test('DescribeRegions works before activation', async () => {
    const fresh = await createAccount(server);
    const body = await fresh.kms.call('DescribeRegions');
    const regionIds = body.Regions.Region.map((region) => region.RegionId);
    assert.equal(regionIds.includes(REGION), true);
  });
});

describe('CreateKey', () => {
  test('defaults describe an enabled AES-256 software key', async () => {
    const startedMs = Date.now();
    const metadata = await createKey(account.kms, { Description: 'default settings' });

    assert.equal(metadata.KeySpec, 'Aliyun_AES_256');
    assert.equal(metadata.KeyUsage, 'ENCRYPT/DECRYPT');
    assert.equal(metadata.Origin, 'Aliyun_KMS');
    assert.equal(metadata.ProtectionLevel, 'SOFTWARE');
    assert.equal(metadata.KeyState, 'Enabled');
    assert.equal(metadata.Description, 'default settings');
    assert.equal(metadata.Creator, account.accountId);
    assert.equal(metadata.Arn, `acs:kms:${REGION}:${account.accountId}:key/${metadata.KeyId}`);
    assertTimeNear(metadata.CreationDate, startedMs, 'CreationDate');

    const described = await describeKey(account.kms, metadata.KeyId);
    assert.equal(described.KeyId, metadata.KeyId);
    assert.equal(described.Arn, metadata.Arn);
    assert.equal(described.CreationDate, metadata.CreationDate);
    assert.equal(described.KeyState, 'Enabled');
    assert.equal(described.DeletionProtection, 'Disabled');
  });

  test('invalid key settings return InvalidParameter', async (t) => {
    const cases = {
      'unknown KeySpec': { KeySpec: 'AES_999' },
      'EC_P256 with ENCRYPT/DECRYPT': { KeySpec: 'EC_P256', KeyUsage: 'ENCRYPT/DECRYPT' },
      'unknown Origin': { Origin: 'Elsewhere' },
      'unknown ProtectionLevel': { ProtectionLevel: 'FIRMWARE' },
    };
    for (const [name, query] of Object.entries(cases)) {
      await t.test(name, () => assertRejectsWith(account.kms.call('CreateKey', query), {
        code: 'InvalidParameter',
        statusCode: 400,
      }));
    }
  });

  test('asymmetric specs keep their KeyUsage', async () => {
    const rsa = await createKey(account.kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT/DECRYPT' });
    assert.equal(rsa.KeySpec, 'RSA_2048');
    assert.equal(rsa.KeyUsage, 'ENCRYPT/DECRYPT');
    assert.equal(rsa.KeyState, 'Enabled');

    const ec = await createKey(account.kms, { KeySpec: 'EC_P256', KeyUsage: 'SIGN/VERIFY' });
    assert.equal(ec.KeySpec, 'EC_P256');
    assert.equal(ec.KeyUsage, 'SIGN/VERIFY');
  });

  test('Origin EXTERNAL creates a key pending import', async () => {
    const metadata = await createKey(account.kms, { Origin: 'EXTERNAL' });
    assert.equal(metadata.Origin, 'EXTERNAL');
    assert.equal(metadata.KeyState, 'PendingImport');
    assert.equal((await describeKey(account.kms, metadata.KeyId)).KeyState, 'PendingImport');
  });

  test('ProtectionLevel HSM is stored', async () => {
    const metadata = await createKey(account.kms, { ProtectionLevel: 'HSM' });
    assert.equal(metadata.ProtectionLevel, 'HSM');
  });
});

describe('DescribeKey', () => {
  test('finds a key by id, ARN and alias', async (t) => {
    const key = await createKey(account.kms);
    await account.kms.call('CreateAlias', { AliasName: 'alias/describe-me', KeyId: key.KeyId });

    for (const [name, keyId] of [['id', key.KeyId], ['ARN', key.Arn], ['alias', 'alias/describe-me']]) {
      await t.test(name, async () => {
        const metadata = await describeKey(account.kms, keyId);
        assert.equal(metadata.KeyId, key.KeyId);
        assert.equal(metadata.Arn, key.Arn);
      });
    }
  });

  test('unknown key id returns Forbidden.KeyNotFound', async () => {
    const error = await assertRejectsWith(account.kms.call('DescribeKey', { KeyId: UNKNOWN_KEY_ID }), {
      code: 'Forbidden.KeyNotFound',
      statusCode: 404,
    });
    assert.equal(error.data.Message, 'The specified Key is not found.');
  });

  test('unknown alias returns Forbidden.AliasNotFound', async () => {
    const error = await assertRejectsWith(account.kms.call('DescribeKey', { KeyId: 'alias/never-made' }), {
      code: 'Forbidden.AliasNotFound',
      statusCode: 404,
    });
    assert.equal(error.data.Message, 'The specified Alias is not found.');
  });

  test('key of another account returns Forbidden.KeyNotFound', async (t) => {
    const other = await createAccount(server, { openKms: true });
    const foreign = await createKey(other.kms);
    for (const [name, keyId] of [['id', foreign.KeyId], ['ARN', foreign.Arn]]) {
      await t.test(name, () => assertRejectsWith(account.kms.call('DescribeKey', { KeyId: keyId }), {
        code: 'Forbidden.KeyNotFound',
        statusCode: 404,
      }));
    }
  });
});

describe('ListKeys', () => {
  test('pages through every key with TotalCount', async () => {
    const owner = await createAccount(server, { openKms: true });
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push(await createKey(owner.kms));
    }

    const seen = [];
    for (const [pageNumber, expectedCount] of [[1, 2], [2, 2], [3, 1]]) {
      const page = await owner.kms.call('ListKeys', { PageNumber: pageNumber, PageSize: 2 });
      assert.equal(page.TotalCount, 5, `TotalCount on page ${pageNumber}`);
      assert.equal(page.PageNumber, pageNumber);
      assert.equal(page.PageSize, 2);
      assert.equal(page.Keys.Key.length, expectedCount, `keys on page ${pageNumber}`);
      seen.push(...page.Keys.Key);
    }

    assert.deepEqual(
      seen.map((key) => key.KeyId).sort(),
      created.map((key) => key.KeyId).sort());
    for (const key of seen) {
      assert.equal(key.KeyArn, `acs:kms:${REGION}:${owner.accountId}:key/${key.KeyId}`);
    }

    const beyond = await owner.kms.call('ListKeys', { PageNumber: 4, PageSize: 2 });
    assert.equal(beyond.TotalCount, 5);
    assert.equal(beyond.Keys.Key.length, 0);

    const all = await owner.kms.call('ListKeys', { PageSize: 100 });
    assert.equal(all.Keys.Key.length, 5);
  });

  test('default page is number 1 of size 10', async () => {
    const body = await account.kms.call('ListKeys');
    assert.equal(body.PageNumber, 1);
    assert.equal(body.PageSize, 10);
  });

  test('PageSize outside 1 to 100 returns InvalidParameter', async (t) => {
    for (const pageSize of [0, 101]) {
      await t.test(`PageSize ${pageSize}`, () => assertRejectsWith(
        account.kms.call('ListKeys', { PageSize: pageSize }),
        { code: 'InvalidParameter', statusCode: 400 }));
    }
  });

  test('Filters on KeyState returns only matching keys', async () => {
    const owner = await createAccount(server, { openKms: true });
    const enabled = await createKey(owner.kms);
    const disabledA = await createKey(owner.kms);
    const disabledB = await createKey(owner.kms);
    await owner.kms.call('DisableKey', { KeyId: disabledA.KeyId });
    await owner.kms.call('DisableKey', { KeyId: disabledB.KeyId });

    const disabled = await owner.kms.call('ListKeys', {
      Filters: JSON.stringify([{ Key: 'KeyState', Values: ['Disabled'] }]),
    });
    assert.equal(disabled.TotalCount, 2);
    assert.deepEqual(
      disabled.Keys.Key.map((key) => key.KeyId).sort(),
      [disabledA.KeyId, disabledB.KeyId].sort());

    const active = await owner.kms.call('ListKeys', {
      Filters: JSON.stringify([{ Key: 'KeyState', Values: ['Enabled'] }]),
    });
    assert.equal(active.TotalCount, 1);
    assert.equal(active.Keys.Key[0].KeyId, enabled.KeyId);

    // Values inside one filter are alternatives.
    const either = await owner.kms.call('ListKeys', {
      Filters: JSON.stringify([{ Key: 'KeyState', Values: ['Enabled', 'Disabled'] }]),
    });
    assert.equal(either.TotalCount, 3);
  });

  test('malformed Filters returns InvalidParameter', async (t) => {
    const cases = {
      'not JSON': '{KeyState',
      'unknown filter key': JSON.stringify([{ Key: 'Colour', Values: ['blue'] }]),
    };
    for (const [name, filters] of Object.entries(cases)) {
      await t.test(name, () => assertRejectsWith(account.kms.call('ListKeys', { Filters: filters }), {
        code: 'InvalidParameter',
        statusCode: 400,
      }));
    }
  });
});

describe('key state changes', () => {
  test('DisableKey and EnableKey switch the state', async () => {
    const key = await createKey(account.kms);
    await account.kms.call('DisableKey', { KeyId: key.KeyId });
    assert.equal((await describeKey(account.kms, key.KeyId)).KeyState, 'Disabled');

    await account.kms.call('EnableKey', { KeyId: key.KeyId });
    assert.equal((await describeKey(account.kms, key.KeyId)).KeyState, 'Enabled');
  });

  test('ScheduleKeyDeletion sets PendingDeletion and DeleteDate', async () => {
    const key = await createKey(account.kms);
    const scheduledMs = Date.now();
    await account.kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 7 });

    const metadata = await describeKey(account.kms, key.KeyId);
    assert.equal(metadata.KeyState, 'PendingDeletion');
    assertTimeNear(metadata.DeleteDate, scheduledMs + 7 * DAY_MS, 'DeleteDate');
  });

  test('PendingWindowInDays must be 7 to 366', async (t) => {
    const key = await createKey(account.kms);

    await t.test('missing', () => assertRejectsWith(
      account.kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId }),
      { code: 'MissingParameter', statusCode: 400 }));
    for (const days of [6, 367, 'seven']) {
      await t.test(`${days} days`, () => assertRejectsWith(
        account.kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: days }),
        { code: 'InvalidParameter', statusCode: 400 }));
    }
    assert.equal((await describeKey(account.kms, key.KeyId)).KeyState, 'Enabled');

    const scheduledMs = Date.now();
    await account.kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 366 });
    const metadata = await describeKey(account.kms, key.KeyId);
    assert.equal(metadata.KeyState, 'PendingDeletion');
    assertTimeNear(metadata.DeleteDate, scheduledMs + 366 * DAY_MS, 'DeleteDate');
  });

  test('EnableKey on a key pending deletion returns Rejected.PendingDeletion', async () => {
    const key = await createKey(account.kms);
    await account.kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 7 });
    await assertRejectsWith(account.kms.call('EnableKey', { KeyId: key.KeyId }), {
      code: 'Rejected.PendingDeletion',
      statusCode: 409,
    });
    assert.equal((await describeKey(account.kms, key.KeyId)).KeyState, 'PendingDeletion');
  });

  test('CancelKeyDeletion returns the key to Enabled', async () => {
    const key = await createKey(account.kms);
    await account.kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 30 });
    await account.kms.call('CancelKeyDeletion', { KeyId: key.KeyId });

    const metadata = await describeKey(account.kms, key.KeyId);
    assert.equal(metadata.KeyState, 'Enabled');
    assert.equal(metadata.DeleteDate, undefined);
  });

  test('CancelKeyDeletion on an enabled key returns StateModifiedFailed', async () => {
    const key = await createKey(account.kms);
    await assertRejectsWith(account.kms.call('CancelKeyDeletion', { KeyId: key.KeyId }), {
      code: 'Rejected.StateModifiedFailed',
      statusCode: 409,
    });
  });

  test('state changes on an unknown key return Forbidden.KeyNotFound', async (t) => {
    const calls = {
      EnableKey: { KeyId: UNKNOWN_KEY_ID },
      DisableKey: { KeyId: UNKNOWN_KEY_ID },
      ScheduleKeyDeletion: { KeyId: UNKNOWN_KEY_ID, PendingWindowInDays: 7 },
      CancelKeyDeletion: { KeyId: UNKNOWN_KEY_ID },
    };
    for (const [action, query] of Object.entries(calls)) {
      await t.test(action, () => assertRejectsWith(account.kms.call(action, query), {
        code: 'Forbidden.KeyNotFound',
        statusCode: 404,
      }));
    }
  });

  test('UpdateKeyDescription changes the description', async () => {
    const key = await createKey(account.kms, { Description: 'first' });
    await account.kms.call('UpdateKeyDescription', { KeyId: key.KeyId, Description: 'second text' });
    assert.equal((await describeKey(account.kms, key.KeyId)).Description, 'second text');
  });

  test('deletion protection blocks ScheduleKeyDeletion', async () => {
    const key = await createKey(account.kms);
    await account.kms.call('SetDeletionProtection', {
      ProtectedResourceArn: key.Arn,
      EnableDeletionProtection: true,
      DeletionProtectionDescription: 'used by disks',
    });

    const metadata = await describeKey(account.kms, key.KeyId);
    assert.equal(metadata.DeletionProtection, 'Enabled');
    assert.equal(metadata.DeletionProtectionDescription, 'used by disks');

    await assertRejectsWith(
      account.kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 7 }),
      { code: 'Rejected.StateModifiedFailed', statusCode: 409 });
    assert.equal((await describeKey(account.kms, key.KeyId)).KeyState, 'Enabled');

    await account.kms.call('SetDeletionProtection', {
      ProtectedResourceArn: key.Arn,
      EnableDeletionProtection: false,
    });
    assert.equal((await describeKey(account.kms, key.KeyId)).DeletionProtection, 'Disabled');
    await account.kms.call('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 7 });
    assert.equal((await describeKey(account.kms, key.KeyId)).KeyState, 'PendingDeletion');
  });
});

describe('ECS service key', () => {
  let owner;
  let serviceKeyId;

  before(async () => {
    owner = await createAccount(server, { openKms: true });
    const encryption = defaultEncryption(owner.ecs);
    await encryption.enable(REGION);
    serviceKeyId = await encryption.defaultKeyId(REGION);
  });

  test('service key is created by ECS', async () => {
    const metadata = await describeKey(owner.kms, SERVICE_KEY_ALIAS);
    assert.equal(metadata.KeyId, serviceKeyId);
    assert.equal(metadata.Creator, 'Ecs');
    assert.equal(metadata.KeyState, 'Enabled');
  });

  test('service key cannot be disabled', async () => {
    await assertRejectsWith(owner.kms.call('DisableKey', { KeyId: serviceKeyId }), {
      code: 'Forbidden.NoPermission',
      statusCode: 403,
    });
    assert.equal((await describeKey(owner.kms, serviceKeyId)).KeyState, 'Enabled');
  });

  test('service key cannot be scheduled for deletion', async () => {
    await assertRejectsWith(
      owner.kms.call('ScheduleKeyDeletion', { KeyId: serviceKeyId, PendingWindowInDays: 7 }),
      { code: 'Forbidden.NoPermission', statusCode: 403 });
    assert.equal((await describeKey(owner.kms, serviceKeyId)).KeyState, 'Enabled');
  });

  test('service key cannot get a customer alias', async () => {
    await assertRejectsWith(
      owner.kms.call('CreateAlias', { AliasName: 'alias/my-ecs-key', KeyId: serviceKeyId }),
      { code: 'Forbidden.NoPermission', statusCode: 403 });

    const other = await createKey(owner.kms);
    await owner.kms.call('CreateAlias', { AliasName: 'alias/pointer', KeyId: other.KeyId });
    await assertRejectsWith(
      owner.kms.call('UpdateAlias', { AliasName: 'alias/pointer', KeyId: serviceKeyId }),
      { code: 'Forbidden.NoPermission', statusCode: 403 });

    const aliases = await owner.kms.call('ListAliasesByKeyId', { KeyId: serviceKeyId });
    assert.deepEqual(aliases.Aliases.Alias.map((alias) => alias.AliasName), [SERVICE_KEY_ALIAS]);
  });

  test('service key alias cannot be moved', async () => {
    // The reserved alias/acs prefix is checked before the key, so this is Unsupported.Alias, not NoPermission.
    const other = await createKey(owner.kms);
    await assertRejectsWith(
      owner.kms.call('UpdateAlias', { AliasName: SERVICE_KEY_ALIAS, KeyId: other.KeyId }),
      { code: 'Unsupported.Alias', statusCode: 400 });
    assert.equal((await describeKey(owner.kms, SERVICE_KEY_ALIAS)).KeyId, serviceKeyId);
  });
});

describe('aliases', () => {
  test('CreateAlias is listed by ListAliases and ListAliasesByKeyId', async () => {
    const owner = await createAccount(server, { openKms: true });
    const key = await createKey(owner.kms);
    await owner.kms.call('CreateAlias', { AliasName: 'alias/app-data_1', KeyId: key.KeyId });

    const expected = {
      AliasName: 'alias/app-data_1',
      AliasArn: `acs:kms:${REGION}:${owner.accountId}:alias/app-data_1`,
      KeyId: key.KeyId,
    };

    const listed = await owner.kms.call('ListAliases');
    assert.equal(listed.TotalCount, 1);
    assert.equal(listed.PageNumber, 1);
    assert.equal(listed.PageSize, 10);
    assert.deepEqual(listed.Aliases.Alias, [expected]);

    const byKey = await owner.kms.call('ListAliasesByKeyId', { KeyId: key.KeyId });
    assert.equal(byKey.TotalCount, 1);
    assert.deepEqual(byKey.Aliases.Alias, [expected]);
  });

  test('duplicate alias returns AliasAlreadyExists', async () => {
    const key = await createKey(account.kms);
    await account.kms.call('CreateAlias', { AliasName: 'alias/twice', KeyId: key.KeyId });
    const error = await assertRejectsWith(
      account.kms.call('CreateAlias', { AliasName: 'alias/twice', KeyId: key.KeyId }),
      { code: 'AliasAlreadyExists', statusCode: 400 });
    assert.equal(error.data.Message, 'AliasName Already Exists.');
  });

  test('reserved alias/acs prefix returns Unsupported.Alias', async (t) => {
    const key = await createKey(account.kms);
    for (const aliasName of ['alias/acs/mine', 'alias/acs']) {
      await t.test(aliasName, () => assertRejectsWith(
        account.kms.call('CreateAlias', { AliasName: aliasName, KeyId: key.KeyId }),
        { code: 'Unsupported.Alias', statusCode: 400 }));
    }
  });

  test('malformed alias name returns InvalidParameter', async (t) => {
    const key = await createKey(account.kms);
    for (const aliasName of ['alias/has space', 'alias/star*', 'alias/dot.name', 'no-prefix']) {
      await t.test(aliasName, () => assertRejectsWith(
        account.kms.call('CreateAlias', { AliasName: aliasName, KeyId: key.KeyId }),
        { code: 'InvalidParameter', statusCode: 400 }));
    }
  });

  test('CreateAlias on an unknown key returns Forbidden.KeyNotFound', async () => {
    await assertRejectsWith(
      account.kms.call('CreateAlias', { AliasName: 'alias/orphan', KeyId: UNKNOWN_KEY_ID }),
      { code: 'Forbidden.KeyNotFound', statusCode: 404 });
  });

  test('UpdateAlias points the alias at another key', async () => {
    const owner = await createAccount(server, { openKms: true });
    const first = await createKey(owner.kms);
    const second = await createKey(owner.kms);
    await owner.kms.call('CreateAlias', { AliasName: 'alias/moving', KeyId: first.KeyId });

    await owner.kms.call('UpdateAlias', { AliasName: 'alias/moving', KeyId: second.KeyId });
    assert.equal((await describeKey(owner.kms, 'alias/moving')).KeyId, second.KeyId);

    const onFirst = await owner.kms.call('ListAliasesByKeyId', { KeyId: first.KeyId });
    assert.equal(onFirst.TotalCount, 0);
    assert.deepEqual(onFirst.Aliases.Alias, []);
    const onSecond = await owner.kms.call('ListAliasesByKeyId', { KeyId: second.KeyId });
    assert.equal(onSecond.TotalCount, 1);
    assert.equal(onSecond.Aliases.Alias[0].AliasName, 'alias/moving');
  });

  test('UpdateAlias on an unknown alias returns Forbidden.AliasNotFound', async () => {
    const key = await createKey(account.kms);
    await assertRejectsWith(
      account.kms.call('UpdateAlias', { AliasName: 'alias/not-there', KeyId: key.KeyId }),
      { code: 'Forbidden.AliasNotFound', statusCode: 404 });
  });

  test('DeleteAlias removes the alias but not the key', async () => {
    const key = await createKey(account.kms);
    await account.kms.call('CreateAlias', { AliasName: 'alias/short-lived', KeyId: key.KeyId });
    await account.kms.call('DeleteAlias', { AliasName: 'alias/short-lived' });

    await assertRejectsWith(account.kms.call('DescribeKey', { KeyId: 'alias/short-lived' }), {
      code: 'Forbidden.AliasNotFound',
      statusCode: 404,
    });
    assert.equal((await describeKey(account.kms, key.KeyId)).KeyState, 'Enabled');
    await assertRejectsWith(account.kms.call('DeleteAlias', { AliasName: 'alias/short-lived' }), {
      code: 'Forbidden.AliasNotFound',
      statusCode: 404,
    });
  });

  test('ListAliases pages with TotalCount', async () => {
    const owner = await createAccount(server, { openKms: true });
    const key = await createKey(owner.kms);
    for (const name of ['alias/page-a', 'alias/page-b', 'alias/page-c']) {
      await owner.kms.call('CreateAlias', { AliasName: name, KeyId: key.KeyId });
    }

    const first = await owner.kms.call('ListAliases', { PageNumber: 1, PageSize: 2 });
    const second = await owner.kms.call('ListAliases', { PageNumber: 2, PageSize: 2 });
    assert.equal(first.TotalCount, 3);
    assert.equal(first.PageSize, 2);
    assert.equal(first.Aliases.Alias.length, 2);
    assert.equal(second.TotalCount, 3);
    assert.equal(second.PageNumber, 2);
    assert.equal(second.Aliases.Alias.length, 1);
    assert.deepEqual(
      [...first.Aliases.Alias, ...second.Aliases.Alias].map((alias) => alias.AliasName).sort(),
      ['alias/page-a', 'alias/page-b', 'alias/page-c']);

    const byKey = await owner.kms.call('ListAliasesByKeyId', { KeyId: key.KeyId, PageSize: 1 });
    assert.equal(byKey.TotalCount, 3);
    assert.equal(byKey.Aliases.Alias.length, 1);
  });
});

describe('old-generation KMS client', () => {
  test('creates and describes a key with HMAC-SHA1', async () => {
    const kms = createOldKmsClient(server.port, account);
    const created = await kms.createKey(new Kms.CreateKeyRequest({ description: 'old client' }));
    const keyId = created.keyMetadata.keyId;
    assert.equal(created.keyMetadata.keyState, 'Enabled');

    const described = await kms.describeKey(new Kms.DescribeKeyRequest({ keyId }));
    assert.equal(described.keyMetadata.keyId, keyId);
    assert.equal(described.keyMetadata.description, 'old client');
    assert.equal(described.keyMetadata.creator, account.accountId);
  });

  test('errors carry the code with an Error suffix', async () => {
    const kms = createOldKmsClient(server.port, account);
    const error = await assertRejectsWith(kms.describeKey(new Kms.DescribeKeyRequest({ keyId: UNKNOWN_KEY_ID })), {
      code: 'Forbidden.KeyNotFoundError',
    });
    assert.equal(error.data.Code, 'Forbidden.KeyNotFound');
  });
});
