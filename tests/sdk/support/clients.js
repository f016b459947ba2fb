'use strict';

// Builds official Alibaba Cloud SDK clients pointed at a local EcsLocal server, and checks SDK errors.

const assert = require('node:assert/strict');
const Ecs = require('@alicloud/ecs20140526');
const OpenApi = require('@alicloud/openapi-core');
const { RuntimeOptions } = require('@darabonba/typescript');
const { RPCClient } = require('@alicloud/pop-core');
const Kms = require('@alicloud/kms20160120');
const Ram = require('@alicloud/ram20150501');
const { ACCESS_KEY_ID, ACCESS_KEY_SECRET } = require('./server');

const ECS_VERSION = '2014-05-26';
const KMS_VERSION = '2016-01-20';
const RAM_VERSION = '2015-05-01';
const DEFAULT_REGION = 'cn-hangzhou';

// Read timeout in milliseconds for every SDK call, raised from the SDK default of 3 s for slow CI
// machines. The clients do not retry, so a hung server fails the test after this long.
const READ_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Builds an openapi-core Config for 127.0.0.1:port.
 * options: accessKeyId, accessKeySecret, signatureAlgorithm ('v2' for HMAC-SHA1, default ACS3-HMAC-SHA256).
 */
function openApiConfig(port, options = {}) {
  const config = {
    accessKeyId: options.accessKeyId ?? ACCESS_KEY_ID,
    accessKeySecret: options.accessKeySecret ?? ACCESS_KEY_SECRET,
    endpoint: `127.0.0.1:${port}`,
    protocol: 'HTTP',
    regionId: DEFAULT_REGION,
    readTimeout: READ_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
  };
  if (options.signatureAlgorithm) {
    config.signatureAlgorithm = options.signatureAlgorithm;
  }
  return new OpenApi.$OpenApiUtil.Config(config);
}

/** Creates the current-generation ECS client (@alicloud/ecs20140526). */
function createEcsClient(port, options = {}) {
  return new Ecs.default(openApiConfig(port, options));
}

/**
 * Generic RPC client on the openapi-core generic `callApi`, as the current KMS SDKs use it.
 * call() returns the parsed JSON body. callRaw() also returns the status code and headers, and
 * sends `body` parameters, if any, in an application/x-www-form-urlencoded request body.
 */
class RpcClient {
  constructor(port, version, options = {}) {
    this.version = version;
    this.client = new OpenApi.default(openApiConfig(port, options));
  }

  async callRaw(action, query = {}, body = undefined) {
    const params = new OpenApi.$OpenApiUtil.Params({
      action,
      version: this.version,
      protocol: 'HTTP',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const request = new OpenApi.$OpenApiUtil.OpenApiRequest({
      query: stringifyValues(query),
      body: body === undefined ? undefined : stringifyValues(body),
    });
    const runtime = new RuntimeOptions({ readTimeout: READ_TIMEOUT_MS, connectTimeout: CONNECT_TIMEOUT_MS });
    return this.client.callApi(params, request, runtime);
  }

  async call(action, query = {}) {
    const response = await this.callRaw(action, query);
    return response.body;
  }
}

/** Creates a generic KMS 2016-01-20 client with the ACS3-HMAC-SHA256 signature. */
function createKmsClient(port, options = {}) {
  return new RpcClient(port, KMS_VERSION, options);
}

/**
 * Creates the RAM 2015-05-01 client (@alicloud/ram20150501) for the given credentials
 * ({ accessKeyId, accessKeySecret }), by default the server's own account.
 */
function createRamClient(port, credentials = {}) {
  return new Ram.default(openApiConfig(port, credentials));
}

/** Creates a generic RAM 2015-05-01 client, for checks on the raw JSON body before the SDK casts it. */
function createRamRpcClient(port, credentials = {}) {
  return new RpcClient(port, RAM_VERSION, credentials);
}

/** Creates a generic ECS 2014-05-26 client, for checks on the raw JSON body and headers. */
function createEcsRpcClient(port, options = {}) {
  return new RpcClient(port, ECS_VERSION, options);
}

/**
 * Creates a legacy @alicloud/pop-core RPCClient (HMAC-SHA1). With verbose set, request()
 * resolves to [body, entry], and entry.response contains the status code and headers.
 */
function createPopClient(port, apiVersion, options = {}) {
  return new RPCClient({
    accessKeyId: options.accessKeyId ?? ACCESS_KEY_ID,
    accessKeySecret: options.accessKeySecret ?? ACCESS_KEY_SECRET,
    endpoint: `http://127.0.0.1:${port}`,
    apiVersion,
    opts: { timeout: READ_TIMEOUT_MS },
  }, options.verbose === true);
}

/** Creates the old-generation KMS client (@alicloud/kms20160120 1.2.0 on rpc-client, HMAC-SHA1). */
function createOldKmsClient(port, options = {}) {
  return new Kms.default({
    accessKeyId: options.accessKeyId ?? ACCESS_KEY_ID,
    accessKeySecret: options.accessKeySecret ?? ACCESS_KEY_SECRET,
    endpoint: `127.0.0.1:${port}`,
    protocol: 'HTTP',
    regionId: DEFAULT_REGION,
    readTimeout: READ_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
  });
}

// The SDKs send every parameter as a string, so numbers and booleans are converted here.
function stringifyValues(query) {
  const result = {};
  for (const [key, value] of Object.entries(query)) {
    result[key] = typeof value === 'string' ? value : String(value);
  }
  return result;
}

/** Returns the HTTP status of an error from any of the client families, or undefined. */
function errorStatus(error) {
  if (error.statusCode !== undefined) {
    return error.statusCode;
  }
  return error.entry?.response?.statusCode;
}

/**
 * Awaits a call that must fail, and checks its error code and, when given, its HTTP status.
 * Returns the error so the caller can check more fields.
 */
async function assertRejectsWith(promise, { code, statusCode }) {
  let error;
  try {
    const result = await promise;
    assert.fail(`expected error ${code}, but the call succeeded with ${JSON.stringify(result?.body ?? result)}`);
  } catch (caught) {
    if (caught instanceof assert.AssertionError) {
      throw caught;
    }
    error = caught;
  }
  assert.equal(error.code, code, `error code (message: ${error.message})`);
  if (statusCode !== undefined) {
    assert.equal(errorStatus(error), statusCode, `HTTP status of ${code}`);
  }
  return error;
}

module.exports = {
  Ecs,
  Ram,
  ECS_VERSION,
  KMS_VERSION,
  RAM_VERSION,
  DEFAULT_REGION,
  createEcsClient,
  RpcClient,
  createEcsRpcClient,
  createKmsClient,
  createRamClient,
  createRamRpcClient,
  createPopClient,
  createOldKmsClient,
  assertRejectsWith,
  errorStatus,
};
