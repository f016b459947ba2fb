'use strict';

// Gateway behaviour shared by ECS and KMS: routing on Version and Action, both signature styles,
// AccessKey checks and the JSON response layout, seen through every client family.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { createDataDir, removeDataDir, startServer, runCliOk } = require('./support/server');
const {
  Ecs,
  ECS_VERSION,
  KMS_VERSION,
  createEcsClient,
  createEcsRpcClient,
  createKmsClient,
  createPopClient,
  createOldKmsClient,
  assertRejectsWith,
  errorStatus,
  RpcClient,
} = require('./support/clients');
const Kms = require('@alicloud/kms20160120');

const REGION = 'cn-hangzhou';
const UPPER_UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const LOWER_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JSON_CONTENT_TYPE = 'application/json;charset=utf-8';
const WRONG_SECRET = { accessKeySecret: 'not-the-secret' };
const UNKNOWN_KEY = { accessKeyId: 'LTAInobodyHasThisKey', accessKeySecret: 'whatever' };

let server;
let dataDir;

before(async () => {
  dataDir = createDataDir();
  server = await startServer({ dataDir });
  await createKmsClient(server.port).call('OpenKmsService');
});

after(async () => {
  if (server) {
    await server.stop();
  }
  removeDataDir(dataDir);
});

function statusRequest() {
  return new Ecs.DescribeDiskEncryptionByDefaultStatusRequest({ regionId: REGION });
}

/** Returns one cheap call per client family (ECS, pop-core, KMS) made with the given credentials. */
function ecsCallsWith(credentials) {
  return {
    'ECS client, ACS3-HMAC-SHA256': () =>
      createEcsClient(server.port, credentials).describeDiskEncryptionByDefaultStatus(statusRequest()),
    'ECS client, HMAC-SHA1': () =>
      createEcsClient(server.port, { ...credentials, signatureAlgorithm: 'v2' })
        .describeDiskEncryptionByDefaultStatus(statusRequest()),
    'pop-core GET': () =>
      createPopClient(server.port, ECS_VERSION, credentials)
        .request('DescribeDiskEncryptionByDefaultStatus', { RegionId: REGION }),
    'pop-core POST': () =>
      createPopClient(server.port, ECS_VERSION, credentials)
        .request('DescribeDiskEncryptionByDefaultStatus', { RegionId: REGION }, { method: 'POST' }),
    'KMS generic client, ACS3-HMAC-SHA256': () =>
      createKmsClient(server.port, credentials).call('DescribeAccountKmsStatus'),
  };
}

describe('routing', () => {
  test('unknown ECS action returns InvalidAction.NotFound', async (t) => {
    const calls = {
      'pop-core': () => createPopClient(server.port, ECS_VERSION).request('DescribeNothingAtAll', {}),
      'generic client': () => createEcsRpcClient(server.port).call('DescribeNothingAtAll'),
    };
    for (const [name, call] of Object.entries(calls)) {
      await t.test(name, async () => {
        const error = await assertRejectsWith(call(), { code: 'InvalidAction.NotFound', statusCode: 404 });
        assert.equal(error.data.Message, 'Specified api is not found, please check your url and method.');
      });
    }
  });

  test('unknown KMS action returns InvalidAction.NotFound', async () => {
    await assertRejectsWith(createKmsClient(server.port).call('DescribeNothingAtAll'), {
      code: 'InvalidAction.NotFound',
      statusCode: 404,
    });
  });

  test('unknown version returns InvalidVersion', async (t) => {
    const calls = {
      'pop-core': () => createPopClient(server.port, '2099-01-01').request('DescribeRegions', {}),
      'generic client': () => new RpcClient(server.port, '1999-09-09').call('DescribeRegions'),
    };
    for (const [name, call] of Object.entries(calls)) {
      await t.test(name, async () => {
        const error = await assertRejectsWith(call(), { code: 'InvalidVersion', statusCode: 400 });
        assert.equal(error.data.Message, 'Specified parameter Version is not valid.');
      });
    }
  });

  test('ECS and KMS share the port by Version', async () => {
    const ecsBody = await createPopClient(server.port, ECS_VERSION).request('DescribeRegions', {});
    assert.equal(ecsBody.Regions.Region.length, 29);
    assert.equal(typeof ecsBody.Regions.Region[0].RegionEndpoint, 'string');

    // KMS DescribeRegions lists region ids only, so no RegionEndpoint means KMS served the request.
    const kmsBody = await createPopClient(server.port, KMS_VERSION).request('DescribeRegions', {});
    assert.equal(kmsBody.Regions.Region.some((region) => region.RegionId === REGION), true);
    assert.equal(kmsBody.Regions.Region[0].RegionEndpoint, undefined);
  });
});

