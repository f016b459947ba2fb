'use strict';

// RAM 2015-05-01 management actions driven through the official @alicloud/ram20150501 client,
// signed with each account's own AccessKey. Raw-body checks use the openapi-core generic client,
// whose response is the JSON as sent, before the SDK converts types.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { createDataDir, removeDataDir, startServer } = require('./support/server');
const {
  Ecs,
  Ram,
  createEcsClient,
  createRamClient,
  createRamRpcClient,
  assertRejectsWith,
} = require('./support/clients');
const { createAccount } = require('./support/accounts');
const { READY_AT_ONCE_ENV, diskActions } = require('./support/disk-actions');

const REGION = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-h';
const DISK_ENCRYPT_ROLE = 'AliyunECSDiskEncryptDefaultRole';
const SHARE_IMAGE_ROLE = 'AliyunECSShareEncryptImageDefaultRole';
const ECS_TRUST_POLICY =
  '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com"]}}],"Version":"1"}';
const ECS_ROLE_DESCRIPTION = 'ECS will use this role to access your resources in other services.';
const SYSTEM_POLICY_NAMES = [
  'AdministratorAccess',
  'AliyunECSFullAccess',
  'AliyunECSReadOnlyAccess',
  'AliyunKMSFullAccess',
  'AliyunKMSReadOnlyAccess',
  'AliyunRAMFullAccess',
  'AliyunRAMReadOnlyAccess',
];
const READ_ONLY_DOCUMENT =
  '{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:Describe*","Resource":"*"}]}';

const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const SIXTEEN_DIGITS = /^[1-9]\d{15}$/;
const REQUEST_ID_PATTERN = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
// Allowed distance in milliseconds between a server timestamp and the test's own clock.
const CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

const MISSING_MESSAGE = (name) =>
  `The input parameter "${name}" that is mandatory for processing this request is not supplied.`;

let server;
let dataDir;

before(async () => {
  dataDir = createDataDir();
  server = await startServer({ dataDir, env: READY_AT_ONCE_ENV });
});

after(async () => {
  if (server) {
    await server.stop();
  }
  removeDataDir(dataDir);
});

/**
 * Creates an isolated account with RAM clients: `ram` is the SDK client and `raw` the generic
 * client that returns the JSON body as sent.
 */
async function newAccount(options = {}) {
  const account = await createAccount(server, options);
  const credentials = { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret };
  account.ram = createRamClient(server.port, credentials);
  account.raw = createRamRpcClient(server.port, credentials);
  return account;
}

function assertTimeNear(timestamp, expectedMs, label) {
  assert.match(timestamp, TIMESTAMP_PATTERN, `${label} format`);
  const distance = Math.abs(Date.parse(timestamp) - expectedMs);
  assert.ok(distance <= CLOCK_TOLERANCE_MS, `${label} ${timestamp} is ${distance} ms from the expected time`);
}

/** Checks a rejected call's code, HTTP status and, when given, its exact message. */
async function assertRamError(promise, code, statusCode, message = undefined) {
  const error = await assertRejectsWith(promise, { code, statusCode });
  if (message !== undefined) {
    assert.equal(error.data.Message, message, `message of ${code}`);
  }
  return error;
}

const createUser = (ram, fields) => ram.createUser(new Ram.CreateUserRequest(fields));
const getUser = (ram, userName) => ram.getUser(new Ram.GetUserRequest({ userName }));
const listUsers = (ram, fields = {}) => ram.listUsers(new Ram.ListUsersRequest(fields));
const deleteUser = (ram, userName) => ram.deleteUser(new Ram.DeleteUserRequest({ userName }));
const createAccessKey = (ram, fields = {}) => ram.createAccessKey(new Ram.CreateAccessKeyRequest(fields));
const listAccessKeys = (ram, fields = {}) => ram.listAccessKeys(new Ram.ListAccessKeysRequest(fields));
const updateAccessKey = (ram, fields) => ram.updateAccessKey(new Ram.UpdateAccessKeyRequest(fields));
const deleteAccessKey = (ram, fields) => ram.deleteAccessKey(new Ram.DeleteAccessKeyRequest(fields));
const createPolicy = (ram, fields) => ram.createPolicy(new Ram.CreatePolicyRequest(fields));
const getPolicy = (ram, policyType, policyName) => ram.getPolicy(new Ram.GetPolicyRequest({ policyType, policyName }));
const listPolicies = (ram, fields = {}) => ram.listPolicies(new Ram.ListPoliciesRequest(fields));
const deletePolicy = (ram, fields) => ram.deletePolicy(new Ram.DeletePolicyRequest(fields));
const attachPolicy = (ram, fields) => ram.attachPolicyToUser(new Ram.AttachPolicyToUserRequest(fields));
const detachPolicy = (ram, fields) => ram.detachPolicyFromUser(new Ram.DetachPolicyFromUserRequest(fields));
const listPoliciesForUser = (ram, userName) =>
  ram.listPoliciesForUser(new Ram.ListPoliciesForUserRequest({ userName }));
const createRole = (ram, fields) => ram.createRole(new Ram.CreateRoleRequest(fields));
const getRole = (ram, roleName) => ram.getRole(new Ram.GetRoleRequest({ roleName }));
const listRoles = (ram, fields = {}) => ram.listRoles(new Ram.ListRolesRequest(fields));
const deleteRole = (ram, roleName) => ram.deleteRole(new Ram.DeleteRoleRequest({ roleName }));

/** Follows Marker through every page of a List action and returns the pages' bodies. */
async function collectPages(list, maxItems) {
  const pages = [];
  let marker;
  for (;;) {
    const response = await list({ maxItems, marker });
    pages.push(response.body);
    if (!response.body.isTruncated) {
      return pages;
    }
    assert.equal(typeof response.body.marker, 'string', 'a truncated page returns a Marker');
    marker = response.body.marker;
  }
}

