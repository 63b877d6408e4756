#!/usr/bin/env bash
# Installs everything reportgen needs on a Debian machine, then runs the main job on the bundled
# fixtures. Safe to run again: it installs only what is missing.
#
#   bash scripts/setup.sh            # install, then render the fixtures into out/
#   bash scripts/setup.sh --no-run   # install only (used by .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."

# LibreOffice (Writer, headless) and its Python bridge convert DOCX to PDF; poppler-utils turns
# PDF pages into pictures; Liberation fonts stand in, metric for metric, for Arial, and Symbola
# draws the emoji and symbols text from the data may hold; Chromium and
# its driver run axe-core on the web editions; Node.js and npm install axe-core.
APT_PACKAGES=(libreoffice-writer-nogui python3-uno poppler-utils fonts-liberation2 fonts-dejavu-core
              fonts-symbola chromium chromium-driver)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python3 -m pip install -q --disable-pip-version-check -e '.[dev]'

# axe-core, at the version package-lock.json pins.
[ -f node_modules/axe-core/axe.min.js ] || npm ci --no-audit --no-fund --silent

[ "${1:-}" = "--no-run" ] && exit 0

# The main job: check every bundled fixture, then render every document of both regions.
reportgen validate fixtures/*.json fixtures/*/region.json fixtures/*/plan.json
reportgen render-all fixtures/wales fixtures/east-of-england fixtures/national-review.json \
  --format docx,pdf,html,xlsx --out out
