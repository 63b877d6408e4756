"""The README's first command, `bash scripts/setup.sh`, on a machine that has none of the system
packages: its install branch runs for real (the machine that runs CI has every package already,
so without this test that branch would never run). Stand-ins for dpkg-query (every package
reported missing) and apt-get (recording its arguments and printing what dpkg prints) take the
place of the package manager; everything else, the project's environment included, is real.

As root the script must call apt-get itself (sudo need not exist); as anyone else, through sudo.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

# What the project needs from Debian, named independently of the script: the PDF converter and
# its Python bridge, the page renderer of the layout checks, the fonts the house style and
# hostile text need, the browser and its driver for the accessibility checks and browser tests,
# the store's server, and venv.
SYSTEM = {"poppler-utils", "fonts-liberation2", "fonts-dejavu-core", "fonts-symbola",
          "chromium", "chromium-driver", "postgresql", "python3-venv"}
LIBREOFFICE = {"libreoffice-writer-nogui", "python3-uno"}

APT_GET = """#!/bin/sh
# Records its arguments; for "install", prints what dpkg prints for each package.
echo "apt-get $*" >> {log}
[ "$1" = update ] && exit 0
echo "(Reading database ... 5%"
skip=
for arg in "$@"; do
  [ -n "$skip" ] && skip= && continue
  case "$arg" in -o|-t) skip=1; continue ;; -*|install) continue ;; esac
  echo "Selecting previously unselected package $arg."
  echo "Unpacking $arg (1.0-1) ..."
  echo "Setting up $arg (1.0-1) ..."
done
"""
SUDO = """#!/bin/sh
# Records how it was called, then runs apt-get (the stand-in); anything else (tee of the
# backports list) is only recorded.
echo "sudo $*" >> {log}
[ "$1" = -E ] && shift
[ "$1" = apt-get ] && exec "$@"
cat > /dev/null
"""


def _stand_ins(folder: Path, log: Path, sudo: bool) -> Path:
    bin_ = folder / "bin"
    bin_.mkdir()
    bin_.chmod(0o755)  # the other account runs these, whatever this process's umask
    scripts = {"dpkg-query": "#!/bin/sh\nexit 1\n", "apt-get": APT_GET.format(log=log)}
    # As root a sudo on the PATH must not be called: this one records it if it is.
    scripts["sudo"] = SUDO.format(log=log) if sudo else \
        f"#!/bin/sh\necho \"sudo $*\" >> {log}\nexit 1\n"
    for name, text in scripts.items():
        (bin_ / name).write_text(text)
        (bin_ / name).chmod(0o755)
    return bin_


@pytest.fixture
def project() -> Iterator[Path]:
    """A copy of the project as a clone has it (the files git tracks), in a folder every
    account can read."""
    folder = Path(tempfile.mkdtemp(prefix="reportgen-setup-"))
    folder.chmod(0o755)
    copy = folder / "reportgen"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file() and not (ROOT / name).is_symlink():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    for path in [copy, *copy.rglob("*")]:  # readable by the other account, whatever the umask
        path.chmod(0o755 if path.is_dir() else 0o644)
    # npm's packages are not the subject here: the clone's own install of them is reused.
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    log = folder / "calls.log"
    log.touch(mode=0o666)
    log.chmod(0o666)
    yield copy
    shutil.rmtree(folder, ignore_errors=True)


def _installed(calls: list[str], prefix: str) -> tuple[set[str], list[str]]:
    """The packages asked for by `apt-get install` calls, and the options of those calls."""
    packages, options = set(), []
    for call in calls:
        words = call.split()
        if words[:len(prefix.split())] != prefix.split() or "install" not in words:
            continue
        rest = iter(words[words.index("install") + 1:])
        for word in rest:
            if word in ("-o", "-t"):  # an option with a value
                options.append(f"{word} {next(rest)}")
            elif word.startswith("-"):
                options.append(word)
            else:
                packages.add(word)
    return packages, options


def _codename() -> str:
    for line in Path("/etc/os-release").read_text().splitlines():
        if line.startswith("VERSION_CODENAME="):
            return line.split("=", 1)[1].strip('"')
    return ""


@pytest.mark.skipif(os.geteuid() != 0, reason="the root branch needs the tests to run as root, "
                    "as CI does")
def test_as_root_without_sudo_it_installs_every_package_and_builds_the_environment(project):
    """As root on a machine without sudo, the script stopped at once: "-E: command not
    found"."""
    log = project.parent / "calls.log"
    bin_ = _stand_ins(project.parent, log, sudo=False)
    env = {**os.environ, "PATH": f"{bin_}:{os.environ['PATH']}"}
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(["bash", "scripts/setup.sh", "--no-run"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    calls = log.read_text().splitlines()
    assert not [c for c in calls if c.startswith("sudo")], calls
    assert calls[0] == "apt-get update -qq"
    packages, options = _installed(calls, "apt-get")
    assert packages >= SYSTEM | LIBREOFFICE, packages
    if _codename() == "bookworm":  # LibreOffice 24.2 or newer comes from the backports
        lo = next(c for c in calls if "libreoffice-writer-nogui" in c)
        assert "-t bookworm-backports" in lo and "postgresql" not in lo
    assert "-y" in options
    # One line a package as dpkg sets it up, not dpkg's running "Reading database" lines.
    for package in SYSTEM | LIBREOFFICE:
        assert done.stdout.count(f"  installed {package} (1.0-1)\n") == 1, done.stdout
    assert "Reading database" not in done.stdout and "Unpacking" not in done.stdout
    # The project's environment, built from pyproject.toml, runs reportgen.
    check = subprocess.run([str(project / ".venv/bin/reportgen"), "validate",
                            "fixtures/wales/region.json"], cwd=project, capture_output=True,
                           text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="runs the script as another account, which "
                    "needs root")
def test_as_another_account_it_installs_every_package_through_sudo(project):
    log = project.parent / "calls.log"
    bin_ = _stand_ins(project.parent, log, sudo=True)
    env = {"PATH": f"{bin_}:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(project.parent),
           "LANG": "C.UTF-8"}
    done = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                           "bash", "scripts/setup.sh", "--system-only"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    calls = log.read_text().splitlines()
    assert calls[0] == "sudo -E apt-get update -qq"
    packages, _ = _installed(calls, "sudo -E apt-get")
    assert packages >= SYSTEM | LIBREOFFICE, calls
    # apt-get ran only as sudo's command, never called directly
    assert [c for c in calls if c.startswith("apt-get")] == \
        [c.removeprefix("sudo -E ") for c in calls if c.startswith("sudo -E apt-get")]
    assert not (project / ".venv").exists()  # --system-only stops there


@pytest.mark.skipif(os.geteuid() != 0, reason="runs the script as another account, which "
                    "needs root")
def test_as_another_account_without_sudo_it_says_what_to_do(project):
    log = project.parent / "calls.log"
    bin_ = _stand_ins(project.parent, log, sudo=True)
    (bin_ / "sudo").unlink()
    env = {"PATH": f"{bin_}:/usr/bin:/bin", "HOME": str(project.parent), "LANG": "C.UTF-8"}
    if shutil.which("sudo", path="/usr/bin:/bin"):
        pytest.skip("sudo is installed on this machine")
    done = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                           "bash", "scripts/setup.sh", "--system-only"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert "installing them needs root: run this as root or as a user with sudo" in done.stderr
    assert "apt-get install" not in log.read_text()
