'use strict';

// A minimal signed RPC client (signature version 1.0, HMAC-SHA1) that prepares test data through the API,
// so the browser tests start from keys and settings the console did not create itself.

const crypto = require('node:crypto');
const http = require('node:http');

const ECS_VERSION = '2014-05-26';
const KMS_VERSION = '2016-01-20';
const RAM_VERSION = '2015-05-01';

/** Percent-encodes as the RPC signature requires: RFC 3986 unreserved characters stay, the rest become %XX. */
function percentEncode(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Sends a signed GET request to the server on 127.0.0.1 and resolves with { status, body }.
 * host is the Host header: KMS takes the region from a host of the form kms.<region>.<anything>.
 */
function call({ port, accessKeyId, secret, host }, version, action, parameters = {}) {
  const all = {
    Format: 'JSON',
    Version: version,
    AccessKeyId: accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: crypto.randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Action: action,
    ...parameters,
  };
  const canonical = Object.keys(all).sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(String(all[name]))}`).join('&');
  const stringToSign = `GET&${percentEncode('/')}&${percentEncode(canonical)}`;
  const signature = crypto.createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
  const path = `/?${canonical}&Signature=${percentEncode(signature)}`;

  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method: 'GET', headers: { Host: host } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(text) }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Calls an action and throws with the response body unless it returns HTTP 200. */
async function callOk(target, version, action, parameters) {
  const response = await call(target, version, action, parameters);
  if (response.status !== 200) {
    throw new Error(`${action} returned ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/**
 * Returns an API client for the AccessKey: ecs(action, parameters), kms(region, action, parameters) and
 * ram(action, parameters) throw unless the action succeeds. ecsCall and kmsCall resolve with { status, body } instead.
 */
function createClient(port, accessKeyId, secret) {
  const ecsTarget = { port, accessKeyId, secret, host: `127.0.0.1:${port}` };
  const kmsTarget = (region) => ({ port, accessKeyId, secret, host: `kms.${region}.localhost:${port}` });
  return {
    ecs: (action, parameters) => callOk(ecsTarget, ECS_VERSION, action, parameters),
    kms: (region, action, parameters) => callOk(kmsTarget(region), KMS_VERSION, action, parameters),
    ram: (action, parameters) => callOk(ecsTarget, RAM_VERSION, action, parameters),
    ecsCall: (action, parameters) => call(ecsTarget, ECS_VERSION, action, parameters),
    kmsCall: (region, action, parameters) => call(kmsTarget(region), KMS_VERSION, action, parameters),
  };
}

module.exports = { createClient };
