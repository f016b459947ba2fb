'use strict';

// ECS disk actions (CreateDisk, DescribeDisks, DeleteDisk, ResizeDisk, ModifyDiskAttribute) and the
// encryption rules for new disks, driven through @alicloud/ecs20140526 and @alicloud/pop-core.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const {
  createDataDir,
  removeDataDir,
  startServer,
  startRegionPair,
  stopServers,
  runCliOk,
} = require('./support/server');
const {
  Ecs,
  ECS_VERSION,
  createEcsRpcClient,
  createKmsClient,
  createPopClient,
  assertRejectsWith,
} = require('./support/clients');
const { createAccount } = require('./support/accounts');
const { defaultEncryption } = require('./support/ecs-actions');
const { READY_AT_ONCE_ENV, diskActions, tagsOf } = require('./support/disk-actions');

const HANGZHOU = 'cn-hangzhou';
const SHANGHAI = 'cn-shanghai';
const ZONE = 'cn-hangzhou-h';
const OTHER_ZONE = 'cn-hangzhou-i';
const SHANGHAI_ZONE = 'cn-shanghai-b';
const SERVICE_KEY_ALIAS = 'alias/acs/ecs';
const DISK_ENCRYPT_ROLE = 'AliyunECSDiskEncryptDefaultRole';
const UNKNOWN_KEY_ID = '00000000-0000-4000-8000-000000000000';

const HANGZHOU_DISK_ID = /^d-bp[a-z0-9]{18}$/;
const SHANGHAI_DISK_ID = /^d-uf[a-z0-9]{18}$/;
const CREATION_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

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
 * options: openKms (default true) activates KMS in cn-hangzhou, and the rest go to createAccount.
 */
async function newAccount({ openKms = true, ...options } = {}) {
  const account = await createAccount(server, { openKms, ...options });
  account.disks = diskActions(account.ecs);
  account.encryption = defaultEncryption(account.ecs);
  return account;
}