describe('signatures and AccessKeys', () => {
  test('every client family is accepted with the right secret', async (t) => {
    for (const [name, call] of Object.entries(ecsCallsWith({}))) {
      await t.test(name, () => call());
    }
    await t.test('old KMS client, HMAC-SHA1', async () => {
      const response = await createOldKmsClient(server.port).describeRegions(new Kms.DescribeRegionsRequest({}));
      assert.equal(response.regions.region.some((region) => region.regionId === REGION), true);
    });
  });

  test('wrong secret returns SignatureDoesNotMatch', async (t) => {
    for (const [name, call] of Object.entries(ecsCallsWith(WRONG_SECRET))) {
      await t.test(name, () => assertRejectsWith(call(), { code: 'SignatureDoesNotMatch', statusCode: 400 }));
    }
    await t.test('old KMS client, HMAC-SHA1', async () => {
      const error = await assertRejectsWith(
        createOldKmsClient(server.port, WRONG_SECRET).describeRegions(new Kms.DescribeRegionsRequest({})),
        { code: 'SignatureDoesNotMatchError' });
      assert.equal(error.data.Code, 'SignatureDoesNotMatch');
    });
  });

  test('unknown AccessKeyId returns InvalidAccessKeyId.NotFound', async (t) => {
    for (const [name, call] of Object.entries(ecsCallsWith(UNKNOWN_KEY))) {
      await t.test(name, () => assertRejectsWith(call(), {
        code: 'InvalidAccessKeyId.NotFound',
        statusCode: 404,
      }));
    }
  });

  test('disabled AccessKey returns InvalidAccessKeyId.Inactive', async (t) => {
    const accountList = runCliOk(server.dataDir, ['account', 'list']).stdout;
    assert.match(accountList, new RegExp(`^${server.accountId}\\s`, 'm'));
    const credentials = { accessKeyId: 'LTAIprotocolSwitch', accessKeySecret: 'switch-secret' };
    runCliOk(server.dataDir, [
      'access-key', 'create', '--account', server.accountId,
      '--access-key-id', credentials.accessKeyId, '--access-key-secret', credentials.accessKeySecret,
    ]);
    await createEcsClient(server.port, credentials).describeDiskEncryptionByDefaultStatus(statusRequest());

    runCliOk(server.dataDir, ['access-key', 'disable', '--access-key-id', credentials.accessKeyId]);
    for (const [name, call] of Object.entries(ecsCallsWith(credentials))) {
      await t.test(name, () => assertRejectsWith(call(), {
        code: 'InvalidAccessKeyId.Inactive',
        statusCode: 400,
      }));
    }

    runCliOk(server.dataDir, ['access-key', 'enable', '--access-key-id', credentials.accessKeyId]);
    const response = await createEcsClient(server.port, credentials)
      .describeDiskEncryptionByDefaultStatus(statusRequest());
    assert.equal(response.body.encrypted, false);
  });
});

