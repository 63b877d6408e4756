"""Writing output safely.

- A file appears under its name complete or not at all. A run makes its files in a private
  workspace (see `workspace`) and renames each finished file into place: where the workspace
  and the output are on one file system, nothing else ever appears in the output folder, even
  if the run is killed. Otherwise (or for a single file written directly) the content goes to a
  hidden temporary name beside the target, then is renamed; a run killed in that moment leaves
  the hidden file, which the next run removes (`sweep`).
- Only files the run made itself are written: a name taken by a symbolic link or by another
  file is replaced (the rename replaces the link itself), never written through.
- Files and folders are the user's alone (no group or world access, whatever the umask: they
  hold unpublished reports), within what the umask allows the user.
- A workspace is held by a lock while its run lives; one whose run was killed is removed by the
  next run.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from reportgen.errors import ReportgenError
from reportgen.processes import check_not_stopped

WORKSPACE_PREFIX = "reportgen-work-"
TEMP_PREFIX = ".~reportgen-"  # a file or folder being given its name; swept if left behind
STALE_SECONDS = 60  # a temporary name older than this was left by a killed run


class OutputError(ReportgenError):
    """Output that cannot be written where it was asked for."""


def umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def file_mode() -> int:
    return 0o600 & ~umask()


def folder_mode() -> int:
    return 0o700 & ~umask()


PRIVATE_UMASK = 0o077


def private_umask() -> None:
    """Whatever this process writes from now on (through this module or any library), the
    user's alone."""
    os.umask(os.umask(PRIVATE_UMASK) | PRIVATE_UMASK)


def _why(exc: OSError) -> str:
    reasons = {errno.EACCES: "permission denied", errno.EPERM: "permission denied",
               errno.EROFS: "the file system is read-only", errno.ENOSPC: "the disk is full",
               errno.ENAMETOOLONG: "the name is too long for the file system",
               errno.EISDIR: "a folder has that name", errno.ENOTDIR: "part of it is a file",
               errno.EEXIST: "a file has that name", errno.EDQUOT: "over the disk quota"}
    return reasons.get(exc.errno or 0, exc.strerror or str(exc)).lower()


def output_folder(out: Path, create: bool = True) -> Path:
    """`out`, checked to be a folder this user can write in (or, not made yet, one that can be
    made), and made if `create`."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: cannot write there: it is a file, not a folder; "
                          "give --out a folder")
    if not create:
        existing = next(p for p in (out, *out.absolute().parents) if p.exists())
        if not existing.is_dir():
            raise OutputError(f"{out}: cannot make the output folder: {existing} is a file")
        if not os.access(existing, os.W_OK | os.X_OK):
            where = "this folder" if existing == out.absolute() else existing
            raise OutputError(f"{out}: cannot write in {where}: permission denied")
        return out
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot make the output folder: {_why(exc)}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"{out}: cannot write in this folder: permission denied")
    return out


def write_atomically(path: Path, content: bytes) -> None:
    """Give `path` this content, complete or not at all; never through a link at `path`."""
    path = Path(path)
    _check_target(path)
    try:
        _write_beside(path, content)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the file: {_why(exc)}") from None


def place(made: Path, path: Path) -> None:
    """Move a finished file from the workspace to `path`, in one step where it can be."""
    _check_target(path)
    check_not_stopped()
    try:
        os.chmod(made, file_mode())
        try:
            os.rename(made, path)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            _write_beside(path, made.read_bytes())
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the file: {_why(exc)}") from None


def check_name(path: Path) -> None:
    """A file can be written at `path`: its name fits the file system, no folder has it."""
    limit = os.pathconf(path.parent, "PC_NAME_MAX") if path.parent.is_dir() else 255
    if len(os.fsencode(path.name)) > limit:
        raise OutputError(f"{path.name[:40]}...: cannot write the file: its name is longer than "
                          f"the file system allows ({limit} bytes)")
    if path.is_dir() and not path.is_symlink():
        raise OutputError(f"{path}: cannot write the file: a folder has that name")


def _check_target(path: Path) -> None:
    output_folder(path.parent)
    check_name(path)


def _write_beside(path: Path, content: bytes) -> None:
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name[:80]}.", dir=path.parent)
    tmp = Path(name)
    try:
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def place_folder(staging: Path, target: Path) -> None:
    """Give the finished folder `staging` its name `target` in one step: renamed if it is on the
    same file system, otherwise copied beside `target` under a hidden name and renamed."""
    check_not_stopped()
    os.chmod(staging, folder_mode())
    for file in staging.iterdir():
        os.chmod(file, file_mode())
    try:
        os.rename(staging, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise OutputError(f"{target}: cannot write the folder: {_why(exc)}") from None
    beside = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{target.name[:80]}.",
                                   dir=target.parent))
    try:
        for file in staging.iterdir():
            shutil.copyfile(file, beside / file.name)
            os.chmod(beside / file.name, file_mode())
        os.chmod(beside, folder_mode())
        os.rename(beside, target)
    except BaseException:
        shutil.rmtree(beside, ignore_errors=True)
        raise


def sweep(folder: Path) -> None:
    """Remove what a killed run left in `folder` (temporary names older than a minute)."""
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.name.startswith(TEMP_PREFIX) and _older_than(entry, STALE_SECONDS):
                _remove(entry)


# The temporary folder as it was before a run's workspace took Python's over: workspaces are
# made there, side by side, never one inside another (a nested path can be too long for the
# socket Chromium makes in its scratch folder).
_system_tmp: str | None = None


@contextlib.contextmanager
def workspace(name: str = "run") -> Iterator[Path]:
    """A private folder for work in progress, removed when the block ends. A lock held for the
    block's life tells later runs that it is in use; one left by a killed run is removed."""
    sweep_workspaces()
    root = _system_tmp or tempfile.gettempdir()
    path = Path(tempfile.mkdtemp(prefix=f"{WORKSPACE_PREFIX}{name}-{os.getpid()}-", dir=root))
    lock = os.open(path / ".lock", os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        os.close(lock)


@contextlib.contextmanager
def temporaries_in_workspace(name: str = "run") -> Iterator[Path]:
    """A workspace that also holds Python's temporary files for the block (a library's, such
    as openpyxl's sheets being written), so that a command killed leaves none loose. For a
    command on the main thread only: Python's temporary folder is one for the whole process,
    so a server's threads must not change it."""
    global _system_tmp
    with workspace(name) as path:
        (path / "tmp").mkdir()
        previous = tempfile.tempdir, _system_tmp
        _system_tmp = _system_tmp or tempfile.gettempdir()
        tempfile.tempdir = str(path / "tmp")
        try:
            yield path
        finally:
            tempfile.tempdir, _system_tmp = previous


def sweep_workspaces() -> None:
    """Remove workspaces whose run is gone (their lock is free)."""
    root = Path(_system_tmp or tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for entry in root.iterdir():
            if entry.name.startswith(WORKSPACE_PREFIX) and _abandoned(entry):
                shutil.rmtree(entry, ignore_errors=True)


def _abandoned(path: Path) -> bool:
    try:
        if path.stat().st_uid != os.getuid():
            return False
        fd = os.open(path / ".lock", os.O_RDWR | os.O_CLOEXEC)
    except FileNotFoundError:  # made but not yet locked, or partly removed: is its run alive?
        return not _alive(path.name.removeprefix(WORKSPACE_PREFIX).split("-")[1])
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # its run holds it
    finally:
        os.close(fd)
    return True


def _alive(pid: str) -> bool:
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.lstat().st_mtime > seconds
    except OSError:
        return False


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
