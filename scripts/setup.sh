#!/usr/bin/env bash
# Installs everything reportgen needs on a Debian machine, into a project virtual environment
# (.venv) built from pyproject.toml alone, then runs the main job on the bundled fixtures. Safe to
# run again: it installs only what is missing.
#
#   bash scripts/setup.sh            # install, then render the fixtures into out/
#   bash scripts/setup.sh --no-run   # install only
#   bash scripts/setup.sh --fresh    # throw the environment away and build it again (CI)
#   bash scripts/setup.sh --system-only   # the Debian packages only (a shared server's image)
set -euo pipefail
cd "$(dirname "$0")/.."

run=1 fresh=0 system_only=0
for arg in "$@"; do
  case "$arg" in
    --no-run) run=0 ;;
    --fresh) fresh=1 ;;
    --system-only) system_only=1 ;;
    *) echo "setup.sh: unknown option $arg (use --no-run, --fresh, --system-only)" >&2; exit 2 ;;
  esac
done

# LibreOffice (Writer, headless) and its Python bridge convert DOCX to PDF; poppler-utils turns
# PDF pages into pictures; Liberation fonts stand in, metric for metric, for Arial, and Symbola
# draws the emoji and symbols text from the data may hold; Chromium and its driver run axe-core
# on the web editions and the browser tests; PostgreSQL is the shared store's server, started by
# the tests in a temporary folder; python3-venv builds the project's environment.
APT_PACKAGES=(poppler-utils fonts-liberation2 fonts-dejavu-core fonts-symbola chromium chromium-driver
              postgresql python3-venv)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)
# LibreOffice 24.2 or newer keeps the tags of Word content controls when it saves a document,
# which is how an edited report is read back into the data; Debian 12 has it in its backports.
LIBREOFFICE=(libreoffice-writer-nogui python3-uno)
LIBREOFFICE_FROM=()

# System packages are installed as root: directly when this runs as root (sudo need not exist),
# through sudo otherwise, keeping DEBIAN_FRONTEND.
root() {  # root COMMAND...
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -E "$@"
  else
    echo "setup.sh: system packages are missing and installing them needs root: run this as root" \
      "or as a user with sudo" >&2
    exit 1
  fi
}

# apt-get install, showing one line per package as dpkg sets it up instead of dpkg's running
# "(Reading database ... 5%" lines; apt's errors and warnings still reach the terminal as they are.
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  root apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 "$@" \
    | { grep --line-buffered -E '^Setting up ' | sed -u 's/^Setting up /  installed /; s/ \.\.\.$//' || true; }
}

codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
if [ "$codename" = bookworm ]; then
  LIBREOFFICE_FROM=(-t bookworm-backports)
  list=/etc/apt/sources.list.d/reportgen-bookworm-backports.list
  grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/ \
    || echo "deb http://deb.debian.org/debian bookworm-backports main" | root tee "$list" >/dev/null
fi

installed() {  # installed [MIN_VERSION] PACKAGE
  local version
  version=$(dpkg-query -W -f='${Status} ${Version}' "${@: -1}" 2>/dev/null) || return 1
  [[ "$version" == "install ok installed"* ]] || return 1
  [ $# -eq 1 ] || dpkg --compare-versions "${version##* }" ge "$1"
}

missing=() lo_missing=()
for pkg in "${APT_PACKAGES[@]}"; do installed "$pkg" || missing+=("$pkg"); done
for pkg in "${LIBREOFFICE[@]}"; do installed "4:24.2" "$pkg" || lo_missing+=("$pkg"); done
if [ $((${#missing[@]} + ${#lo_missing[@]})) -gt 0 ]; then
  echo "Installing system packages: ${missing[*]} ${lo_missing[*]}"
  root apt-get update -qq
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
  [ ${#lo_missing[@]} -eq 0 ] || apt_install "${LIBREOFFICE_FROM[@]}" "${lo_missing[@]}"
fi

[ "$system_only" = 1 ] && exit 0

# The project's Python environment: made from pyproject.toml and nothing else, so a package
# installed by hand elsewhere can never hide one the project forgot to declare.
[ "$fresh" = 1 ] && rm -rf .venv
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'

# axe-core and the GOV.UK Design System's govuk-frontend (served by `reportgen serve` from this
# folder, never from a CDN), at the versions package-lock.json pins.
[ -f node_modules/axe-core/axe.min.js ] && [ -f node_modules/govuk-frontend/package.json ] \
  || npm ci --no-audit --no-fund --silent

[ "$run" = 0 ] && exit 0

# The main job: check every bundled fixture, then render every document of both regions.
export PATH="$PWD/.venv/bin:$PATH"
reportgen validate fixtures/*.json fixtures/*/region.json fixtures/*/plan.json
reportgen render-all fixtures/wales fixtures/east-of-england fixtures/national-review.json \
  --format docx,pdf,html,xlsx --out out
echo
echo "Done. The documents are in out/. To use reportgen from this shell: source .venv/bin/activate"
