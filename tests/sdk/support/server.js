'use strict';

// Starts and stops EcsLocal server processes and runs its operator CLI for the SDK tests.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const DEFAULT_SERVER_DLL = path.resolve(
  __dirname, '..', '..', '..', 'src', 'EcsLocal.Server', 'bin', 'Release', 'net10.0', 'ecslocal.dll');

const ACCESS_KEY_ID = 'testid';
const ACCESS_KEY_SECRET = 'testsecret';

const STARTUP_TIMEOUT_MS = 20_000;
const SHUTDOWN_TIMEOUT_MS = 15_000;
const CLI_TIMEOUT_MS = 30_000;

/** Returns the server dll path from ECSLOCAL_SERVER_DLL, or the Release build output. */
function serverDllPath() {
  const dll = process.env.ECSLOCAL_SERVER_DLL || DEFAULT_SERVER_DLL;
  if (!fs.existsSync(dll)) {
    throw new Error(
      `EcsLocal server not found at ${dll}. Build it with ` +
      '`dotnet build src/EcsLocal.Server -c Release` or set ECSLOCAL_SERVER_DLL to the ecslocal.dll path.');
  }
  return dll;
}

/** Creates an empty temporary data directory. */
function createDataDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ecslocal-sdk-'));
}

function removeDataDir(dataDir) {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Starts a server on a free loopback port and waits until it prints its port and account id.
 * extraArgs are more server options, e.g. ['--default-region', 'cn-beijing'], and env contains more
 * environment variables, e.g. { ECSLOCAL_DISK_READY_MS: '0' }.
 * Rejects after STARTUP_TIMEOUT_MS, or when the process exits first, with its output in the message.
 */
function startServer({ dataDir, accountId, extraArgs = [], env: extraEnv = {} } = {}) {
  const dll = serverDllPath();
  const env = {
    ...process.env,
    ...extraEnv,
    ECSLOCAL_ACCESS_KEY_ID: ACCESS_KEY_ID,
    ECSLOCAL_ACCESS_KEY_SECRET: ACCESS_KEY_SECRET,
  };
  if (accountId) {
    env.ECSLOCAL_ACCOUNT_ID = accountId;
  }

  const child = spawn('dotnet', [dll, '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  // Kills the server if the test process ends without running its after hook.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  keepLog(child);

  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      resolve({ code, signal });
    });
  });

  return new Promise((resolve, reject) => {
    let settled = false;

    const fail = (message) => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${message}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    };

    const timer = setTimeout(
      () => fail(`EcsLocal did not report its port and account within ${STARTUP_TIMEOUT_MS} ms`),
      STARTUP_TIMEOUT_MS);

    child.once('error', (error) => fail(`Failed to start dotnet: ${error.message}`));
    exited.then(({ code, signal }) => fail(`EcsLocal exited during start-up (code ${code}, signal ${signal})`));

    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (settled) {
        return;
      }
      const portMatch = /EcsLocal listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      const accountMatch = /^Account: (\d{16})\s*$/m.exec(stdout);
      if (!portMatch || !accountMatch) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve({
        port: Number(portMatch[1]),
        accountId: accountMatch[1],
        dataDir,
        stop: () => stopProcess(child, exited),
      });
    });
  });
}

/**
 * Appends everything the server writes to a file in ECSLOCAL_TEST_LOG_DIR, when it is set, so that the
 * log audit after the whole test run can check that no line carries a secret.
 */
function keepLog(child) {
  const logDir = process.env.ECSLOCAL_TEST_LOG_DIR;
  if (!logDir) {
    return;
  }
  const file = fs.createWriteStream(path.join(logDir, `sdk-server-${process.pid}-${child.pid}.log`), { flags: 'a' });
  child.stdout.on('data', (chunk) => file.write(chunk));
  child.stderr.on('data', (chunk) => file.write(chunk));
  child.once('exit', () => file.end());
}

/** Sends SIGTERM and waits for the exit, using SIGKILL after SHUTDOWN_TIMEOUT_MS. */
async function stopProcess(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return exited;
  }
  child.kill('SIGTERM');
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, SHUTDOWN_TIMEOUT_MS);
  });
  await Promise.race([exited, timeout]);
  clearTimeout(timer);
  return exited;
}

/**
 * Starts two servers on one data directory, both with env: the first with the default region and a
 * second whose default region is cn-shanghai. KMS takes its region from the server's default region
 * when the Host header names none, so the second server serves KMS requests for cn-shanghai.
 * Returns { server, shanghaiServer }.
 */
async function startRegionPair(dataDir, env) {
  const server = await startServer({ dataDir, env });
  try {
    const shanghaiServer = await startServer({ dataDir, env, extraArgs: ['--default-region', 'cn-shanghai'] });
    return { server, shanghaiServer };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Stops each of the servers that started, in the order given; undefined entries are skipped. */
async function stopServers(...servers) {
  for (const running of servers) {
    if (running) {
      await running.stop();
    }
  }
}

/**
 * Runs an operator CLI command such as ['feature', 'deny', '--account', id] against dataDir.
 * Returns { status, stdout, stderr }. The status is 0 on success and 2 on a rejected operation.
 */
function runCli(dataDir, args) {
  const result = spawnSync('dotnet', [serverDllPath(), ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
    env: process.env,
  });
  if (result.error) {
    throw new Error(`CLI ${args.join(' ')} failed to run: ${result.error.message}`);
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs an operator CLI command and throws with its output unless it exits with 0. */
function runCliOk(dataDir, args) {
  const result = runCli(dataDir, args);
  if (result.status !== 0) {
    throw new Error(
      `CLI ${args.join(' ')} exited with ${result.status}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
  return result;
}

module.exports = {
  ACCESS_KEY_ID,
  ACCESS_KEY_SECRET,
  serverDllPath,
  createDataDir,
  removeDataDir,
  startServer,
  startRegionPair,
  stopServers,
  runCli,
  runCliOk,
};