describe('users', () => {
  test('CreateUser and GetUser fields', async () => {
    const account = await newAccount();
    const startedMs = Date.now();
    const created = await createUser(account.ram, {
      userName: 'alice', displayName: 'Alice Smith', comments: 'cloud engineer',
    });

    assert.match(created.body.requestId, REQUEST_ID_PATTERN);
    const user = created.body.user;
    assert.equal(user.userName, 'alice');
    assert.equal(user.displayName, 'Alice Smith');
    assert.equal(user.comments, 'cloud engineer');
    assert.match(user.userId, SIXTEEN_DIGITS);
    assertTimeNear(user.createDate, startedMs, 'CreateDate');

    const fetched = await account.raw.call('GetUser', { UserName: 'alice' });
    assert.deepEqual(Object.keys(fetched).sort(), ['RequestId', 'User']);
    assert.deepEqual(fetched.User, {
      UserId: user.userId,
      UserName: 'alice',
      DisplayName: 'Alice Smith',
      Comments: 'cloud engineer',
      CreateDate: user.createDate,
      UpdateDate: user.createDate,
    });
  });

  test('DisplayName defaults to UserName', async () => {
    const account = await newAccount();
    const created = await createUser(account.ram, { userName: 'bob.ops_1', mobilePhone: '86-18600000000', email: 'bob@example.com' });
    assert.equal(created.body.user.displayName, 'bob.ops_1');
    assert.equal(created.body.user.comments, '');
    assert.equal(created.body.user.mobilePhone, undefined);
    assert.equal(created.body.user.email, undefined);
  });

  test('CreateUser twice returns EntityAlreadyExists.User', async () => {
    const account = await newAccount();
    await createUser(account.ram, { userName: 'carol' });
    const error = await assertRamError(
      createUser(account.ram, { userName: 'carol' }), 'EntityAlreadyExists.User', 409, 'The user does already EXIST.');
    assert.equal(error.data.HostId, 'ram.aliyuncs.com');
  });

  test('CreateUser rejects invalid parameters', async (t) => {
    const account = await newAccount();
    const cases = {
      'missing UserName': [{ displayName: 'x' }, 'MissingParameter', MISSING_MESSAGE('UserName')],
      'missing UserName before a bad DisplayName': [{ displayName: 'a<b' }, 'MissingParameter', MISSING_MESSAGE('UserName')],
      'UserName of 65 characters': [
        { userName: 'u'.repeat(65) }, 'InvalidParameter.UserName.Length', 'The parameter - "UserName" beyond the length limit.'],
      'UserName with a space': [
        { userName: 'bad name' }, 'InvalidParameter.UserName.InvalidChars', 'The parameter - "UserName" contains invalid chars.'],
      'UserName with a slash': [{ userName: 'a/b' }, 'InvalidParameter.UserName.InvalidChars', undefined],
      'DisplayName of 129 characters': [
        { userName: 'dave', displayName: 'd'.repeat(129) }, 'InvalidParameter.DisplayName.Length',
        'The parameter - "DisplayName" beyond the length limit.'],
      'DisplayName with <': [
        { userName: 'dave', displayName: 'a<b' }, 'InvalidParameter.DisplayName.InvalidChars',
        'The parameter - "DisplayName" contains invalid chars.'],
      'MobilePhone without country code': [
        { userName: 'dave', mobilePhone: '18600000000' }, 'InvalidParameter.MobilePhone.Format',
        'The format of the parameter - "MobilePhone" is incorrect.'],
      'Email without @': [
        { userName: 'dave', email: 'dave.example.com' }, 'InvalidParameter.Email.Format',
        'The format of the parameter - "Email" is incorrect.'],
      'Comments of 129 characters': [
        { userName: 'dave', comments: 'c'.repeat(129) }, 'InvalidParameter.Comments.Length',
        'The parameter - "Comments" beyond the length limit.'],
    };
    for (const [name, [fields, code, message]] of Object.entries(cases)) {
      await t.test(name, () => assertRamError(createUser(account.ram, fields), code, 400, message));
    }

    const listed = await listUsers(account.ram);
    assert.deepEqual(listed.body.users.user, []);
  });

  test('GetUser of unknown user fails', async () => {
    const account = await newAccount();
    await assertRamError(getUser(account.ram, 'nobody'), 'EntityNotExist.User', 404, 'The user does not exist.');
    await assertRamError(getUser(account.ram, 'no body'), 'InvalidParameter.UserName.InvalidChars', 400);
    await assertRamError(getUser(account.ram, undefined), 'MissingParameter', 400, MISSING_MESSAGE('UserName'));
  });

  test('ListUsers pages with Marker and MaxItems', async () => {
    const account = await newAccount();
    const empty = await account.raw.call('ListUsers');
    assert.deepEqual(empty.Users, { User: [] });
    assert.equal(empty.IsTruncated, false);
    assert.equal('Marker' in empty, false);

    const names = ['user-e', 'user-a', 'user-d', 'user-c', 'user-b'];
    for (const userName of names) {
      await createUser(account.ram, { userName });
    }

    const pages = await collectPages((fields) => listUsers(account.ram, fields), 2);
    assert.deepEqual(pages.map((page) => page.users.user.length), [2, 2, 1]);
    assert.deepEqual(pages.map((page) => page.isTruncated), [true, true, false]);
    assert.equal(pages[2].marker, undefined);
    const listed = pages.flatMap((page) => page.users.user.map((user) => user.userName));
    assert.deepEqual(listed, ['user-a', 'user-b', 'user-c', 'user-d', 'user-e']);

    const all = await listUsers(account.ram);
    assert.equal(all.body.users.user.length, 5);
    assert.equal(all.body.isTruncated, false);
    const first = all.body.users.user[0];
    assert.match(first.userId, SIXTEEN_DIGITS);
    assert.equal(first.displayName, 'user-a');
    assert.match(first.createDate, TIMESTAMP_PATTERN);
    assert.match(first.updateDate, TIMESTAMP_PATTERN);

    // A single user is still sent as a JSON array.
    const singleUser = await account.raw.call('ListUsers', { MaxItems: 1 });
    assert.equal(Array.isArray(singleUser.Users.User), true);
    assert.equal(singleUser.Users.User.length, 1);
    assert.equal(singleUser.IsTruncated, true);
  });

  test('ListUsers rejects invalid paging values', async (t) => {
    const account = await newAccount();
    const cases = {
      'MaxItems 0': { maxItems: 0 },
      'MaxItems 1001': { maxItems: 1001 },
      'Marker that is not Base64': { marker: '!!not-base64!!' },
    };
    for (const [name, fields] of Object.entries(cases)) {
      await t.test(name, () => assertRamError(listUsers(account.ram, fields), 'InvalidParameter', 400));
    }
    await t.test('MaxItems that is not a number', () =>
      assertRamError(account.raw.call('ListUsers', { MaxItems: 'ten' }), 'InvalidParameter', 400,
        'The specified parameter "MaxItems" is not valid.'));
  });

  test('DeleteUser removes the user', async () => {
    const account = await newAccount();
    await createUser(account.ram, { userName: 'erin' });
    const deleted = await deleteUser(account.ram, 'erin');
    assert.match(deleted.body.requestId, REQUEST_ID_PATTERN);
    await assertRamError(getUser(account.ram, 'erin'), 'EntityNotExist.User', 404);
    await assertRamError(deleteUser(account.ram, 'erin'), 'EntityNotExist.User', 404, 'The user does not exist.');
    await assertRamError(deleteUser(account.ram, undefined), 'MissingParameter', 400);
  });

  test('DeleteUser conflicts with keys and policies', async () => {
    const account = await newAccount();
    await createUser(account.ram, { userName: 'frank' });
    const key = await createAccessKey(account.ram, { userName: 'frank' });
    await attachPolicy(account.ram, { policyType: 'System', policyName: 'AliyunECSReadOnlyAccess', userName: 'frank' });

    await assertRamError(deleteUser(account.ram, 'frank'), 'DeleteConflict.User.AccessKey', 409,
      'The user CAN NOT has any access key while deleting the user.');
    await deleteAccessKey(account.ram, { userName: 'frank', userAccessKeyId: key.body.accessKey.accessKeyId });

    await assertRamError(deleteUser(account.ram, 'frank'), 'DeleteConflict.User.Policy', 409,
      'The user CAN NOT has any attached policy while deleting the user.');
    await detachPolicy(account.ram, { policyType: 'System', policyName: 'AliyunECSReadOnlyAccess', userName: 'frank' });

    await deleteUser(account.ram, 'frank');
    await assertRamError(getUser(account.ram, 'frank'), 'EntityNotExist.User', 404);
  });

  test('GetUser signed with HMAC-SHA1', async () => {
    const account = await newAccount();
    await createUser(account.ram, { userName: 'grace' });
    const v2 = createRamClient(server.port, {
      accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret, signatureAlgorithm: 'v2',
    });
    const fetched = await getUser(v2, 'grace');
    assert.equal(fetched.body.user.userName, 'grace');
  });
});