describe('request parameters', () => {
  test('form body parameters are read', async () => {
    const ecs = createEcsRpcClient(server.port);
    const ok = await ecs.callRaw('DescribeDiskEncryptionByDefaultStatus', {}, { RegionId: REGION });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.body.Encrypted, false);

    await assertRejectsWith(
      ecs.callRaw('DescribeDiskEncryptionByDefaultStatus', {}, { RegionId: 'xx-nowhere-1' }),
      { code: 'InvalidParameter.RegionIdNotExists', statusCode: 403 });
  });

  test('missing RegionId message names the parameter', async () => {
    const error = await assertRejectsWith(createEcsRpcClient(server.port).call('DescribeDiskEncryptionByDefaultStatus'), {
      code: 'MissingParameter',
      statusCode: 400,
    });
    assert.equal(
      error.data.Message,
      'The input parameter "RegionId" that is mandatory for processing this request is not supplied.');
  });
});

describe('response layout', () => {
  test('ECS success body has an upper-case RequestId and no Code', async () => {
    const response = await createEcsRpcClient(server.port).callRaw('DescribeDiskEncryptionByDefaultStatus', {
      RegionId: REGION,
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], JSON_CONTENT_TYPE);
    assert.match(response.body.RequestId, UPPER_UUID);
    assert.equal(response.body.Code, undefined);
    assert.equal(response.body.Encrypted, false);
  });

  test('KMS success body has a lower-case RequestId and no Code', async () => {
    const response = await createKmsClient(server.port).callRaw('DescribeAccountKmsStatus');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], JSON_CONTENT_TYPE);
    assert.match(response.body.RequestId, LOWER_UUID);
    assert.equal(response.body.Code, undefined);
    assert.equal(response.body.AccountStatus, 'Enabled');
  });

  test('pop-core success responses are JSON without Code', async (t) => {
    const cases = [
      ['ECS GET', ECS_VERSION, 'DescribeDiskEncryptionByDefaultStatus', { RegionId: REGION }, 'GET'],
      ['ECS POST', ECS_VERSION, 'DescribeDiskEncryptionByDefaultStatus', { RegionId: REGION }, 'POST'],
      ['KMS GET', KMS_VERSION, 'DescribeAccountKmsStatus', {}, 'GET'],
      ['KMS POST', KMS_VERSION, 'DescribeAccountKmsStatus', {}, 'POST'],
    ];
    for (const [name, version, action, params, method] of cases) {
      await t.test(name, async () => {
        const client = createPopClient(server.port, version, { verbose: true });
        const [body, entry] = await client.request(action, params, { method });
        assert.equal(entry.response.statusCode, 200);
        assert.equal(entry.response.headers['content-type'], JSON_CONTENT_TYPE);
        assert.equal(body.Code, undefined);
        assert.match(body.RequestId, version === ECS_VERSION ? UPPER_UUID : LOWER_UUID);
      });
    }
  });

  test('error bodies carry RequestId, HostId, Code, Message and Recommend', async (t) => {
    const cases = [
      ['ECS', ECS_VERSION, 'DescribeDiskEncryptionByDefaultStatus', { RegionId: 'xx-nowhere-1' },
        'InvalidParameter.RegionIdNotExists', 403, UPPER_UUID],
      ['KMS', KMS_VERSION, 'DescribeKey', { KeyId: '00000000-0000-4000-8000-000000000000' },
        'Forbidden.KeyNotFound', 404, LOWER_UUID],
    ];
    for (const [name, version, action, params, code, statusCode, requestIdPattern] of cases) {
      await t.test(name, async () => {
        const client = createPopClient(server.port, version);
        const error = await assertRejectsWith(client.request(action, params), { code, statusCode });
        assert.equal(error.entry.response.headers['content-type'], JSON_CONTENT_TYPE);
        const body = error.data;
        assert.match(body.RequestId, requestIdPattern);
        assert.equal(body.Code, code);
        for (const field of ['HostId', 'Message', 'Recommend']) {
          assert.equal(typeof body[field], 'string', `${field} type`);
          assert.notEqual(body[field], '', `${field} is empty`);
        }
        assert.equal(errorStatus(error), statusCode);
      });
    }
  });
});
