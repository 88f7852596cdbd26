#!/usr/bin/env bash
# The one test command (`npm test`): lint, format check, type-check, unit and property tests,
# production build and its checks, test build, browser tests (on the test build). Prints one
# closing line "N passed, N failed" (checks + tests) and exits non-zero when anything failed.
set -u
cd "$(dirname "$0")/.."
OUT=.ci-out
rm -rf "$OUT" && mkdir -p "$OUT"
checks_passed=0
checks_failed=0

step() {
  local name=$1
  shift
  echo "── $name: $*"
  if "$@"; then
    checks_passed=$((checks_passed + 1))
  else
    echo "✗ $name failed"
    checks_failed=$((checks_failed + 1))
  fi
}

# Chromium for the browser tests: Debian's package (Playwright cannot download browsers here).
ensure_chromium() {
  local bin=${CHROMIUM_PATH:-/usr/bin/chromium}
  [ -x "$bin" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium for the browser tests (apt-get install -y chromium)…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >"$OUT/apt.log" 2>&1 && [ -x "$bin" ] && return 0
  fi
  echo "Chromium is missing: run 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH) and try again."
  return 1
}

# A CJK font, so the zh-CN screenshots the browser tests write show Chinese rather than boxes (issue 19).
# Not a test: without it (no root, no apt) the tests run the same and only the screenshots suffer.
ensure_cjk_font() {
  command -v fc-list >/dev/null && [ -n "$(fc-list :lang=zh 2>/dev/null)" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei) >"$OUT/apt-font.log" 2>&1 ||
      echo "note: no CJK font installed (fonts-wqy-zenhei); zh-CN screenshots will show boxes"
  fi
}

step eslint npx eslint . --max-warnings=0
step prettier npx prettier --check . --log-level warn
step typecheck npx tsc -p . --noEmit
npx vitest run --reporter=default --reporter=json --outputFile.json="$OUT/vitest.json"
# dist: the production build (what is deployed; the size budget and the no-test-hooks guard are on it).
# dist-e2e: the same build plus the browser tests' hooks (window.__floplab), which the browser tests drive.
step build npx vite build --logLevel warn
step no-test-hooks node scripts/check-no-test-hooks.mjs dist
step bundle-size node scripts/check-bundle-size.mjs
step build-e2e npx vite build --mode e2e --outDir dist-e2e --logLevel warn
if ensure_chromium; then
  ensure_cjk_font
  npx playwright test
else
  checks_failed=$((checks_failed + 1))
fi

node scripts/summarize.mjs "$checks_passed" "$checks_failed" "$OUT/vitest.json" "$OUT/playwright.json"