describe('access keys', () => {
  test('CreateAccessKey returns the secret', async () => {
    const account = await newAccount();
    await createUser(account.ram, { userName: 'heidi' });
    const startedMs = Date.now();
    const created = await createAccessKey(account.ram, { userName: 'heidi' });

    const accessKey = created.body.accessKey;
    assert.match(accessKey.accessKeyId, /^LTAI[A-Za-z0-9]{20}$/);
    assert.match(accessKey.accessKeySecret, /^[A-Za-z0-9]{30}$/);
    assert.equal(accessKey.status, 'Active');
    assertTimeNear(accessKey.createDate, startedMs, 'CreateDate');

    const listed = await account.raw.call('ListAccessKeys', { UserName: 'heidi' });
    assert.deepEqual(listed.AccessKeys, {
      AccessKey: [{ AccessKeyId: accessKey.accessKeyId, Status: 'Active', CreateDate: accessKey.createDate }],
    });
  });

  test('a user has at most two AccessKeys', async () => {
    const account = await newAccount();
    await createUser(account.ram, { userName: 'ivan' });
    await createAccessKey(account.ram, { userName: 'ivan' });
    await createAccessKey(account.ram, { userName: 'ivan' });
    await assertRamError(createAccessKey(account.ram, { userName: 'ivan' }), 'LimitExceeded.User.AccessKey', 409,
      'The access key count of the user access keys beyond the current limits.');

    const listed = await listAccessKeys(account.ram, { userName: 'ivan' });
    assert.equal(listed.body.accessKeys.accessKey.length, 2);
  });

  test('AccessKeys of unknown users fail', async () => {
    const account = await newAccount();
    await assertRamError(createAccessKey(account.ram, { userName: 'nobody' }), 'EntityNotExist.User', 404);
    await assertRamError(createAccessKey(account.ram, { userName: 'no body' }), 'InvalidParameter.UserName.InvalidChars', 400);
    await assertRamError(listAccessKeys(account.ram, { userName: 'nobody' }), 'EntityNotExist.User', 404);
  });

  test('an Inactive key fails authentication', async () => {
    const account = await newAccount();
    await createUser(account.ram, { userName: 'judy' });
    const created = await createAccessKey(account.ram, { userName: 'judy' });
    const { accessKeyId, accessKeySecret } = created.body.accessKey;

    await updateAccessKey(account.ram, { userName: 'judy', userAccessKeyId: accessKeyId, status: 'Inactive' });
    const listed = await listAccessKeys(account.ram, { userName: 'judy' });
    assert.deepEqual(listed.body.accessKeys.accessKey.map((key) => [key.accessKeyId, key.status]), [[accessKeyId, 'Inactive']]);

    const ecs = createEcsClient(server.port, { accessKeyId, accessKeySecret });
    await assertRamError(ecs.describeRegions(new Ecs.DescribeRegionsRequest({})),
      'InvalidAccessKeyId.Inactive', 400, 'Specified access key is disabled.');

    await updateAccessKey(account.ram, { userName: 'judy', userAccessKeyId: accessKeyId, status: 'Active' });
    const reactivated = await listAccessKeys(account.ram, { userName: 'judy' });
    assert.equal(reactivated.body.accessKeys.accessKey[0].status, 'Active');
  });

  test('UpdateAccessKey rejects invalid requests', async (t) => {
    const account = await newAccount();
    await createUser(account.ram, { userName: 'kim' });
    await createUser(account.ram, { userName: 'leo' });
    const kimKey = (await createAccessKey(account.ram, { userName: 'kim' })).body.accessKey.accessKeyId;
    const cases = {
      'missing UserAccessKeyId': [{ userName: 'kim', status: 'Inactive' }, 'MissingParameter', 400],
      'missing Status': [{ userName: 'kim', userAccessKeyId: kimKey }, 'MissingParameter', 400],
      'Status Disabled': [{ userName: 'kim', userAccessKeyId: kimKey, status: 'Disabled' }, 'InvalidParameter', 400],
      'Status in lower case': [{ userName: 'kim', userAccessKeyId: kimKey, status: 'inactive' }, 'InvalidParameter', 400],
      'unknown key': [{ userName: 'kim', userAccessKeyId: 'LTAI00000000000000000000', status: 'Inactive' }, 'EntityNotExist.User.AccessKey', 404],
      'key of another user': [{ userName: 'leo', userAccessKeyId: kimKey, status: 'Inactive' }, 'EntityNotExist.User.AccessKey', 404],
      'key of a user without UserName': [{ userAccessKeyId: kimKey, status: 'Inactive' }, 'EntityNotExist.User.AccessKey', 404],
      'unknown user': [{ userName: 'nobody', userAccessKeyId: kimKey, status: 'Inactive' }, 'EntityNotExist.User', 404],
    };
    for (const [name, [fields, code, statusCode]] of Object.entries(cases)) {
      await t.test(name, () => assertRamError(updateAccessKey(account.ram, fields), code, statusCode));
    }

    const listed = await listAccessKeys(account.ram, { userName: 'kim' });
    assert.equal(listed.body.accessKeys.accessKey[0].status, 'Active');
  });

  test('DeleteAccessKey removes the key', async () => {
    const account = await newAccount();
    await createUser(account.ram, { userName: 'mallory' });
    const created = await createAccessKey(account.ram, { userName: 'mallory' });
    const { accessKeyId, accessKeySecret } = created.body.accessKey;

    await deleteAccessKey(account.ram, { userName: 'mallory', userAccessKeyId: accessKeyId });
    const listed = await account.raw.call('ListAccessKeys', { UserName: 'mallory' });
    assert.deepEqual(listed.AccessKeys, { AccessKey: [] });

    const ecs = createEcsClient(server.port, { accessKeyId, accessKeySecret });
    await assertRamError(ecs.describeRegions(new Ecs.DescribeRegionsRequest({})),
      'InvalidAccessKeyId.NotFound', 404);
    await assertRamError(deleteAccessKey(account.ram, { userName: 'mallory', userAccessKeyId: accessKeyId }),
      'EntityNotExist.User.AccessKey', 404, 'The user access key does not exist.');
    await assertRamError(deleteAccessKey(account.ram, { userName: 'mallory' }), 'MissingParameter', 400,
      MISSING_MESSAGE('UserAccessKeyId'));
  });

  test('account manages its own keys', async () => {
    const account = await newAccount();
    const before = await listAccessKeys(account.ram);
    assert.deepEqual(before.body.accessKeys.accessKey.map((key) => key.accessKeyId), [account.accessKeyId]);

    const created = await createAccessKey(account.ram);
    const second = created.body.accessKey;
    const after = await listAccessKeys(account.ram);
    assert.deepEqual(after.body.accessKeys.accessKey.map((key) => key.accessKeyId).sort(),
      [account.accessKeyId, second.accessKeyId].sort());
    await assertRamError(createAccessKey(account.ram), 'LimitExceeded.User.AccessKey', 409);

    // The new key signs for the same account, so GetUser finds the account's user.
    await createUser(account.ram, { userName: 'nina' });
    const ram = createRamClient(server.port, { accessKeyId: second.accessKeyId, accessKeySecret: second.accessKeySecret });
    const fetched = await getUser(ram, 'nina');
    assert.equal(fetched.body.user.userName, 'nina');

    await deleteAccessKey(account.ram, { userAccessKeyId: second.accessKeyId });
    const remaining = await listAccessKeys(account.ram);
    assert.deepEqual(remaining.body.accessKeys.accessKey.map((key) => key.accessKeyId), [account.accessKeyId]);
  });
});

