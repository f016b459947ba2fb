#!/usr/bin/env bash
# Runs every test suite of EcsLocal: the .NET unit and integration tests and the conformance tests that
# drive the server with the official Alibaba Cloud Node.js SDKs. Installs the npm packages the tests need,
# and PostgreSQL from Debian's packages for the store contract tests (.ci/postgres.sh, port 55432).
# The web console tests run in headless Chromium from Debian's packages, which .ci/chromium.sh installs.
# Ends with one line of totals over all runners, "N passed, N failed", and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"

passed=0
failed=0
status=0
log_dir=$(mktemp -d)
# The test servers of every runner write their logs here; the log audit reads them at the end.
export ECSLOCAL_TEST_LOG_DIR="$log_dir/server-logs"
mkdir -p "$ECSLOCAL_TEST_LOG_DIR"

fail_step() {
  echo "FAILED: $1" >&2
  failed=$((failed + 1))
  status=1
}

echo "== Checking formatting"
if ! dotnet format EcsLocal.sln --verify-no-changes --verbosity quiet; then
  fail_step "dotnet format found unformatted code; run 'dotnet format EcsLocal.sln'"
fi

echo "== Building (Release)"
if ! dotnet build EcsLocal.sln -c Release --nologo -v quiet; then
  fail_step "dotnet build"
  echo "$passed passed, $failed failed"
  exit 1
fi

echo "== Starting PostgreSQL for the store tests"
if postgres_env=$(bash .ci/postgres.sh); then
  eval "$postgres_env"
  trap 'bash .ci/postgres.sh stop >/dev/null 2>&1 || true' EXIT
else
  fail_step "starting PostgreSQL with .ci/postgres.sh"
fi

for project in tests/EcsLocal.*.Tests; do
  name=$(basename "$project")
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo 2>&1 | tee "$log_dir/$name.log"
  result=${PIPESTATUS[0]}
  summary=$(grep -E "^(Passed|Failed)!" "$log_dir/$name.log" | tail -n 1)
  if [[ -z "$summary" ]]; then
    fail_step "$name printed no summary"
    continue
  fi
  p=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary")
  f=$(sed -E 's/.*Failed: *([0-9]+),.*/\1/' <<<"$summary")
  passed=$((passed + p))
  failed=$((failed + f))
  if [[ $result -ne 0 || $f -ne 0 ]]; then
    status=1
  fi
done

# Runs node --test in folder $1 (with the files in the remaining arguments, else every test file there),
# tees the TAP output to $log_dir/<name>.log and adds its totals. A cancelled test (a suite hook that
# failed, or a timeout) did not pass, so it counts as failed.
run_node_suite() {
  local name=$1 folder=$2
  shift 2
  (cd "$folder" && node --test --test-concurrency=1 --test-reporter=tap "$@") 2>&1 | tee "$log_dir/$name.log"
  local result=${PIPESTATUS[0]}
  local p f c
  p=$(grep -E "^# pass [0-9]+" "$log_dir/$name.log" | tail -n 1 | awk '{print $3}')
  f=$(grep -E "^# fail [0-9]+" "$log_dir/$name.log" | tail -n 1 | awk '{print $3}')
  c=$(grep -E "^# cancelled [0-9]+" "$log_dir/$name.log" | tail -n 1 | awk '{print $3}')
  f=$((${f:-0} + ${c:-0}))
  if [[ -z "$p" ]]; then
    fail_step "$name: node --test printed no totals"
    return
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  if [[ $result -ne 0 || $f -ne 0 ]]; then
    status=1
  fi
}

export ECSLOCAL_SERVER_DLL="$PWD/src/EcsLocal.Server/bin/Release/net10.0/ecslocal.dll"

echo "== SDK conformance (node --test)"
if (cd tests/sdk && npm ci --no-audit --no-fund --loglevel=error); then
  run_node_suite sdk tests/sdk
else
  fail_step "npm ci in tests/sdk"
fi

echo "== Web console (node --test in headless Chromium)"
if bash .ci/chromium.sh && (cd tests/console && npm ci --no-audit --no-fund --loglevel=error); then
  run_node_suite console tests/console
else
  fail_step "installing Chromium (.ci/chromium.sh) or npm ci in tests/console"
fi

echo "== Log audit (no secret, signature or key material in any server log)"
run_node_suite audit tests/sdk audit/log-audit.js

rm -rf "$log_dir"
echo "$passed passed, $failed failed"
exit $status
