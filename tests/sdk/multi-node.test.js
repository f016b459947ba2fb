'use strict';

// Two EcsLocal server processes on one PostgreSQL database, driven concurrently through the official SDKs.
// Needs ECSLOCAL_TEST_POSTGRES (start a server with `eval "$(bash .ci/postgres.sh)"`); without it the
// suite is skipped, except under CI=true, where it fails.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');

const http = require('node:http');
const { ACCESS_KEY_ID, ACCESS_KEY_SECRET, createDataDir, removeDataDir, startServer } = require('./support/server');
const { Ecs, createEcsClient, createKmsClient } = require('./support/clients');

const connection = process.env.ECSLOCAL_TEST_POSTGRES;
if (!connection && process.env.CI === 'true') {
  throw new Error('ECSLOCAL_TEST_POSTGRES is not set; CI requires the multi-node tests. Run: eval "$(bash .ci/postgres.sh)"');
}

/** Reads Host, Port, Username and Password of an Npgsql connection string. */
function parseConnection(text) {
  const fields = Object.fromEntries(text.split(';').filter(Boolean).map((part) => {
    const index = part.indexOf('=');
    return [part.slice(0, index).trim().toLowerCase(), part.slice(index + 1).trim()];
  }));
  return { host: fields.host, port: fields.port, user: fields.username, password: fields.password };
}

function psql(sql) {
  const { host, port, user, password } = parseConnection(connection);
  execFileSync('psql', ['-h', host, '-p', port, '-U', user, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql],
    { env: { ...process.env, PGPASSWORD: password }, timeout: 30_000 });
}

/** Encodes as both signature styles require: RFC 3986, with !'()* escaped too. */
function rfc3986(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Sends DescribeRegions signed with HMAC-SHA1 and a chosen nonce, and resolves with the status and body. */
function describeRegionsWithNonce(port, nonce) {
  const params = {
    AccessKeyId: ACCESS_KEY_ID, Action: 'DescribeRegions', Format: 'JSON', SignatureMethod: 'HMAC-SHA1', SignatureNonce: nonce,
    SignatureVersion: '1.0', Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), Version: '2014-05-26',
  };
  const canonical = Object.keys(params).sort().map((key) => `${rfc3986(key)}=${rfc3986(params[key])}`).join('&');
  const signature = crypto.createHmac('sha1', `${ACCESS_KEY_SECRET}&`).update(`GET&%2F&${rfc3986(canonical)}`).digest('base64');
  const path = `/?${canonical}&Signature=${rfc3986(signature)}`;
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, timeout: 10_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(body) }));
    });
    request.on('timeout', () => request.destroy(new Error('request timed out')));
    request.on('error', reject);
  });
}

describe('two nodes on one PostgreSQL database', { skip: connection ? false : 'ECSLOCAL_TEST_POSTGRES is not set' }, () => {
  const database = `ecslocal_nodes_${crypto.randomBytes(6).toString('hex')}`;
  const dataDirs = [];
  const servers = [];
  let first;
  let second;

  before(async () => {
    psql(`CREATE DATABASE ${database}`);
    const env = {
      ECSLOCAL_POSTGRES: `${connection.replace(/Database=[^;]*/i, '')};Database=${database}`,
      ECSLOCAL_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
      ECSLOCAL_DISK_READY_MS: '0',
    };
    for (let node = 0; node < 2; node++) {
      dataDirs.push(createDataDir());
      servers.push(await startServer({ dataDir: dataDirs[node], env }));
    }
    first = { ecs: createEcsClient(servers[0].port), kms: createKmsClient(servers[0].port) };
    second = { ecs: createEcsClient(servers[1].port), kms: createKmsClient(servers[1].port) };
    await first.kms.call('OpenKmsService');
  });

  after(async () => {
    for (const server of servers) {
      await server.stop();
    }
    dataDirs.forEach(removeDataDir);
    psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  test('both nodes serve the same account', () => {
    assert.equal(servers[0].accountId, servers[1].accountId);
  });

  test('a key created on one node is used on the other', async () => {
    const key = (await first.kms.call('CreateKey', { Description: 'made on node 1' })).KeyMetadata;

    const described = (await second.kms.call('DescribeKey', { KeyId: key.KeyId })).KeyMetadata;

    assert.equal(described.Description, 'made on node 1');
  });

  test('concurrent enable succeeds on exactly one node', async () => {
    const request = () => new Ecs.EnableDiskEncryptionByDefaultRequest({ regionId: 'cn-hangzhou' });

    const results = await Promise.allSettled([
      first.ecs.enableDiskEncryptionByDefault(request()),
      second.ecs.enableDiskEncryptionByDefault(request()),
    ]);

    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
    const rejected = results.find((result) => result.status === 'rejected');
    assert.equal(rejected.reason.code, 'InvalidOperation.DefaultEncryptionAlreadyEnabled');
    assert.equal(rejected.reason.statusCode, 403);
  });

  test('a nonce used on one node is rejected on the other', async () => {
    const nonce = crypto.randomBytes(16).toString('hex');

    const used = await describeRegionsWithNonce(servers[0].port, nonce);
    const replayed = await describeRegionsWithNonce(servers[1].port, nonce);

    assert.equal(used.status, 200);
    assert.equal(replayed.status, 400);
    assert.equal(replayed.body.Code, 'SignatureNonceUsed');
  });

  test('DisableKey racing CreateDisk leaves no disk created after the disable', async () => {
    const key = (await first.kms.call('CreateKey')).KeyMetadata;
    const request = () => new Ecs.CreateDiskRequest({
      regionId: 'cn-hangzhou', zoneId: 'cn-hangzhou-i', diskCategory: 'cloud_essd', size: 40, encrypted: true, KMSKeyId: key.KeyId,
    });

    const creates = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? first : second).ecs.createDisk(request()));
    const disable = second.kms.call('DisableKey', { KeyId: key.KeyId });
    const results = await Promise.allSettled(creates);
    await disable;
    const listed = await first.ecs.describeDisks(new Ecs.DescribeDisksRequest({ regionId: 'cn-hangzhou', KMSKeyId: key.KeyId, pageSize: 100 }));

    for (const result of results.filter((item) => item.status === 'rejected')) {
      assert.equal(result.reason.code, 'InvalidParameter.KMSKeyId.CMKNotEnabled');
    }
    assert.equal(listed.body.totalCount, results.filter((item) => item.status === 'fulfilled').length);
    await assert.rejects(first.ecs.createDisk(request()), { code: 'InvalidParameter.KMSKeyId.CMKNotEnabled' });
  });

  test('one ClientToken on both nodes creates one disk', async () => {
    // This account has no other disk in cn-shanghai, so its TotalCount counts only this test's disks.
    const request = () => new Ecs.CreateDiskRequest({
      regionId: 'cn-shanghai', zoneId: 'cn-shanghai-b', diskCategory: 'cloud_essd', size: 40, clientToken: 'shared-token-1',
    });

    const results = await Promise.all([
      first.ecs.createDisk(request()), second.ecs.createDisk(request()), first.ecs.createDisk(request()), second.ecs.createDisk(request()),
    ]);
    const listed = await second.ecs.describeDisks(new Ecs.DescribeDisksRequest({ regionId: 'cn-shanghai' }));

    assert.equal(new Set(results.map((result) => result.body.diskId)).size, 1);
    assert.equal(listed.body.totalCount, 1);
  });
});
