'use strict';

// KMS cryptography and bring-your-own-key import, with Node's crypto module as the key owner's side.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const { createDataDir, removeDataDir, startServer } = require('./support/server');
const { assertRejectsWith } = require('./support/clients');
const { createAccount } = require('./support/accounts');
const { importMaterial } = require('./support/byok');

let server;
let dataDir;
let owner;

before(async () => {
  dataDir = createDataDir();
  server = await startServer({ dataDir });
  owner = await createAccount(server, { openKms: true });
});

after(async () => {
  if (server) {
    await server.stop();
  }
  removeDataDir(dataDir);
});

describe('symmetric encryption', () => {
  test('Encrypt and Decrypt round trip with context', async () => {
    const key = (await owner.kms.call('CreateKey')).KeyMetadata;
    const plaintext = Buffer.from('volume data key').toString('base64');

    const sealed = await owner.kms.call('Encrypt', { KeyId: key.KeyId, Plaintext: plaintext, EncryptionContext: JSON.stringify({ disk: 'd-1' }) });
    const opened = await owner.kms.call('Decrypt', { CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: JSON.stringify({ disk: 'd-1' }) });

    assert.equal(sealed.KeyId, key.KeyId);
    assert.equal(sealed.KeyVersionId, key.PrimaryKeyVersion);
    assert.equal(opened.Plaintext, plaintext);
    await assertRejectsWith(
      owner.kms.call('Decrypt', { CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: JSON.stringify({ disk: 'd-2' }) }),
      { code: 'InvalidCiphertext', statusCode: 400 });
  });

  test('GenerateDataKey returns a key that decrypts to the same bytes', async () => {
    const key = (await owner.kms.call('CreateKey')).KeyMetadata;

    const dataKey = await owner.kms.call('GenerateDataKey', { KeyId: key.KeyId, NumberOfBytes: '32' });
    const opened = await owner.kms.call('Decrypt', { CiphertextBlob: dataKey.CiphertextBlob });

    assert.equal(Buffer.from(dataKey.Plaintext, 'base64').length, 32);
    assert.equal(opened.Plaintext, dataKey.Plaintext);
  });
});

describe('bring your own key', () => {
  test('imported material encrypts data a local AES-GCM key cannot read', async () => {
    const key = (await owner.kms.call('CreateKey', { Origin: 'EXTERNAL' })).KeyMetadata;
    const material = crypto.randomBytes(32);

    assert.equal(key.KeyState, 'PendingImport');
    await importMaterial(owner.kms, key.KeyId, material, 'RSAES_OAEP_SHA_256', 'sha256');
    const described = (await owner.kms.call('DescribeKey', { KeyId: key.KeyId })).KeyMetadata;
    const sealed = await owner.kms.call('Encrypt', { KeyId: key.KeyId, Plaintext: Buffer.from('secret').toString('base64') });
    const opened = await owner.kms.call('Decrypt', { CiphertextBlob: sealed.CiphertextBlob });

    assert.equal(described.KeyState, 'Enabled');
    assert.equal(Buffer.from(opened.Plaintext, 'base64').toString(), 'secret');
  });

  test('SHA-1 wrapping works and other material is refused on re-import', async () => {
    const key = (await owner.kms.call('CreateKey', { Origin: 'EXTERNAL' })).KeyMetadata;
    const material = crypto.randomBytes(32);
    await importMaterial(owner.kms, key.KeyId, material, 'RSAES_OAEP_SHA_1', 'sha1');

    await owner.kms.call('DeleteKeyMaterial', { KeyId: key.KeyId });
    const pending = (await owner.kms.call('DescribeKey', { KeyId: key.KeyId })).KeyMetadata;

    assert.equal(pending.KeyState, 'PendingImport');
    await assertRejectsWith(importMaterial(owner.kms, key.KeyId, crypto.randomBytes(32), 'RSAES_OAEP_SHA_1', 'sha1'), { code: 'InvalidKeyMaterial', statusCode: 400 });
    await importMaterial(owner.kms, key.KeyId, material, 'RSAES_OAEP_SHA_1', 'sha1');
    assert.equal((await owner.kms.call('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.KeyState, 'Enabled');
  });

  test('material wrapped with the wrong hash or length is invalid', async () => {
    const key = (await owner.kms.call('CreateKey', { Origin: 'EXTERNAL' })).KeyMetadata;

    await assertRejectsWith(importMaterial(owner.kms, key.KeyId, crypto.randomBytes(32), 'RSAES_OAEP_SHA_256', 'sha1'), { code: 'InvalidKeyMaterial', statusCode: 400 });
    await assertRejectsWith(importMaterial(owner.kms, key.KeyId, crypto.randomBytes(16), 'RSAES_OAEP_SHA_256', 'sha256'), { code: 'InvalidKeyMaterial', statusCode: 400 });
    await assertRejectsWith(
      owner.kms.call('ImportKeyMaterial', { KeyId: key.KeyId, ImportToken: 'bm8=', EncryptedKeyMaterial: 'AAAA', KeyMaterialExpireUnix: '0' }),
      { code: 'InvalidImportToken', statusCode: 400 });
  });
});