describe('policies', () => {
  test('CreatePolicy and GetPolicy fields', async () => {
    const account = await newAccount();
    const startedMs = Date.now();
    const created = await createPolicy(account.ram, {
      policyName: 'ecs-read', policyDocument: READ_ONLY_DOCUMENT, description: 'Read ECS', tag: [new Ram.CreatePolicyRequestTag({ key: 'k', value: 'v' })],
    });
    const policy = created.body.policy;
    assert.deepEqual(
      { ...policy },
      { policyName: 'ecs-read', policyType: 'Custom', description: 'Read ECS', defaultVersion: 'v1', createDate: policy.createDate });
    assertTimeNear(policy.createDate, startedMs, 'CreateDate');

    const fetched = await account.raw.call('GetPolicy', { PolicyType: 'Custom', PolicyName: 'ecs-read' });
    assert.deepEqual(fetched.Policy, {
      PolicyName: 'ecs-read',
      PolicyType: 'Custom',
      Description: 'Read ECS',
      DefaultVersion: 'v1',
      AttachmentCount: 0,
      CreateDate: policy.createDate,
      UpdateDate: policy.createDate,
    });
    assert.deepEqual(fetched.DefaultPolicyVersion, {
      VersionId: 'v1',
      IsDefaultVersion: true,
      PolicyDocument: READ_ONLY_DOCUMENT,
      CreateDate: policy.createDate,
    });
  });

  test('GetPolicy returns system policies', async () => {
    const account = await newAccount();
    const fetched = await getPolicy(account.ram, 'System', 'AliyunECSReadOnlyAccess');
    assert.equal(fetched.body.policy.policyName, 'AliyunECSReadOnlyAccess');
    assert.equal(fetched.body.policy.policyType, 'System');
    assert.equal(fetched.body.policy.defaultVersion, 'v1');
    assert.equal(fetched.body.policy.attachmentCount, 0);
    assert.equal(fetched.body.defaultPolicyVersion.isDefaultVersion, true);
    const document = JSON.parse(fetched.body.defaultPolicyVersion.policyDocument);
    assert.equal(document.Version, '1');
    assert.deepEqual(document.Statement[0], { Action: 'ecs:Describe*', Resource: '*', Effect: 'Allow' });
  });

  test('CreatePolicy rejects invalid parameters', async (t) => {
    const account = await newAccount();
    const cases = {
      'missing PolicyName': [{ policyDocument: READ_ONLY_DOCUMENT }, 'MissingParameter', MISSING_MESSAGE('PolicyName')],
      'missing PolicyDocument': [{ policyName: 'p' }, 'MissingParameter', MISSING_MESSAGE('PolicyDocument')],
      'missing PolicyDocument before a bad name': [{ policyName: 'bad_name' }, 'MissingParameter', MISSING_MESSAGE('PolicyDocument')],
      'PolicyName with an underscore': [
        { policyName: 'bad_name', policyDocument: READ_ONLY_DOCUMENT }, 'InvalidParameter.PolicyName.InvalidChars',
        'The parameter - "PolicyName" contains invalid chars.'],
      'PolicyName of 129 characters': [
        { policyName: 'p'.repeat(129), policyDocument: READ_ONLY_DOCUMENT }, 'InvalidParameter.PolicyName.Length',
        'The parameter - "PolicyName" beyond the length limit.'],
      'Description of 1025 characters': [
        { policyName: 'p', policyDocument: READ_ONLY_DOCUMENT, description: 'd'.repeat(1025) },
        'InvalidParameter.Description.Length', 'The parameter - "Description" beyond the length limit.'],
      'document that is not JSON': [{ policyName: 'p', policyDocument: 'not json' }, 'MalformedPolicyDocument', undefined],
      'document without Statement': [{ policyName: 'p', policyDocument: '{"Version":"1"}' }, 'MalformedPolicyDocument', undefined],
      'document of 6145 characters': [
        { policyName: 'p', policyDocument: READ_ONLY_DOCUMENT + ' '.repeat(6145 - READ_ONLY_DOCUMENT.length) },
        'InvalidParameter.PolicyDocument.Length', undefined],
    };
    for (const [name, [fields, code, message]] of Object.entries(cases)) {
      await t.test(name, () => assertRamError(createPolicy(account.ram, fields), code, 400, message));
    }

    const listed = await listPolicies(account.ram, { policyType: 'Custom' });
    assert.deepEqual(listed.body.policies.policy, []);
  });

  test('CreatePolicy twice returns EntityAlreadyExists.Policy', async () => {
    const account = await newAccount();
    await createPolicy(account.ram, { policyName: 'dup', policyDocument: READ_ONLY_DOCUMENT });
    await assertRamError(createPolicy(account.ram, { policyName: 'dup', policyDocument: READ_ONLY_DOCUMENT }),
      'EntityAlreadyExists.Policy', 409, 'The policy does already EXIST.');
  });

  test('GetPolicy rejects invalid or unknown policies', async (t) => {
    const account = await newAccount();
    const cases = {
      'missing PolicyType': [{ PolicyName: 'p' }, 'MissingParameter', 400],
      'missing PolicyName': [{ PolicyType: 'Custom' }, 'MissingParameter', 400],
      'PolicyType in lower case': [{ PolicyType: 'custom', PolicyName: 'p' }, 'InvalidParameter.PolicyType', 400],
      'unknown custom policy': [{ PolicyType: 'Custom', PolicyName: 'nothing' }, 'EntityNotExist.Policy', 404],
      'unknown system policy': [{ PolicyType: 'System', PolicyName: 'AliyunNothing' }, 'EntityNotExist.Policy', 404],
      'system policy asked as Custom': [{ PolicyType: 'Custom', PolicyName: 'AliyunECSFullAccess' }, 'EntityNotExist.Policy', 404],
    };
    for (const [name, [query, code, statusCode]] of Object.entries(cases)) {
      await t.test(name, () => assertRamError(account.raw.call('GetPolicy', query), code, statusCode));
    }
    await assertRamError(getPolicy(account.ram, 'Other', 'p'), 'InvalidParameter.PolicyType', 400,
      'The parameter - "PolicyType" is incorrect.');
    await assertRamError(getPolicy(account.ram, 'Custom', 'nothing'), 'EntityNotExist.Policy', 404, 'The policy does not exist.');
  });

  test('ListPolicies filters by PolicyType and pages', async () => {
    const account = await newAccount();
    for (const policyName of ['zeta', 'alpha', 'mid']) {
      await createPolicy(account.ram, { policyName, policyDocument: READ_ONLY_DOCUMENT, description: `policy ${policyName}` });
    }

    const system = await listPolicies(account.ram, { policyType: 'System' });
    assert.deepEqual(system.body.policies.policy.map((policy) => policy.policyName), SYSTEM_POLICY_NAMES);
    assert.equal(system.body.policies.policy.every((policy) => policy.policyType === 'System'), true);

    const custom = await account.raw.call('ListPolicies', { PolicyType: 'Custom' });
    assert.deepEqual(custom.Policies.Policy.map((policy) => policy.PolicyName), ['alpha', 'mid', 'zeta']);
    assert.equal(custom.IsTruncated, false);
    const alpha = custom.Policies.Policy[0];
    assert.equal(alpha.PolicyType, 'Custom');
    assert.equal(alpha.Description, 'policy alpha');
    assert.equal(alpha.DefaultVersion, 'v1');
    assert.equal(alpha.AttachmentCount, 0);
    assert.match(alpha.CreateDate, TIMESTAMP_PATTERN);
    assert.match(alpha.UpdateDate, TIMESTAMP_PATTERN);
    assert.deepEqual(alpha.Tags, { Tag: [] });

    const pages = await collectPages((fields) => listPolicies(account.ram, fields), 3);
    assert.deepEqual(pages.map((page) => page.policies.policy.length), [3, 3, 3, 1]);
    const listed = pages.flatMap((page) => page.policies.policy.map((policy) => `${policy.policyType}:${policy.policyName}`));
    assert.deepEqual(listed, [
      'Custom:alpha', 'Custom:mid', 'Custom:zeta', ...SYSTEM_POLICY_NAMES.map((name) => `System:${name}`)]);

    await assertRamError(listPolicies(account.ram, { policyType: 'Managed' }), 'InvalidParameter.PolicyType', 400);
    await assertRamError(listPolicies(account.ram, { maxItems: 1001 }), 'InvalidParameter', 400);
  });

  test('attach and detach user policies', async () => {
    const account = await newAccount();
    await createUser(account.ram, { userName: 'olivia' });
    await createPolicy(account.ram, { policyName: 'ecs-read', policyDocument: READ_ONLY_DOCUMENT, description: 'Read ECS' });

    const startedMs = Date.now();
    await attachPolicy(account.ram, { policyType: 'Custom', policyName: 'ecs-read', userName: 'olivia' });
    await attachPolicy(account.ram, { policyType: 'System', policyName: 'AliyunKMSFullAccess', userName: 'olivia' });

    const attached = await account.raw.call('ListPoliciesForUser', { UserName: 'olivia' });
    const policies = attached.Policies.Policy;
    assert.deepEqual(policies.map((policy) => [policy.PolicyType, policy.PolicyName, policy.Description, policy.DefaultVersion]), [
      ['Custom', 'ecs-read', 'Read ECS', 'v1'],
      ['System', 'AliyunKMSFullAccess', 'Provides full access to Key Management Service(KMS) via Management Console.', 'v1'],
    ]);
    for (const policy of policies) {
      assertTimeNear(policy.AttachDate, startedMs, 'AttachDate');
    }

    const custom = await getPolicy(account.ram, 'Custom', 'ecs-read');
    assert.equal(custom.body.policy.attachmentCount, 1);
    const system = await getPolicy(account.ram, 'System', 'AliyunKMSFullAccess');
    assert.equal(system.body.policy.attachmentCount, 1);

    await assertRamError(attachPolicy(account.ram, { policyType: 'Custom', policyName: 'ecs-read', userName: 'olivia' }),
      'EntityAlreadyExists.User.Policy', 409, 'The user has already been attached this policy.');
    await assertRamError(deletePolicy(account.ram, { policyName: 'ecs-read' }), 'DeleteConflict.Policy.User', 409,
      'The policy CAN NOT been attached to any user while deleting the policy.');

    await detachPolicy(account.ram, { policyType: 'Custom', policyName: 'ecs-read', userName: 'olivia' });
    await detachPolicy(account.ram, { policyType: 'System', policyName: 'AliyunKMSFullAccess', userName: 'olivia' });
    const detached = await account.raw.call('ListPoliciesForUser', { UserName: 'olivia' });
    assert.deepEqual(detached.Policies, { Policy: [] });
    await assertRamError(detachPolicy(account.ram, { policyType: 'Custom', policyName: 'ecs-read', userName: 'olivia' }),
      'EntityNotExist.User.Policy', 404, 'The indicate policy of the user does not exist.');

    await deletePolicy(account.ram, { policyName: 'ecs-read', cascadingDelete: true });
    await assertRamError(getPolicy(account.ram, 'Custom', 'ecs-read'), 'EntityNotExist.Policy', 404);
  });

  test('attach and detach reject invalid requests', async (t) => {
    const account = await newAccount();
    await createUser(account.ram, { userName: 'peggy' });
    const valid = { policyType: 'System', policyName: 'AliyunECSFullAccess', userName: 'peggy' };
    const cases = {
      'missing PolicyType': [{ ...valid, policyType: undefined }, 'MissingParameter', 400],
      'missing PolicyName': [{ ...valid, policyName: undefined }, 'MissingParameter', 400],
      'missing UserName': [{ ...valid, userName: undefined }, 'MissingParameter', 400],
      'PolicyType Managed': [{ ...valid, policyType: 'Managed' }, 'InvalidParameter.PolicyType', 400],
      'PolicyName with a space': [{ ...valid, policyName: 'bad name' }, 'InvalidParameter.PolicyName.InvalidChars', 400],
      'UserName of 65 characters': [{ ...valid, userName: 'u'.repeat(65) }, 'InvalidParameter.UserName.Length', 400],
      'unknown user': [{ ...valid, userName: 'nobody' }, 'EntityNotExist.User', 404],
      'unknown policy': [{ ...valid, policyName: 'AliyunNothing' }, 'EntityNotExist.Policy', 404],
      'unknown custom policy': [{ ...valid, policyType: 'Custom', policyName: 'nothing' }, 'EntityNotExist.Policy', 404],
    };
    for (const [name, [fields, code, statusCode]] of Object.entries(cases)) {
      await t.test(`attach with ${name}`, () => assertRamError(attachPolicy(account.ram, fields), code, statusCode));
      await t.test(`detach with ${name}`, () => assertRamError(detachPolicy(account.ram, fields), code, statusCode));
    }
    await assertRamError(detachPolicy(account.ram, valid), 'EntityNotExist.User.Policy', 404);
    await assertRamError(listPoliciesForUser(account.ram, 'nobody'), 'EntityNotExist.User', 404);
    await assertRamError(listPoliciesForUser(account.ram, undefined), 'MissingParameter', 400);
  });

  test('ten custom policies per user', async () => {
    const account = await newAccount();
    await createUser(account.ram, { userName: 'quinn' });
    for (let i = 1; i <= 11; i++) {
      await createPolicy(account.ram, { policyName: `p${i}`, policyDocument: READ_ONLY_DOCUMENT });
    }
    for (let i = 1; i <= 10; i++) {
      await attachPolicy(account.ram, { policyType: 'Custom', policyName: `p${i}`, userName: 'quinn' });
    }
    await assertRamError(attachPolicy(account.ram, { policyType: 'Custom', policyName: 'p11', userName: 'quinn' }),
      'LimitExceeded.User.Policy', 409, 'The policy count of the user attached policies beyond the current limits.');

    // System policies count separately.
    await attachPolicy(account.ram, { policyType: 'System', policyName: 'AliyunECSFullAccess', userName: 'quinn' });
    const attached = await listPoliciesForUser(account.ram, 'quinn');
    assert.equal(attached.body.policies.policy.length, 11);
  });

  test('DeletePolicy rejects unknown and system policies', async () => {
    const account = await newAccount();
    await assertRamError(deletePolicy(account.ram, { policyName: 'nothing' }), 'EntityNotExist.Policy', 404);
    await assertRamError(deletePolicy(account.ram, { policyName: 'AliyunECSFullAccess' }), 'EntityNotExist.Policy', 404);
    await assertRamError(deletePolicy(account.ram, {}), 'MissingParameter', 400, MISSING_MESSAGE('PolicyName'));
    await assertRamError(account.raw.call('DeletePolicy', { PolicyName: 'p', CascadingDelete: 'maybe' }), 'InvalidParameter', 400);
  });
});