/** Returns a KMS client of the account that acts in cn-shanghai. */
function shanghaiKms(account) {
  return createKmsClient(shanghaiServer.port, account);
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

/** Creates a 20 GiB disk in cn-hangzhou-h and returns its DiskId. fields override or add request fields. */
function createPlainDisk(account, fields = {}) {
  return account.disks.createDisk({ regionId: HANGZHOU, zoneId: ZONE, size: 20, ...fields });
}

/** Returns the DiskIds of DescribeDisks with these filters in cn-hangzhou, sorted. */
async function listDiskIds(account, filters) {
  const body = await account.disks.describeDisks({ regionId: HANGZHOU, pageSize: 100, ...filters });
  return body.disks.disk.map((disk) => disk.diskId).sort();
}

/** Returns the KMSKeyId and Encrypted flag of a cn-hangzhou disk. */
async function diskEncryption(account, diskId) {
  const disk = await account.disks.describeDisk(HANGZHOU, diskId);
  return { encrypted: disk.encrypted, KMSKeyId: disk.KMSKeyId };
}

describe('CreateDisk', () => {
  test('new disk has documented defaults', async () => {
    const account = await newAccount({ openKms: false });
    const diskId = await createPlainDisk(account, { diskName: 'data-disk', description: 'first disk' });
    assert.match(diskId, HANGZHOU_DISK_ID);

    const disk = await account.disks.describeDisk(HANGZHOU, diskId);
    assert.equal(disk.diskId, diskId);
    assert.equal(disk.diskName, 'data-disk');
    assert.equal(disk.description, 'first disk');
    assert.equal(disk.regionId, HANGZHOU);
    assert.equal(disk.zoneId, ZONE);
    assert.equal(disk.category, 'cloud');
    assert.equal(disk.size, 20);
    assert.equal(disk.status, 'Available');
    assert.equal(disk.type, 'data');
    assert.equal(disk.encrypted, false);
    assert.equal(disk.KMSKeyId, '');
    assert.match(disk.creationTime, CREATION_TIME);
    assert.equal(disk.sourceSnapshotId, '');
    assert.deepEqual(disk.tags.tag, []);
    assert.deepEqual(disk.attachments.attachment, []);
  });

  test('JSON body has documented field types', async () => {
    const account = await newAccount({ openKms: false });
    const diskId = await createPlainDisk(account);
    const rpcClient = createEcsRpcClient(server.port, account);

    const body = await rpcClient.call('DescribeDisks', { RegionId: HANGZHOU, DiskIds: JSON.stringify([diskId]) });
    assert.equal(body.TotalCount, 1);
    assert.equal(typeof body.PageNumber, 'number');
    assert.equal(typeof body.PageSize, 'number');
    const disk = body.Disks.Disk[0];
    assert.equal(disk.DiskId, diskId);
    assert.equal(disk.Size, 20);
    assert.equal(disk.Encrypted, false);
    assert.equal(disk.KMSKeyId, '');
    assert.equal(disk.Type, 'data');
    assert.equal(typeof disk.PerformanceLevel, 'string');
    assert.ok(Array.isArray(disk.Tags.Tag), 'Tags.Tag is an array');
    assert.ok(Array.isArray(disk.Attachments.Attachment), 'Attachments.Attachment is an array');
    assert.deepEqual(disk.Attachments.Attachment, []);
  });

  test('cn-shanghai DiskId starts with d-uf', async () => {
    const account = await newAccount({ openKms: false });
    const diskId = await account.disks.createDisk({ regionId: SHANGHAI, zoneId: SHANGHAI_ZONE, size: 20 });
    assert.match(diskId, SHANGHAI_DISK_ID);

    const disk = await account.disks.describeDisk(SHANGHAI, diskId);
    assert.equal(disk.regionId, SHANGHAI);
    assert.equal(disk.zoneId, SHANGHAI_ZONE);
    assert.equal(await account.disks.countDisks(HANGZHOU), 0);
  });

  test('every documented zone is accepted', async () => {
    const account = await newAccount({ openKms: false });
    const zones = {
      [HANGZHOU]: ['b', 'g', 'h', 'i', 'j', 'k'],
      [SHANGHAI]: ['a', 'b', 'e', 'f', 'g', 'l', 'm', 'n'],
    };
    for (const [regionId, letters] of Object.entries(zones)) {
      for (const letter of letters) {
        const zoneId = `${regionId}-${letter}`;
        const diskId = await account.disks.createDisk({ regionId, zoneId, size: 20 });
        const disk = await account.disks.describeDisk(regionId, diskId);
        assert.equal(disk.zoneId, zoneId);
      }
    }
  });

  test('every valid category is accepted', async () => {
    const account = await newAccount({ openKms: false });
    const cases = [
      { diskCategory: 'cloud', size: 20 },
      { diskCategory: 'cloud_efficiency', size: 20 },
      { diskCategory: 'cloud_ssd', size: 20 },
      { diskCategory: 'cloud_essd', size: 40, expectedLevel: 'PL1' },
      { diskCategory: 'cloud_auto', size: 40 },
      { diskCategory: 'cloud_essd_entry', size: 40 },
    ];
    for (const { diskCategory, size, expectedLevel } of cases) {
      const diskId = await createPlainDisk(account, { diskCategory, size });
      const disk = await account.disks.describeDisk(HANGZHOU, diskId);
      assert.equal(disk.category, diskCategory);
      assert.equal(disk.size, size, `Size of ${diskCategory}`);
      if (expectedLevel) {
        assert.equal(disk.performanceLevel, expectedLevel, `default PerformanceLevel of ${diskCategory}`);
      }
    }
  });

  test('cloud_essd accepts PL0 to PL3', async () => {
    const account = await newAccount({ openKms: false });
    for (const performanceLevel of ['PL0', 'PL1', 'PL2', 'PL3']) {
      // 1300 GiB is inside the size range of every performance level.
      const diskId = await createPlainDisk(account, { diskCategory: 'cloud_essd', performanceLevel, size: 1300 });
      const disk = await account.disks.describeDisk(HANGZHOU, diskId);
      assert.equal(disk.performanceLevel, performanceLevel);
    }
  });

  test('invalid requests are rejected and create nothing', async (t) => {
    const account = await newAccount();
    const base = { regionId: HANGZHOU, zoneId: ZONE, size: 20 };
    const cases = [
      {
        name: 'missing ZoneId',
        fields: { regionId: HANGZHOU, size: 20 },
        code: 'MissingParameter',
        statusCode: 400,
        message: 'The input parameter ZoneId that is mandatory for processing this request is not supplied.',
      },
      {
        name: 'missing Size and SnapshotId',
        fields: { regionId: HANGZHOU, zoneId: ZONE },
        code: 'MissingParameter',
        statusCode: 400,
        message: 'The input parameter either "SnapshotId" or "Size" should be specified.',
      },
      {
        name: 'unknown DiskCategory',
        fields: { ...base, diskCategory: 'cloud_floppy' },
        code: 'InvalidDiskCategory.ValueNotSupported',
        statusCode: 400,
      },
      {
        name: 'cloud_essd of 70000 GiB',
        fields: { ...base, diskCategory: 'cloud_essd', size: 70000 },
        code: 'InvalidDiskSize.ValueNotSupported',
        statusCode: 400,
      },
      {
        name: 'unknown RegionId',
        fields: { ...base, regionId: 'xx-nowhere-1' },
        code: 'InvalidRegionId.NotFound',
        statusCode: 404,
      },
      {
        name: 'unknown ZoneId',
        fields: { ...base, zoneId: 'cn-hangzhou-z' },
        code: 'InvalidZoneId.NotFound',
        statusCode: 404,
      },
      {
        name: 'zone of another region',
        fields: { ...base, zoneId: SHANGHAI_ZONE },
        code: 'InvalidZoneId.NotFound',
        statusCode: 404,
      },
      {
        name: 'unknown SnapshotId',
        fields: { regionId: HANGZHOU, zoneId: ZONE, snapshotId: 's-bp0000000000000000zz' },
        code: 'InvalidSnapshotId.NotFound',
        statusCode: 404,
      },
      {
        // The SDK sends the value as it is, so a string reaches the server unchanged.
        name: 'Encrypted not boolean',
        fields: { ...base, encrypted: 'maybe' },
        code: 'InvalidParameter',
        statusCode: 400,
      },
      {
        name: 'DiskName starting with a digit',
        fields: { ...base, diskName: '1disk' },
        code: 'InvalidDiskName.Malformed',
        statusCode: 400,
      },
      {
        name: 'DiskName starting with a hyphen',
        fields: { ...base, diskName: '-disk' },
        code: 'InvalidDiskName.Malformed',
        statusCode: 400,
      },
      {
        name: 'non-ASCII ClientToken',
        fields: { ...base, clientToken: 'tökén-1' },
        code: 'InvalidClientToken.Malformed',
        statusCode: 403,
      },
      {
        name: 'ClientToken of 65 characters',
        fields: { ...base, clientToken: 'a'.repeat(65) },
        code: 'InvalidClientToken.Malformed',
        statusCode: 403,
      },
      {
        name: 'tag key starting with aliyun',
        fields: { ...base, tag: tagsOf(Ecs.CreateDiskRequestTag, { aliyunOwner: 'x' }) },
        code: 'InvalidTagKey.Malformed',
        statusCode: 400,
      },
      {
        name: 'tag key starting with acs:',
        fields: { ...base, tag: tagsOf(Ecs.CreateDiskRequestTag, { 'acs:owner': 'x' }) },
        code: 'InvalidTagKey.Malformed',
        statusCode: 400,
      },
    ];

    for (const { name, fields, code, statusCode, message } of cases) {
      await t.test(name, async () => {
        const error = await assertRejectsWith(account.disks.createDisk(fields), { code, statusCode });
        if (message) {
          assert.equal(error.data.Message, message);
        }
      });
    }

    assert.equal(await account.disks.countDisks(HANGZHOU), 0);
    assert.equal(await account.disks.countDisks(SHANGHAI), 0);
  });

  test('same ClientToken returns the same disk', async () => {
    const account = await newAccount({ openKms: false });
    const clientToken = `token-${Date.now()}`;
    const first = await createPlainDisk(account, { clientToken, diskName: 'once' });
    const second = await createPlainDisk(account, { clientToken, diskName: 'once' });
    assert.equal(second, first);
    assert.equal(await account.disks.countDisks(HANGZHOU), 1);

    await assertRejectsWith(createPlainDisk(account, { clientToken, diskName: 'once', size: 30 }), {
      code: 'IdempotentParameterMismatch',
      statusCode: 403,
    });
    assert.equal(await account.disks.countDisks(HANGZHOU), 1);

    const maxLengthToken = 'b'.repeat(64);
    await createPlainDisk(account, { clientToken: maxLengthToken });
    assert.equal(await account.disks.countDisks(HANGZHOU), 2);
  });

  test('twenty tags are stored', async () => {
    const account = await newAccount({ openKms: false });
    const tags = {};
    for (let n = 1; n <= 20; n++) {
      tags[`team${n}`] = `value${n}`;
    }
    const diskId = await createPlainDisk(account, { tag: tagsOf(Ecs.CreateDiskRequestTag, tags) });

    const disk = await account.disks.describeDisk(HANGZHOU, diskId);
    const stored = Object.fromEntries(disk.tags.tag.map((tag) => [tag.tagKey, tag.tagValue]));
    assert.deepEqual(stored, tags);
  });

  test('pop-core POST CreateDisk and GET DescribeDisks', async () => {
    const account = await newAccount({ openKms: false });
    const pop = createPopClient(server.port, ECS_VERSION, account);

    const created = await pop.request(
      'CreateDisk',
      { RegionId: HANGZHOU, ZoneId: ZONE, Size: 30, DiskCategory: 'cloud_ssd', DiskName: 'pop-disk' },
      { method: 'POST' });
    assert.match(created.DiskId, HANGZHOU_DISK_ID);

    const listed = await pop.request(
      'DescribeDisks', { RegionId: HANGZHOU, DiskIds: JSON.stringify([created.DiskId]) }, { method: 'GET' });
    assert.equal(listed.TotalCount, 1);
    const disk = listed.Disks.Disk[0];
    assert.equal(disk.DiskId, created.DiskId);
    assert.equal(disk.DiskName, 'pop-disk');
    assert.equal(disk.Category, 'cloud_ssd');
    assert.equal(disk.Size, 30);
  });
});

describe('DescribeDisks', () => {
  let account;
  let alpha;
  let beta;
  let gamma;
  let snapshotId;
  let betaKeyId;

  before(async () => {
    account = await newAccount();
    alpha = await createPlainDisk(account, {
      diskCategory: 'cloud_essd',
      size: 40,
      diskName: 'alpha',
      tag: tagsOf(Ecs.CreateDiskRequestTag, { env: 'prod' }),
    });
    beta = await account.disks.createDisk({
      regionId: HANGZHOU,
      zoneId: OTHER_ZONE,
      diskCategory: 'cloud_ssd',
      size: 20,
      diskName: 'beta',
      encrypted: true,
      tag: tagsOf(Ecs.CreateDiskRequestTag, { env: 'test' }),
    });
    betaKeyId = await serviceKeyId(account.kms);
    snapshotId = await account.disks.createSnapshot({ diskId: alpha, snapshotName: 'alpha-snap' });
    gamma = await createPlainDisk(account, {
      diskCategory: 'cloud_essd',
      snapshotId,
      size: undefined,
      diskName: 'gamma',
    });
  });

  test('missing RegionId returns MissingParameter', async () => {
    await assertRejectsWith(account.disks.describeDisks({}), { code: 'MissingParameter', statusCode: 400 });
  });

  test('filters select matching disks', async (t) => {
    const all = [alpha, beta, gamma].sort();
    const cases = {
      'DiskIds': [{ diskIds: JSON.stringify([alpha, gamma]) }, [alpha, gamma]],
      'ZoneId': [{ zoneId: OTHER_ZONE }, [beta]],
      'Category': [{ category: 'cloud_essd' }, [alpha, gamma]],
      'Encrypted true': [{ encrypted: true }, [beta]],
      'Encrypted false': [{ encrypted: false }, [alpha, gamma]],
      'KMSKeyId': [{ KMSKeyId: betaKeyId }, [beta]],
      'DiskType data': [{ diskType: 'data' }, all],
      'DiskType system': [{ diskType: 'system' }, []],
      'DiskName': [{ diskName: 'alpha' }, [alpha]],
      'SnapshotId': [{ snapshotId }, [gamma]],
      'Tag': [{ tag: tagsOf(Ecs.DescribeDisksRequestTag, { env: 'prod' }) }, [alpha]],
      'Status Available': [{ status: 'Available' }, all],
      'Status All': [{ status: 'All' }, all],
      'Status In_use': [{ status: 'In_use' }, []],
      'Status Creating': [{ status: 'Creating' }, []],
      'no filter': [{}, all],
    };
    for (const [name, [filters, expected]] of Object.entries(cases)) {
      await t.test(name, async () => {
        assert.deepEqual(await listDiskIds(account, filters), [...expected].sort());
      });
    }
  });

  test('malformed DiskIds returns InvalidParameter', async (t) => {
    for (const diskIds of [alpha, `["${alpha}"`, '{"id":1}']) {
      await t.test(diskIds, () => assertRejectsWith(
        account.disks.describeDisks({ regionId: HANGZHOU, diskIds }),
        { code: 'InvalidParameter', statusCode: 400 }));
    }
  });

  test('DryRun returns DryRunOperation', async () => {
    await assertRejectsWith(account.disks.describeDisks({ regionId: HANGZHOU, dryRun: true }), {
      code: 'DryRunOperation',
      statusCode: 400,
    });
  });

  test('bogus NextToken returns InvalidNextToken.Malformed', async () => {
    await assertRejectsWith(
      account.disks.describeDisks({ regionId: HANGZHOU, maxResults: 2, nextToken: 'not-a-token' }),
      { code: 'InvalidNextToken.Malformed', statusCode: 400 });
  });

  test('PageNumber and PageSize page through disks', async () => {
    const owner = await newAccount({ openKms: false });
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push(await createPlainDisk(owner));
    }

    const seen = [];
    const expectedCounts = [2, 2, 1];
    for (let pageNumber = 1; pageNumber <= 3; pageNumber++) {
      const body = await owner.disks.describeDisks({ regionId: HANGZHOU, pageNumber, pageSize: 2 });
      assert.equal(body.totalCount, 5);
      assert.equal(body.pageNumber, pageNumber);
      assert.equal(body.pageSize, 2);
      assert.equal(body.disks.disk.length, expectedCounts[pageNumber - 1], `disks on page ${pageNumber}`);
      seen.push(...body.disks.disk.map((disk) => disk.diskId));
    }
    assert.deepEqual([...seen].sort(), [...created].sort());

    const beyond = await owner.disks.describeDisks({ regionId: HANGZHOU, pageNumber: 4, pageSize: 2 });
    assert.deepEqual(beyond.disks.disk, []);
    assert.equal(beyond.totalCount, 5);
  });

  test('MaxResults and NextToken page through disks', async () => {
    const owner = await newAccount({ openKms: false });
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push(await createPlainDisk(owner));
    }

    const seen = [];
    let nextToken;
    let pages = 0;
    do {
      const body = await owner.disks.describeDisks({ regionId: HANGZHOU, maxResults: 2, nextToken });
      assert.ok(body.disks.disk.length <= 2, 'at most MaxResults disks per page');
      seen.push(...body.disks.disk.map((disk) => disk.diskId));
      nextToken = body.nextToken;
      pages++;
      assert.ok(pages <= 3, 'paging ends after three pages');
    } while (nextToken !== '');

    assert.equal(pages, 3);
    assert.deepEqual([...seen].sort(), [...created].sort());
  });
});

