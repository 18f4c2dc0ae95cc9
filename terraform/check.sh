#!/usr/bin/env bash
# Offline checks of the Terraform root module: fmt, init (from a local provider
# mirror), validate and test; and the RDS CA bundle the task definitions rely on.
# Prints "terraform: N passed, M failed" last.
# Skips (exit 0) when terraform or the provider mirror is not available.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

plugin_dir="${TF_PLUGIN_DIR:-/opt/tf-plugins}"

if ! command -v terraform >/dev/null 2>&1; then
  echo "SKIP terraform checks: terraform is not on PATH"
  exit 0
fi
if [ ! -d "$plugin_dir/registry.terraform.io/hashicorp/aws" ]; then
  echo "SKIP terraform checks: no AWS provider mirror in $plugin_dir (set TF_PLUGIN_DIR)"
  exit 0
fi

# A CLI config variable pointing at a missing file only produces warnings.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
  unset TF_CLI_CONFIG_FILE
fi
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

step() {
  local name="$1"; shift
  echo "== terraform $name"
  if ! "$@" >"$log" 2>&1; then
    cat "$log"
    echo "terraform $name FAILED"
    return 1
  fi
  return 0
}

failed=0
step "fmt -check" terraform fmt -check -recursive -diff || failed=1
step "init" terraform init -backend=false -input=false -no-color -plugin-dir="$plugin_dir" || { echo "terraform: 0 passed, 1 failed"; exit 1; }
step "validate" terraform validate -no-color || failed=1

# The RDS CA bundle the images carry for sslmode=verify-full (docker/rds-ca/): every certificate parses, is a
# self-signed CA, and stays valid for ten more years.
check_rds_ca_bundle() {
  local bundle=../docker/rds-ca/rds-ca-bundle.pem dir count=0 cert
  command -v openssl >/dev/null 2>&1 || { echo "openssl not found"; return 1; }
  [ -s "$bundle" ] || { echo "$bundle is missing"; return 1; }
  dir="$(mktemp -d)"
  awk -v dir="$dir" '/BEGIN CERTIFICATE/{n++} n{print > sprintf("%s/%03d.pem", dir, n)}' "$bundle"
  for cert in "$dir"/*.pem; do
    openssl x509 -in "$cert" -noout -checkend $((10 * 365 * 24 * 3600)) >/dev/null \
      || { echo "$cert: unreadable or expires within ten years"; rm -rf "$dir"; return 1; }
    openssl verify -CAfile "$cert" "$cert" >/dev/null 2>&1 \
      || { echo "$cert: not a self-signed CA"; rm -rf "$dir"; return 1; }
    count=$((count + 1))
  done
  rm -rf "$dir"
  [ "$count" -ge 27 ] || { echo "only $count certificates"; return 1; }
}
step "rds ca bundle" check_rds_ca_bundle || failed=1

echo "== terraform test"
terraform test -no-color >"$log" 2>&1
test_rc=$?
grep -E '^(tests/|  run )' "$log" || true
summary="$(grep -Eo '(Success|Failure)! [0-9]+ passed, [0-9]+ failed' "$log" | tail -n1)"
if [ -z "$summary" ]; then
  cat "$log"
  echo "terraform test produced no summary"
  echo "terraform: 0 passed, 1 failed"
  exit 1
fi
passed="$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$summary")"
tfailed="$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$summary")"
if [ "$test_rc" -ne 0 ] || [ "$tfailed" -ne 0 ]; then
  grep -v '^  - ' "$log" | grep -E -A12 '^(Error|│ Error)' | head -n 120
  failed=1
  [ "$tfailed" -eq 0 ] && tfailed=1
fi

if [ "$failed" -ne 0 ] && [ "$tfailed" -eq 0 ]; then
  tfailed=1 # fmt or validate failed
fi
echo "terraform: ${passed} passed, ${tfailed} failed"
[ "$failed" -eq 0 ]
