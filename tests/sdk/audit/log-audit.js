'use strict';

// Runs after every other test runner (see test.sh): reads each log file that the .NET and SDK test
// servers left in ECSLOCAL_TEST_LOG_DIR and fails on any line that carries an AccessKey secret, a
// request signature or key material.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { ACCESS_KEY_SECRET } = require('../support/server');

// The secrets the test suites sign with; they must never be logged.
const KNOWN_SECRETS = [ACCESS_KEY_SECRET, 'testsecret', 'secret-of-'];

const PATTERNS = [
  { name: 'SDK account secret', regex: /secret\d{16}/ },
  { name: 'ACS3-HMAC-SHA256 signature (64 hex digits)', regex: /\b[0-9a-f]{64}\b/ },
  { name: 'HMAC-SHA1 signature (28 Base64 characters)', regex: /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{27}=(?![A-Za-z0-9+/=])/ },
  { name: 'Base64 key material, plaintext or ciphertext (40 or more characters)', regex: /[A-Za-z0-9+/]{40,}={0,2}/ },
];

function logLines() {
  const directory = process.env.ECSLOCAL_TEST_LOG_DIR;
  assert.ok(directory, 'ECSLOCAL_TEST_LOG_DIR names the folder of the test servers\' logs');
  const lines = [];
  for (const name of fs.readdirSync(directory)) {
    const text = fs.readFileSync(path.join(directory, name), 'utf8');
    text.split('\n').forEach((line, index) => lines.push({ where: `${name}:${index + 1}`, line }));
  }
  return lines;
}

test('no log line carries a secret, signature or key material', () => {
  const lines = logLines();
  const findings = [];
  for (const { where, line } of lines) {
    // Stack frames name methods and source paths, which can look like Base64; they never carry values.
    if (/^\s+at /.test(line)) {
      continue;
    }
    for (const secret of KNOWN_SECRETS) {
      if (line.includes(secret)) {
        findings.push(`${where}: known test secret: ${line}`);
      }
    }
    for (const { name, regex } of PATTERNS) {
      if (regex.test(line)) {
        findings.push(`${where}: ${name}: ${line}`);
      }
    }
  }

  // The .NET and SDK suites start hundreds of servers; far fewer lines means the logs were not collected.
  assert.ok(lines.length > 1000, `the audit read ${lines.length} log lines`);
  assert.deepEqual(findings.slice(0, 20), []);
});