describe('encryption of new disks', () => {
  test('default off without Encrypted gives a plain disk', async () => {
    const account = await newAccount();
    const diskId = await createPlainDisk(account);
    assert.deepEqual(await diskEncryption(account, diskId), { encrypted: false, KMSKeyId: '' });

    const explicit = await createPlainDisk(account, { encrypted: false });
    assert.deepEqual(await diskEncryption(account, explicit), { encrypted: false, KMSKeyId: '' });
  });

  test('Encrypted without key uses the service key', async () => {
    const account = await newAccount();
    const diskId = await createPlainDisk(account, { encrypted: true });
    const expectedKeyId = await serviceKeyId(account.kms);
    assert.deepEqual(await diskEncryption(account, diskId), { encrypted: true, KMSKeyId: expectedKeyId });
  });

  test('KMSKeyId without Encrypted returns NotMatchKmsKeyId', async () => {
    const account = await newAccount();
    const key = await createKey(account.kms);
    await assertRejectsWith(createPlainDisk(account, { KMSKeyId: key.KeyId }), {
      code: 'InvalidEncrypted.NotMatchKmsKeyId',
      statusCode: 400,
    });
    await assertRejectsWith(createPlainDisk(account, { KMSKeyId: key.KeyId, encrypted: false }), {
      code: 'InvalidEncrypted.NotMatchKmsKeyId',
      statusCode: 400,
    });
    assert.equal(await account.disks.countDisks(HANGZHOU), 0);
  });

  test('default on encrypts with the default key', async () => {
    const account = await newAccount();
    await account.encryption.enable(HANGZHOU);
    const key = await createKey(account.kms);
    await account.encryption.modifyKey(HANGZHOU, key.KeyId);

    const withoutFlag = await createPlainDisk(account);
    assert.deepEqual(await diskEncryption(account, withoutFlag), { encrypted: true, KMSKeyId: key.KeyId });

    const withFalse = await createPlainDisk(account, { encrypted: false });
    assert.deepEqual(await diskEncryption(account, withFalse), { encrypted: true, KMSKeyId: key.KeyId });
  });

  test('given key by id, ARN or alias is used', async (t) => {
    const account = await newAccount();
    const key = await createKey(account.kms);
    await account.kms.call('CreateAlias', { AliasName: 'alias/disk-tests', KeyId: key.KeyId });
    const references = { id: key.KeyId, ARN: key.Arn, alias: 'alias/disk-tests' };

    for (const defaultOn of [false, true]) {
      if (defaultOn) {
        await account.encryption.enable(HANGZHOU);
      }
      for (const [kind, reference] of Object.entries(references)) {
        await t.test(`${kind} with default ${defaultOn ? 'on' : 'off'}`, async () => {
          const diskId = await createPlainDisk(account, { encrypted: true, KMSKeyId: reference });
          assert.deepEqual(await diskEncryption(account, diskId), { encrypted: true, KMSKeyId: key.KeyId });
        });
      }
    }
  });

  test('default key changes apply to new disks only', async () => {
    const account = await newAccount();
    await account.encryption.enable(HANGZHOU);

    const first = await createPlainDisk(account);
    const serviceKey = await serviceKeyId(account.kms);
    assert.deepEqual(await diskEncryption(account, first), { encrypted: true, KMSKeyId: serviceKey });

    const customerKey = await createKey(account.kms);
    await account.encryption.modifyKey(HANGZHOU, customerKey.KeyId);
    const second = await createPlainDisk(account);
    assert.deepEqual(await diskEncryption(account, second), { encrypted: true, KMSKeyId: customerKey.KeyId });
    assert.deepEqual(await diskEncryption(account, first), { encrypted: true, KMSKeyId: serviceKey });

    await account.encryption.disable(HANGZHOU);
    const third = await createPlainDisk(account);
    assert.deepEqual(await diskEncryption(account, third), { encrypted: false, KMSKeyId: '' });
    assert.deepEqual(await diskEncryption(account, first), { encrypted: true, KMSKeyId: serviceKey });
    assert.deepEqual(await diskEncryption(account, second), { encrypted: true, KMSKeyId: customerKey.KeyId });
  });

  test('unusable keys are rejected and create nothing', async (t) => {
    const account = await newAccount();
    const kmsShanghai = shanghaiKms(account);
    await kmsShanghai.call('OpenKmsService');
    const shanghaiKey = await createKey(kmsShanghai);
    const rsaKey = await createKey(account.kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT/DECRYPT' });
    const disabledKey = await createKey(account.kms);
    await account.kms.call('DisableKey', { KeyId: disabledKey.KeyId });
    const pendingKey = await createKey(account.kms);
    await account.kms.call('ScheduleKeyDeletion', { KeyId: pendingKey.KeyId, PendingWindowInDays: 7 });

    const cases = {
      'unknown key': [UNKNOWN_KEY_ID, 'InvalidParameter.KMSKeyId.NotFound', 404],
      'key of another region': [shanghaiKey.KeyId, 'InvalidParameter.KMSKeyId.NotFound', 404],
      'RSA_2048 key': [rsaKey.KeyId, 'InvalidKMSKeyId.NotSymmetric', 400],
      'disabled key': [disabledKey.KeyId, 'InvalidParameter.KMSKeyId.CMKNotEnabled', 403],
      'key pending deletion': [pendingKey.KeyId, 'InvalidParameter.KMSKeyId.CMKNotEnabled', 403],
    };
    for (const [name, [keyId, code, statusCode]] of Object.entries(cases)) {
      await t.test(name, () => assertRejectsWith(
        createPlainDisk(account, { encrypted: true, KMSKeyId: keyId }), { code, statusCode }));
    }
    assert.equal(await account.disks.countDisks(HANGZHOU), 0);
  });

  test('customer key without the ECS role returns KMSUnauthorized', async () => {
    const account = await newAccount();
    const key = await createKey(account.kms);
    runCliOk(server.dataDir, ['role', 'remove', '--account', account.accountId, '--role', DISK_ENCRYPT_ROLE]);

    await assertRejectsWith(createPlainDisk(account, { encrypted: true, KMSKeyId: key.KeyId }), {
      code: 'InvalidParameter.KMSKeyId.KMSUnauthorized',
      statusCode: 403,
    });
    assert.equal(await account.disks.countDisks(HANGZHOU), 0);

    runCliOk(server.dataDir, ['role', 'add', '--account', account.accountId, '--role', DISK_ENCRYPT_ROLE]);
    const diskId = await createPlainDisk(account, { encrypted: true, KMSKeyId: key.KeyId });
    assert.deepEqual(await diskEncryption(account, diskId), { encrypted: true, KMSKeyId: key.KeyId });
  });

  test('encrypted disk before OpenKmsService returns KmsNotEnabled', async () => {
    const account = await newAccount({ openKms: false });
    await assertRejectsWith(createPlainDisk(account, { encrypted: true }), {
      code: 'InvalidParameter.KmsNotEnabled',
      statusCode: 400,
    });
    assert.equal(await account.disks.countDisks(HANGZHOU), 0);
  });
});

describe('disks from snapshots', () => {
  test('size defaults to the snapshot source size', async () => {
    const account = await newAccount({ openKms: false });
    const sourceId = await createPlainDisk(account, { diskCategory: 'cloud_essd', size: 50 });
    const snapshotId = await account.disks.createSnapshot({ diskId: sourceId });

    const diskId = await createPlainDisk(account, { diskCategory: 'cloud_essd', size: undefined, snapshotId });
    const disk = await account.disks.describeDisk(HANGZHOU, diskId);
    assert.equal(disk.size, 50);
    assert.equal(disk.sourceSnapshotId, snapshotId);

    const larger = await createPlainDisk(account, { diskCategory: 'cloud_essd', size: 80, snapshotId });
    assert.equal((await account.disks.describeDisk(HANGZHOU, larger)).size, 80);
  });

  test('size below the snapshot source returns TooSmall', async () => {
    const account = await newAccount({ openKms: false });
    const sourceId = await createPlainDisk(account, { diskCategory: 'cloud_essd', size: 50 });
    const snapshotId = await account.disks.createSnapshot({ diskId: sourceId });

    await assertRejectsWith(createPlainDisk(account, { diskCategory: 'cloud_essd', size: 40, snapshotId }), {
      code: 'InvalidDiskSize.TooSmall',
      statusCode: 403,
    });
    assert.equal(await account.disks.countDisks(HANGZHOU), 1);
  });

  test('disk from an encrypted snapshot keeps or replaces its key', async () => {
    const account = await newAccount();
    const snapshotKey = await createKey(account.kms);
    const otherKey = await createKey(account.kms);
    const sourceId = await createPlainDisk(account, {
      diskCategory: 'cloud_essd', size: 40, encrypted: true, KMSKeyId: snapshotKey.KeyId,
    });
    const snapshotId = await account.disks.createSnapshot({ diskId: sourceId });

    const kept = await createPlainDisk(account, { diskCategory: 'cloud_essd', size: undefined, snapshotId });
    assert.deepEqual(await diskEncryption(account, kept), { encrypted: true, KMSKeyId: snapshotKey.KeyId });

    const replaced = await createPlainDisk(account, {
      diskCategory: 'cloud_essd', size: undefined, snapshotId, encrypted: true, KMSKeyId: otherKey.KeyId,
    });
    assert.deepEqual(await diskEncryption(account, replaced), { encrypted: true, KMSKeyId: otherKey.KeyId });
  });

  test('basic categories cannot encrypt a plain snapshot', async (t) => {
    const account = await newAccount();
    const sourceId = await createPlainDisk(account, { size: 20 });
    const snapshotId = await account.disks.createSnapshot({ diskId: sourceId });

    for (const diskCategory of ['cloud_efficiency', 'cloud_ssd', 'cloud']) {
      await t.test(diskCategory, () => assertRejectsWith(
        createPlainDisk(account, { diskCategory, size: undefined, snapshotId, encrypted: true }),
        { code: 'NotSupportSnapshotEncrypted.DiskCategory', statusCode: 403 }));
    }
    assert.equal(await account.disks.countDisks(HANGZHOU), 1);

    const essd = await createPlainDisk(account, {
      diskCategory: 'cloud_essd', size: 20, snapshotId, encrypted: true,
    });
    const expectedKeyId = await serviceKeyId(account.kms);
    assert.deepEqual(await diskEncryption(account, essd), { encrypted: true, KMSKeyId: expectedKeyId });
  });

  test('default encryption limits categories from snapshots', async (t) => {
    const account = await newAccount();
    const plainSource = await createPlainDisk(account, { size: 20 });
    const plainSnapshot = await account.disks.createSnapshot({ diskId: plainSource });
    const encryptedSource = await createPlainDisk(account, { diskCategory: 'cloud_essd', size: 20, encrypted: true });
    const encryptedSnapshot = await account.disks.createSnapshot({ diskId: encryptedSource });
    await account.encryption.enable(HANGZHOU);
    const defaultKeyId = await account.encryption.defaultKeyId(HANGZHOU);
    const countBefore = await account.disks.countDisks(HANGZHOU);

    for (const [snapshotKind, snapshotId] of [['plain', plainSnapshot], ['encrypted', encryptedSnapshot]]) {
      for (const diskCategory of ['cloud', 'cloud_efficiency', 'cloud_ssd']) {
        await t.test(`${diskCategory} from ${snapshotKind} snapshot`, () => assertRejectsWith(
          createPlainDisk(account, { diskCategory, size: undefined, snapshotId }),
          { code: 'NotSupportSnapshotEncrypted.DiskCategory', statusCode: 403 }));
      }
    }
    assert.equal(await account.disks.countDisks(HANGZHOU), countBefore);

    for (const diskCategory of ['cloud_essd', 'cloud_essd_entry', 'cloud_auto']) {
      await t.test(`${diskCategory} from plain snapshot`, async () => {
        const diskId = await createPlainDisk(account, { diskCategory, size: 40, snapshotId: plainSnapshot });
        assert.deepEqual(await diskEncryption(account, diskId), { encrypted: true, KMSKeyId: defaultKeyId });
      });
    }
  });
});

describe('DeleteDisk, ResizeDisk and ModifyDiskAttribute', () => {
  test('DeleteDisk removes the disk', async () => {
    const account = await newAccount({ openKms: false });
    const kept = await createPlainDisk(account);
    const deleted = await createPlainDisk(account);

    await account.disks.deleteDisk(deleted);
    assert.deepEqual(await listDiskIds(account, {}), [kept]);
    await assertRejectsWith(account.disks.deleteDisk(deleted), { code: 'InvalidDiskId.NotFound', statusCode: 404 });
  });

  test('DeleteDisk of an unknown disk returns NotFound', async () => {
    const account = await newAccount({ openKms: false });
    await assertRejectsWith(account.disks.deleteDisk('d-bp0000000000000000zz'), {
      code: 'InvalidDiskId.NotFound',
      statusCode: 404,
    });
  });

  test('ResizeDisk grows the disk but never shrinks it', async () => {
    const account = await newAccount({ openKms: false });
    const diskId = await createPlainDisk(account, { diskCategory: 'cloud_essd', size: 40 });

    await account.disks.resizeDisk(diskId, 60);
    assert.equal((await account.disks.describeDisk(HANGZHOU, diskId)).size, 60);

    await assertRejectsWith(account.disks.resizeDisk(diskId, 50), {
      code: 'InvalidDiskSize.TooSmall',
      statusCode: 403,
    });
    assert.equal((await account.disks.describeDisk(HANGZHOU, diskId)).size, 60);
  });

  test('ModifyDiskAttribute changes name, description and DeleteWithInstance', async () => {
    const account = await newAccount({ openKms: false });
    const diskId = await createPlainDisk(account, { diskName: 'before', description: 'old' });

    await account.disks.modifyDiskAttribute({
      regionId: HANGZHOU,
      diskId,
      diskName: 'after',
      description: 'new description',
      deleteWithInstance: true,
    });
    const disk = await account.disks.describeDisk(HANGZHOU, diskId);
    assert.equal(disk.diskName, 'after');
    assert.equal(disk.description, 'new description');
    assert.equal(disk.deleteWithInstance, true);

    await account.disks.modifyDiskAttribute({ regionId: HANGZHOU, diskId, deleteWithInstance: false });
    const unchangedName = await account.disks.describeDisk(HANGZHOU, diskId);
    assert.equal(unchangedName.deleteWithInstance, false);
    assert.equal(unchangedName.diskName, 'after');
  });
});

describe('account isolation', () => {
  test('other account cannot see or change disks', async () => {
    const owner = await newAccount({ openKms: false });
    const diskId = await createPlainDisk(owner);
    const snapshotId = await owner.disks.createSnapshot({ diskId });
    const other = await newAccount({ openKms: false });

    assert.equal(await other.disks.countDisks(HANGZHOU), 0);
    assert.equal(await other.disks.countSnapshots(HANGZHOU), 0);
    assert.deepEqual(await listDiskIds(other, { diskIds: JSON.stringify([diskId]) }), []);

    await assertRejectsWith(other.disks.deleteDisk(diskId), { code: 'InvalidDiskId.NotFound', statusCode: 404 });
    await assertRejectsWith(other.disks.resizeDisk(diskId, 40), { code: 'InvalidDiskId.NotFound', statusCode: 404 });
    await assertRejectsWith(other.disks.createSnapshot({ diskId }), {
      code: 'InvalidDiskId.NotFound',
      statusCode: 404,
    });
    await assertRejectsWith(createPlainDisk(other, { size: undefined, snapshotId }), {
      code: 'InvalidSnapshotId.NotFound',
      statusCode: 404,
    });
    assert.equal(await other.disks.countDisks(HANGZHOU), 0);

    const disk = await owner.disks.describeDisk(HANGZHOU, diskId);
    assert.equal(disk.size, 20);
  });
});

describe('readiness delay', () => {
  test('disk and snapshot become ready after the delay', async () => {
    const delayedDataDir = createDataDir();
    const delayedServer = await startServer({
      dataDir: delayedDataDir,
      env: { ECSLOCAL_DISK_READY_MS: '1500', ECSLOCAL_SNAPSHOT_READY_MS: '1500' },
    });
    try {
      const account = await createAccount(delayedServer);
      const disks = diskActions(account.ecs);

      const diskId = await disks.createDisk({ regionId: HANGZHOU, zoneId: ZONE, size: 20 });
      assert.equal((await disks.describeDisk(HANGZHOU, diskId)).status, 'Creating');
      const creating = await disks.describeDisks({ regionId: HANGZHOU, status: 'Creating' });
      assert.deepEqual(creating.disks.disk.map((disk) => disk.diskId), [diskId]);
      await assertRejectsWith(disks.deleteDisk(diskId), { code: 'IncorrectDiskStatus', statusCode: 403 });

      const disk = await waitFor(() => disks.describeDisk(HANGZHOU, diskId), (item) => item.status !== 'Creating');
      assert.equal(disk.status, 'Available');

      const snapshotId = await disks.createSnapshot({ diskId });
      const progressing = await disks.describeSnapshot(HANGZHOU, snapshotId);
      assert.equal(progressing.status, 'progressing');
      assert.match(progressing.progress, /^\d{1,2}%$/);

      const snapshot = await waitFor(
        () => disks.describeSnapshot(HANGZHOU, snapshotId), (item) => item.status !== 'progressing');
      assert.equal(snapshot.status, 'accomplished');
      assert.equal(snapshot.progress, '100%');

      await disks.deleteDisk(diskId);
    } finally {
      await delayedServer.stop();
      removeDataDir(delayedDataDir);
    }
  });
});

/** Polls read() every 100 ms until done(result) is true, for at most 5 s, and returns the result. */
async function waitFor(read, done) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const result = await read();
    if (done(result) || Date.now() > deadline) {
      return result;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
