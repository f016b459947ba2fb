'use strict';

// Creates extra accounts through the operator CLI so that tests start from a known, isolated state.

const crypto = require('node:crypto');
const { runCliOk } = require('./server');
const { createEcsClient, createKmsClient } = require('./clients');

/** Returns a random 16-digit account id that does not start with 0. */
function randomAccountId() {
  let id = String(crypto.randomInt(1, 10));
  for (let i = 0; i < 15; i++) {
    id += String(crypto.randomInt(0, 10));
  }
  return id;
}

/**
 * Creates an account and an AccessKey for it in the server's data directory.
 * options: allowListed (default true), serviceRoles (default true), openKms (default false:
 * KMS stays not activated). Returns { accountId, accessKeyId, accessKeySecret, ecs, kms }.
 */
async function createAccount(server, { allowListed = true, serviceRoles = true, openKms = false } = {}) {
  const accountId = randomAccountId();
  const createArgs = ['account', 'create', '--account-id', accountId];
  if (!allowListed) {
    createArgs.push('--not-allow-listed');
  }
  if (!serviceRoles) {
    createArgs.push('--without-service-roles');
  }
  runCliOk(server.dataDir, createArgs);

  const accessKeyId = `LTAItest${accountId}`;
  const accessKeySecret = `secret${accountId}`;
  runCliOk(server.dataDir, [
    'access-key', 'create', '--account', accountId,
    '--access-key-id', accessKeyId, '--access-key-secret', accessKeySecret,
  ]);

  const credentials = { accessKeyId, accessKeySecret };
  const account = {
    accountId,
    accessKeyId,
    accessKeySecret,
    ecs: createEcsClient(server.port, credentials),
    kms: createKmsClient(server.port, credentials),
  };
  if (openKms) {
    await account.kms.call('OpenKmsService');
  }
  return account;
}

module.exports = { createAccount, randomAccountId };
