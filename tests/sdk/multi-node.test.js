'use strict';

// Two EcsLocal server processes on one PostgreSQL database, driven concurrently through the official SDKs.
// Needs ECSLOCAL_TEST_POSTGRES (start a server with `eval "$(bash .ci/postgres.sh)"`); without it the
// suite is skipped, except under CI=true, where it fails.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');

const { createDataDir, removeDataDir, startServer } = require('./support/server');
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

  test('one ClientToken on both nodes creates one disk', async () => {
    const request = () => new Ecs.CreateDiskRequest({
      regionId: 'cn-hangzhou', zoneId: 'cn-hangzhou-i', diskCategory: 'cloud_essd', size: 40, clientToken: 'shared-token-1',
    });

    const results = await Promise.all([
      first.ecs.createDisk(request()), second.ecs.createDisk(request()), first.ecs.createDisk(request()), second.ecs.createDisk(request()),
    ]);
    const listed = await second.ecs.describeDisks(new Ecs.DescribeDisksRequest({ regionId: 'cn-hangzhou' }));

    assert.equal(new Set(results.map((result) => result.body.diskId)).size, 1);
    assert.equal(listed.body.totalCount, 1);
  });
});
