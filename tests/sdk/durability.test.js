'use strict';

// State written through the SDKs survives a graceful restart on the same data directory.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { createDataDir, removeDataDir, startServer } = require('./support/server');
const { createEcsClient, createKmsClient } = require('./support/clients');
const { defaultEncryption } = require('./support/ecs-actions');

const HANGZHOU = 'cn-hangzhou';
const BEIJING = 'cn-beijing';

let dataDir;
let server;

before(() => {
  dataDir = createDataDir();
});

after(async () => {
  if (server) {
    await server.stop();
  }
  removeDataDir(dataDir);
});

async function describeKey(kms, keyId) {
  const body = await kms.call('DescribeKey', { KeyId: keyId });
  return body.KeyMetadata;
}

async function listAllAliases(kms) {
  const body = await kms.call('ListAliases', { PageSize: 100 });
  return body.Aliases.Alias
    .map(({ AliasName, AliasArn, KeyId }) => ({ AliasName, AliasArn, KeyId }))
    .sort((a, b) => a.AliasName.localeCompare(b.AliasName));
}

test('keys, aliases and default encryption survive a restart', async () => {
  server = await startServer({ dataDir });
  const accountId = server.accountId;
  let kms = createKmsClient(server.port);
  let encryption = defaultEncryption(createEcsClient(server.port));

  await kms.call('OpenKmsService');
  const defaultKey = (await kms.call('CreateKey', { Description: 'disk default' })).KeyMetadata;
  const disabledKey = (await kms.call('CreateKey', { Description: 'switched off' })).KeyMetadata;
  const doomedKey = (await kms.call('CreateKey', { Description: 'to be deleted' })).KeyMetadata;
  await kms.call('DisableKey', { KeyId: disabledKey.KeyId });
  await kms.call('ScheduleKeyDeletion', { KeyId: doomedKey.KeyId, PendingWindowInDays: 30 });
  await kms.call('CreateAlias', { AliasName: 'alias/durable-default', KeyId: defaultKey.KeyId });
  await kms.call('CreateAlias', { AliasName: 'alias/durable-disabled', KeyId: disabledKey.KeyId });
  await kms.call('SetDeletionProtection', {
    ProtectedResourceArn: defaultKey.Arn,
    EnableDeletionProtection: true,
    DeletionProtectionDescription: 'default disk key',
  });

  await encryption.enable(HANGZHOU);
  const serviceKeyId = await encryption.defaultKeyId(HANGZHOU);
  await encryption.modifyKey(HANGZHOU, 'alias/durable-default');

  const keysBefore = {};
  for (const keyId of [defaultKey.KeyId, disabledKey.KeyId, doomedKey.KeyId, serviceKeyId]) {
    keysBefore[keyId] = await describeKey(kms, keyId);
  }
  const aliasesBefore = await listAllAliases(kms);
  assert.equal(aliasesBefore.length, 3);

  await server.stop();
  server = undefined;
  server = await startServer({ dataDir });
  assert.equal(server.accountId, accountId);
  kms = createKmsClient(server.port);
  encryption = defaultEncryption(createEcsClient(server.port));

  const status = await kms.call('DescribeAccountKmsStatus');
  assert.equal(status.AccountStatus, 'Enabled');

  for (const [keyId, metadata] of Object.entries(keysBefore)) {
    assert.deepEqual(await describeKey(kms, keyId), metadata, `KeyMetadata of ${keyId}`);
  }
  assert.equal(keysBefore[defaultKey.KeyId].DeletionProtection, 'Enabled');
  assert.equal(keysBefore[disabledKey.KeyId].KeyState, 'Disabled');
  assert.equal(keysBefore[doomedKey.KeyId].KeyState, 'PendingDeletion');
  assert.equal(keysBefore[serviceKeyId].Creator, 'Ecs');

  const listed = await kms.call('ListKeys', { PageSize: 100 });
  assert.equal(listed.TotalCount, 4);

  assert.deepEqual(await listAllAliases(kms), aliasesBefore);
  assert.equal((await describeKey(kms, 'alias/durable-default')).KeyId, defaultKey.KeyId);
  assert.equal((await describeKey(kms, 'alias/acs/ecs')).KeyId, serviceKeyId);

  assert.equal(await encryption.isEnabled(HANGZHOU), true);
  assert.equal(await encryption.defaultKeyId(HANGZHOU), defaultKey.KeyId);
  assert.equal(await encryption.isEnabled(BEIJING), false);
  assert.equal(await encryption.defaultKeyId(BEIJING), '');

  // The restored state still drives behaviour, not just Describe output.
  await encryption.resetKey(HANGZHOU);
  assert.equal(await encryption.defaultKeyId(HANGZHOU), serviceKeyId);
});

test('fixed account id is kept across restarts', async () => {
  const fixedDir = createDataDir();
  let fixedServer;
  try {
    fixedServer = await startServer({ dataDir: fixedDir, accountId: '1234567890123456' });
    assert.equal(fixedServer.accountId, '1234567890123456');
    await createKmsClient(fixedServer.port).call('OpenKmsService');
    await fixedServer.stop();

    fixedServer = await startServer({ dataDir: fixedDir });
    assert.equal(fixedServer.accountId, '1234567890123456');
    const status = await createKmsClient(fixedServer.port).call('DescribeAccountKmsStatus');
    assert.equal(status.AccountStatus, 'Enabled');
  } finally {
    if (fixedServer) {
      await fixedServer.stop();
    }
    removeDataDir(fixedDir);
  }
});