describe('roles', () => {
  test('new account has ECS roles', async () => {
    const account = await newAccount();
    const listed = await account.raw.call('ListRoles');
    assert.equal(listed.IsTruncated, false);
    const roles = listed.Roles.Role;
    assert.deepEqual(roles.map((role) => role.RoleName), [DISK_ENCRYPT_ROLE, SHARE_IMAGE_ROLE]);
    for (const role of roles) {
      assert.match(role.RoleId, SIXTEEN_DIGITS);
      assert.equal(role.Arn, `acs:ram::${account.accountId}:role/${role.RoleName.toLowerCase()}`);
      assert.equal(role.Description, ECS_ROLE_DESCRIPTION);
      assert.equal(role.MaxSessionDuration, 3600);
      assert.match(role.CreateDate, TIMESTAMP_PATTERN);
      assert.equal(role.UpdateDate, role.CreateDate);
      assert.deepEqual(role.Tags, { Tag: [] });
      assert.equal('AssumeRolePolicyDocument' in role, false);
    }

    const fetched = await getRole(account.ram, DISK_ENCRYPT_ROLE);
    assert.equal(fetched.body.role.assumeRolePolicyDocument, ECS_TRUST_POLICY);
  });

  test('CreateRole and GetRole fields', async () => {
    const account = await newAccount();
    const startedMs = Date.now();
    const trust = '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"RAM":"acs:ram::1234567890123456:root"}}],"Version":"1"}';
    const created = await createRole(account.ram, {
      roleName: 'ECSAdmin', assumeRolePolicyDocument: trust, description: 'ECS administrator', maxSessionDuration: 7200,
    });
    const role = created.body.role;
    assert.match(role.roleId, SIXTEEN_DIGITS);
    assert.equal(role.roleName, 'ECSAdmin');
    assert.equal(role.arn, `acs:ram::${account.accountId}:role/ecsadmin`);
    assert.equal(role.description, 'ECS administrator');
    assert.equal(role.assumeRolePolicyDocument, trust);
    assert.equal(role.maxSessionDuration, 7200);
    assertTimeNear(role.createDate, startedMs, 'CreateDate');

    const fetched = await account.raw.call('GetRole', { RoleName: 'ECSAdmin' });
    assert.deepEqual(fetched.Role, {
      RoleId: role.roleId,
      RoleName: 'ECSAdmin',
      Arn: role.arn,
      Description: 'ECS administrator',
      AssumeRolePolicyDocument: trust,
      MaxSessionDuration: 7200,
      CreateDate: role.createDate,
      UpdateDate: role.createDate,
    });

    const defaults = await createRole(account.ram, { roleName: 'plain.role', assumeRolePolicyDocument: ECS_TRUST_POLICY });
    assert.equal(defaults.body.role.maxSessionDuration, 3600);
    assert.equal(defaults.body.role.description, '');
  });

  test('CreateRole rejects invalid parameters', async (t) => {
    const account = await newAccount();
    const valid = { roleName: 'r1', assumeRolePolicyDocument: ECS_TRUST_POLICY };
    const cases = {
      'missing RoleName': [{ ...valid, roleName: undefined }, 'MissingParameter', MISSING_MESSAGE('RoleName')],
      'missing AssumeRolePolicyDocument': [
        { ...valid, assumeRolePolicyDocument: undefined }, 'MissingParameter', MISSING_MESSAGE('AssumeRolePolicyDocument')],
      'RoleName with an underscore': [
        { ...valid, roleName: 'bad_name' }, 'InvalidParameter.RoleName.InvalidChars', 'The parameter - "RoleName" contains invalid chars.'],
      'RoleName of 65 characters': [
        { ...valid, roleName: 'r'.repeat(65) }, 'InvalidParameter.RoleName.Length', 'The parameter - "RoleName" beyond the length limit.'],
      'Description of 1025 characters': [
        { ...valid, description: 'd'.repeat(1025) }, 'InvalidParameter.Description.Length',
        'The parameter - "Description" beyond the length limit.'],
      'trust policy that is not JSON': [{ ...valid, assumeRolePolicyDocument: 'trust me' }, 'MalformedPolicyDocument', undefined],
      'trust policy that is an array': [{ ...valid, assumeRolePolicyDocument: '[]' }, 'MalformedPolicyDocument', undefined],
      'trust policy of Version 2': [
        { ...valid, assumeRolePolicyDocument: '{"Version":"2","Statement":[]}' }, 'MalformedPolicyDocument', undefined],
      'trust policy without Statement': [{ ...valid, assumeRolePolicyDocument: '{"Version":"1"}' }, 'MalformedPolicyDocument', undefined],
      'trust policy of 4097 characters': [
        { ...valid, assumeRolePolicyDocument: ECS_TRUST_POLICY + ' '.repeat(4097 - ECS_TRUST_POLICY.length) },
        'InvalidParameter.AssumeRolePolicyDocument.Length', 'The parameter - "AssumeRolePolicyDocument" beyond the length limit.'],
      'MaxSessionDuration 3599': [{ ...valid, maxSessionDuration: 3599 }, 'InvalidParameter', 'The specified parameter "MaxSessionDuration" is not valid.'],
      'MaxSessionDuration 43201': [{ ...valid, maxSessionDuration: 43201 }, 'InvalidParameter', undefined],
    };
    for (const [name, [fields, code, message]] of Object.entries(cases)) {
      await t.test(name, () => assertRamError(createRole(account.ram, fields), code, 400, message));
    }

    const listed = await listRoles(account.ram);
    assert.deepEqual(listed.body.roles.role.map((role) => role.roleName), [DISK_ENCRYPT_ROLE, SHARE_IMAGE_ROLE]);
  });

  test('CreateRole twice returns EntityAlreadyExists.Role', async () => {
    const account = await newAccount();
    await assertRamError(createRole(account.ram, { roleName: DISK_ENCRYPT_ROLE, assumeRolePolicyDocument: ECS_TRUST_POLICY }),
      'EntityAlreadyExists.Role', 409, 'The role does already EXIST.');
  });

  test('ListRoles pages with Marker and MaxItems', async () => {
    const account = await newAccount({ serviceRoles: false });
    const empty = await account.raw.call('ListRoles');
    assert.deepEqual(empty.Roles, { Role: [] });

    for (const roleName of ['role-c', 'role-a', 'role-b']) {
      await createRole(account.ram, { roleName, assumeRolePolicyDocument: ECS_TRUST_POLICY });
    }
    const pages = await collectPages((fields) => listRoles(account.ram, fields), 2);
    assert.deepEqual(pages.map((page) => page.roles.role.map((role) => role.roleName)), [['role-a', 'role-b'], ['role-c']]);
    await assertRamError(listRoles(account.ram, { maxItems: 0 }), 'InvalidParameter', 400);
  });

  test('unknown role is not found', async () => {
    const account = await newAccount();
    await assertRamError(getRole(account.ram, 'nothing'), 'EntityNotExist.Role', 404, 'The role does not exist.');
    await assertRamError(deleteRole(account.ram, 'nothing'), 'EntityNotExist.Role', 404, 'The role does not exist.');
    await assertRamError(getRole(account.ram, 'bad_name'), 'InvalidParameter.RoleName.InvalidChars', 400);
    await assertRamError(deleteRole(account.ram, undefined), 'MissingParameter', 400, MISSING_MESSAGE('RoleName'));
  });

  test('disk encryption role gates customer keys', async () => {
    const account = await newAccount({ openKms: true });
    const disks = diskActions(account.ecs);
    const key = (await account.kms.call('CreateKey')).KeyMetadata;
    const encryptedDisk = () => disks.createDisk({ regionId: REGION, zoneId: ZONE, size: 20, encrypted: true, KMSKeyId: key.KeyId });

    await deleteRole(account.ram, DISK_ENCRYPT_ROLE);
    await assertRamError(getRole(account.ram, DISK_ENCRYPT_ROLE), 'EntityNotExist.Role', 404);
    await assertRamError(encryptedDisk(), 'InvalidParameter.KMSKeyId.KMSUnauthorized', 403,
      'ECS service have no right to access your KMS.');
    assert.equal(await disks.countDisks(REGION), 0);

    await createRole(account.ram, {
      roleName: DISK_ENCRYPT_ROLE, assumeRolePolicyDocument: ECS_TRUST_POLICY, description: ECS_ROLE_DESCRIPTION,
    });
    const diskId = await encryptedDisk();
    const disk = await disks.describeDisk(REGION, diskId);
    assert.equal(disk.encrypted, true);
    assert.equal(disk.KMSKeyId, key.KeyId);
  });
});

