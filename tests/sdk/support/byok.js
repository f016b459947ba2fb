'use strict';

// Bring-your-own-key import with Node's crypto module as the key owner's side.

const crypto = require('node:crypto');

/** Wraps key material with the import public key the way a key owner does: RSA-OAEP with the given hash. */
function wrapMaterial(publicKeyBase64, material, oaepHash) {
  const publicKey = crypto.createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
  return crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, material).toString('base64');
}

/**
 * Imports material into an EXTERNAL key through the KMS client: GetParametersForImport with the wrapping
 * algorithm, then ImportKeyMaterial with the material wrapped by Node's crypto. Returns the ImportKeyMaterial body.
 */
async function importMaterial(kms, keyId, material, algorithm = 'RSAES_OAEP_SHA_256', oaepHash = 'sha256') {
  const parameters = await kms.call('GetParametersForImport', {
    KeyId: keyId, WrappingAlgorithm: algorithm, WrappingKeySpec: 'RSA_2048',
  });
  return kms.call('ImportKeyMaterial', {
    KeyId: keyId,
    ImportToken: parameters.ImportToken,
    EncryptedKeyMaterial: wrapMaterial(parameters.PublicKey, material, oaepHash),
    KeyMaterialExpireUnix: '0',
  });
}

module.exports = { importMaterial };
