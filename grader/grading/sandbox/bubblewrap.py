"""The bubblewrap command line that confines a grading kernel, and whether bubblewrap works here.

The kernel sees the system's read-only folders, the Python environment and the `grader` package
that the grading process imported, read-only, and the folder it starts in (one submission's work
folder) as a RAM-backed folder of its own that holds that folder's files read-only
(`work_folder_binds`): the course folder, `solutions/`, the gradebook and every other student's
files do not exist for it. Even the sandbox's own root is read-only, and no process in it holds a
capability, not even as root, so none can make a read-only folder writable again. It has no
network (only its own loopback), its own process tree and a clean environment
(`grader.grading.vocabulary` lists what it holds).

Where bubblewrap cannot run (macOS, containers without user namespaces), `check_sandbox` says why
and names the opt-out: `grader autograde --no-sandbox`, or `c.ExecuteWithLimits.sandbox = False`.
"""

import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import grader
from grader.grading import vocabulary

# The package this process imported: a kernel must import the same one, wherever it lives (a
# copy of the course graded with the environment of the original clone, say).
GRADER_PACKAGE = Path(grader.__file__).resolve().parent
SYSTEM_FOLDERS = ("/usr", "/etc", "/opt", "/sys")  # /sys: CUDA finds its GPU through it
SYSTEM_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64")
# Run as root, bubblewrap leaves the sandbox its capabilities (within its own user namespace),
# and with them student code could remount any read-only bind read-write, the grader package
# included, and write to the real folder behind it. Nothing in a sandbox needs a capability.
DROP_CAPABILITIES = ("--cap-drop", "ALL")
# Unix socket paths may not exceed 107 bytes, so sockets live in short folders of their own.
SOCKET_PARENT = "/tmp" if os.path.isdir("/tmp") else None
SANDBOX_HOME = ".sandbox-home"  # HOME and TMPDIR, inside the work folder


class SandboxUnavailable(RuntimeError):
    pass


@cache
def check_sandbox() -> None:
    """Raise SandboxUnavailable, saying what to do, unless bubblewrap works on this machine."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        reason = "bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    else:
        probe = subprocess.run([bwrap, *isolation(Path("/")), "true"],
                               capture_output=True, text=True)
        if probe.returncode == 0:
            return
        reason = f"bubblewrap cannot run here: {probe.stderr.strip() or probe.returncode}"
    raise SandboxUnavailable(
        f"grading refuses to run students' code unsandboxed: {reason}. Grade on a Linux machine "
        "where bubblewrap works, or, at your own risk, pass --no-sandbox to grader autograde "
        "(or set c.ExecuteWithLimits.sandbox = False in nbgrader_config.py).")


def unavailable_reason() -> str | None:
    """None where grading can sandbox; otherwise what check_sandbox would say."""
    try:
        check_sandbox()
    except SandboxUnavailable as refusal:
        return str(refusal)
    return None


def isolation(work_folder: Path, *also_writable: Path, also_readable: tuple[Path, ...] = (),
              shared_memory_mb: int = vocabulary.SHARED_MEMORY_MB.default,
              work_folder_mb: int = vocabulary.WORK_FOLDER_MB.default,
              as_pid_1: bool = False) -> list[str]:
    """bubblewrap arguments: namespaces, read-only system and Python, a writable work folder.
    `as_pid_1`: the command is the sandbox's first process, which no process it starts can kill."""
    args = ["--unshare-all", *DROP_CAPABILITIES, "--die-with-parent", "--new-session",
            "--proc", "/proc", "--dev", "/dev",
            "--size", str(shared_memory_mb * 2**20), "--tmpfs", "/dev/shm"]
    for folder in SYSTEM_FOLDERS:
        args += ["--ro-bind-try", folder, folder]
    for link in SYSTEM_LINKS:
        if os.path.islink(link):
            args += ["--symlink", os.readlink(link), link]
        elif os.path.isdir(link):
            args += ["--ro-bind", link, link]
    for device in sorted(Path("/dev").glob("nvidia*")):  # a CUDA runner's GPU
        args += ["--dev-bind", str(device), str(device)]
    for folder in sorted({sys.base_prefix, sys.prefix, str(GRADER_PACKAGE)}):
        args += ["--ro-bind", folder, folder]
    for folder in also_writable:
        args += ["--bind", str(folder), str(folder)]
    for folder in also_readable:
        args += ["--ro-bind", str(folder), str(folder)]
    if work_folder != Path("/"):
        args += work_folder_binds(work_folder, work_folder_mb) + ["--chdir", str(work_folder)]
    # The folders bubblewrap made for the binds above would otherwise be writable, and one of
    # them is on the import path (PYTHONPATH): nothing but the binds marked writable may be.
    if as_pid_1:
        args.append("--as-pid-1")
    return args + ["--remount-ro", "/"]


def work_folder_binds(work_folder: Path, size_mb: int) -> list[str]:
    """The work folder: a RAM-backed folder of `size_mb` that holds, read-only, what the grader
    put in the real one (the notebook, the judge's spec), with HOME inside it. What the kernel
    writes there is capped as a whole and gone when the sandbox ends; a memory cgroup counts it.
    With `size_mb` 0, the real folder, writable, as plain nbgrader would run the notebook."""
    home = work_folder / SANDBOX_HOME
    if size_mb:
        args = ["--size", str(size_mb * 2**20), "--tmpfs", str(work_folder)]
        for entry in sorted(work_folder.iterdir()):
            if entry != home:  # bubblewrap reads each from the real folder, under the new one
                args += ["--ro-bind", str(entry), str(entry)]
    else:
        args = ["--bind", str(work_folder), str(work_folder)]
    args += ["--dir", str(home)]
    # A new matplotlib folder would rebuild its font list in every kernel: lend it the grader's.
    from matplotlib import get_cachedir
    for font_list in sorted(Path(get_cachedir()).glob("fontlist-*.json")):
        args += ["--ro-bind", str(font_list), str(home / "matplotlib" / font_list.name)]
    return args


def environment(work_folder: Path, requested: dict | None = None) -> list[str]:
    """A clean environment: nothing of the grader's (tokens, paths) reaches student code.

    Besides the variables `grader.grading.vocabulary` declares, only the GPU and thread settings
    pass, from the grader's environment or from `requested` (the environment a kernel was asked to
    start with), and from `requested` the judge's mark.
    """
    home = work_folder / SANDBOX_HOME
    keep = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            "PYTHONPATH": str(GRADER_PACKAGE.parent), "LANG": "C.UTF-8",
            "HOME": str(home), "TMPDIR": str(home), "MPLCONFIGDIR": str(home / "matplotlib"),
            "PYTHONHASHSEED": "0", vocabulary.SANDBOXED: "1"}
    requested = requested or {}
    for source in (os.environ, requested):
        keep.update({name: value for name, value in source.items()
                     if name.startswith(vocabulary.PASSED_ON_PREFIXES)})
    if vocabulary.JUDGE in requested:
        keep[vocabulary.JUDGE] = requested[vocabulary.JUDGE]
    args = ["--clearenv"]
    for name, value in sorted(keep.items()):
        args += ["--setenv", name, value]
    return args