describe('account isolation', () => {
  test('other account cannot reach entities', async () => {
    const owner = await newAccount();
    const other = await newAccount();
    await createUser(owner.ram, { userName: 'shared-name' });
    await createPolicy(owner.ram, { policyName: 'owner-policy', policyDocument: READ_ONLY_DOCUMENT });
    await createRole(owner.ram, { roleName: 'owner-role', assumeRolePolicyDocument: ECS_TRUST_POLICY });
    const ownerKey = (await createAccessKey(owner.ram, { userName: 'shared-name' })).body.accessKey.accessKeyId;

    await assertRamError(getUser(other.ram, 'shared-name'), 'EntityNotExist.User', 404);
    await assertRamError(deleteUser(other.ram, 'shared-name'), 'EntityNotExist.User', 404);
    await assertRamError(getPolicy(other.ram, 'Custom', 'owner-policy'), 'EntityNotExist.Policy', 404);
    await assertRamError(deletePolicy(other.ram, { policyName: 'owner-policy' }), 'EntityNotExist.Policy', 404);
    await assertRamError(getRole(other.ram, 'owner-role'), 'EntityNotExist.Role', 404);
    await assertRamError(deleteRole(other.ram, 'owner-role'), 'EntityNotExist.Role', 404);
    await assertRamError(updateAccessKey(other.ram, { userAccessKeyId: ownerKey, status: 'Inactive' }),
      'EntityNotExist.User.AccessKey', 404);
    await assertRamError(deleteAccessKey(other.ram, { userAccessKeyId: ownerKey }), 'EntityNotExist.User.AccessKey', 404);

    const users = await listUsers(other.ram);
    assert.deepEqual(users.body.users.user, []);
    const policies = await listPolicies(other.ram, { policyType: 'Custom' });
    assert.deepEqual(policies.body.policies.policy, []);
    const roles = await listRoles(other.ram);
    assert.equal(roles.body.roles.role.some((role) => role.roleName === 'owner-role'), false);

    // The same names are free in the other account, and the owner's entities are unchanged.
    await createUser(other.ram, { userName: 'shared-name' });
    await attachPolicy(other.ram, { policyType: 'System', policyName: 'AliyunECSFullAccess', userName: 'shared-name' });
    const ownerAttachments = await listPoliciesForUser(owner.ram, 'shared-name');
    assert.deepEqual(ownerAttachments.body.policies.policy, []);
    assert.equal((await getUser(owner.ram, 'shared-name')).body.user.userName, 'shared-name');
    assert.equal((await getRole(owner.ram, 'owner-role')).body.role.roleName, 'owner-role');
    const ownerKeys = await listAccessKeys(owner.ram, { userName: 'shared-name' });
    assert.deepEqual(ownerKeys.body.accessKeys.accessKey.map((key) => [key.accessKeyId, key.status]), [[ownerKey, 'Active']]);
  });
});
