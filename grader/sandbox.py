"""Start each submission's kernel inside a bubblewrap sandbox.

`SandboxedKernelManager` is the kernel manager that `ExecuteWithLimits` uses (nbgrader_config.py:
`c.ExecuteWithLimits.sandbox`). The kernel sees the system's read-only folders, the Python
environment and this `grader` package read-only, and the folder it starts in (one submission's
work folder) read-write: the course folder, `solutions/`, the gradebook and every other student's
files do not exist for it. It has no network (only its own loopback), its own process tree, a
clean environment, and limits on memory, processes and file size. It talks to the grader over Unix
sockets, since it has no network.

Where bubblewrap cannot run (macOS, containers without user namespaces), `check_sandbox` says why
and names the opt-out: `grader autograde --no-sandbox`, or `c.ExecuteWithLimits.sandbox = False`.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer, default

GRADER_PACKAGE = Path(__file__).resolve().parent
SYSTEM_FOLDERS = ("/usr", "/etc", "/opt", "/sys")  # /sys: CUDA finds its GPU through it
SYSTEM_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64")
SANDBOX_HOME = ".sandbox-home"  # HOME and TMPDIR inside the work folder, removed afterwards
SOCKET_PARENT = "/tmp" if os.path.isdir("/tmp") else None
PIDS_CGROUPS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup"))  # cgroup v1, v2


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


def isolation(work_folder: Path, *also_writable: Path) -> list[str]:
    """bubblewrap arguments: namespaces, read-only system and Python, a writable work folder."""
    args = ["--unshare-all", "--die-with-parent", "--new-session", "--proc", "/proc",
            "--dev", "/dev"]
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
    if work_folder != Path("/"):
        args += ["--bind", str(work_folder), str(work_folder), "--chdir", str(work_folder)]
    return args


def environment(work_folder: Path, requested: dict | None = None) -> list[str]:
    """A clean environment: nothing of the grader's (tokens, paths) reaches student code.

    Of `requested` (the environment a kernel was asked to start with) only the GRADER_ variables
    and the GPU and thread settings pass, as they pass from the grader's own environment.
    """
    home = work_folder / SANDBOX_HOME
    keep = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "LANG": "C.UTF-8",
            "HOME": str(home), "TMPDIR": str(home), "MPLCONFIGDIR": str(home / "matplotlib"),
            "PYTHONHASHSEED": "0", "GRADER_SANDBOXED": "1"}
    for source in (os.environ, requested or {}):
        keep.update({name: value for name, value in source.items()
                     if name.startswith(("CUDA_", "NVIDIA_", "REQUIRE_CUDA", "OMP_", "MKL_"))})
    keep.update({name: value for name, value in (requested or {}).items()
                 if name.startswith("GRADER_")})
    args = ["--clearenv"]
    for name, value in sorted(keep.items()):
        args += ["--setenv", name, value]
    return args


def own_process_count() -> int:
    uid = os.getuid()
    count = 0
    for status in Path("/proc").glob("[0-9]*"):
        try:
            count += status.stat().st_uid == uid
        except OSError:
            pass  # the process ended meanwhile
    return count


def new_pids_cgroup(name: str) -> Path | None:
    """A new cgroup that can cap a kernel's processes, where this user may make one."""
    for base in PIDS_CGROUPS:
        if not ((base / "cgroup.procs").exists() and os.access(base, os.W_OK)):
            continue
        group = base / name
        try:
            group.mkdir(exist_ok=True)
            if (group / "pids.max").exists():
                return group
            group.rmdir()
        except OSError:
            pass
    return None


def remove_cgroup(group: Path) -> None:
    """Kill what is left in a kernel's cgroup (children it started) and remove the cgroup."""
    for _ in range(50):
        try:
            for pid in (group / "cgroup.procs").read_text().split():
                os.kill(int(pid), signal.SIGKILL)
            group.rmdir()
            return
        except OSError:
            time.sleep(0.1)  # processes still exiting


class SandboxedKernelManager(AsyncKernelManager):
    """An AsyncKernelManager whose kernel runs in bubblewrap, in the folder it starts in."""

    memory_limit_mb = Integer(
        4096, help="Memory (heap and anonymous mappings) a kernel may allocate, in MiB."
    ).tag(config=True)
    max_processes = Integer(
        32, help="Processes a notebook may start (grader/sandboxed_kernel.py refuses more)."
    ).tag(config=True)
    max_tasks = Integer(
        512, help="Processes and threads the sandbox may hold at once: the hard backstop, from "
        "RLIMIT_NPROC or, for root, a pids cgroup where one can be made."
    ).tag(config=True)
    max_file_mb = Integer(100, help="Largest file a kernel may write, in MiB.").tag(config=True)

    @default("transport")
    def _default_transport(self):
        return "ipc"  # the sandbox has no network, not even the grader's loopback

    async def _async_pre_start_kernel(self, **kwargs):
        # bubblewrap does not pass signals on: interrupt the kernel with a message instead.
        self.kernel_spec.interrupt_mode = "message"
        self._work_folder = Path(kwargs.get("cwd") or os.getcwd()).resolve()
        self._requested_environment = dict(kwargs.get("env") or {})
        # Unix socket paths may not exceed 107 bytes, so they live in a short folder of their own
        # (the same path inside and outside the sandbox), not in the work folder.
        self._socket_folder = Path(tempfile.mkdtemp(prefix="grader-kernel-", dir=SOCKET_PARENT))
        self.ip = str(self._socket_folder / "ipc")
        self.connection_file = str(self._socket_folder / "kernel.json")
        self._keep_matplotlib_font_cache()
        return await super()._async_pre_start_kernel(**kwargs)

    def format_kernel_cmd(self, extra_arguments=None):
        limits = [f"--data={self.memory_limit_mb * 2**20}", f"--fsize={self.max_file_mb * 2**20}",
                  "--core=0"]
        if os.getuid() != 0:  # the limit counts every process of the user, so add what runs now
            limits.append(f"--nproc={own_process_count() + self.max_tasks}")
        kernel = super().format_kernel_cmd(extra_arguments)
        if "ipykernel_launcher" in kernel:  # the kernel of every course notebook
            kernel[kernel.index("ipykernel_launcher")] = "grader.sandboxed_kernel"
        command = ["bwrap", *isolation(self._work_folder, self._socket_folder),
                   *environment(self._work_folder, self._requested_environment),
                   "--setenv", "GRADER_MAX_PROCESSES", str(self.max_processes),
                   "prlimit", *limits, "--", *kernel]
        if os.getuid() != 0:
            return command
        # No rlimit binds root: a cgroup caps the processes instead, where one can be made. The
        # shell joins it before it becomes bubblewrap, so every sandboxed process is counted.
        self._cgroup = new_pids_cgroup(f"grader-kernel-{os.getpid()}-{id(self)}")
        if self._cgroup is None:
            return command
        (self._cgroup / "pids.max").write_text(str(self.max_tasks))
        return ["sh", "-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', str(self._cgroup),
                *command]

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        self._remove_sandbox_files()

    # AsyncKernelManager binds this name to the base class's function, not to the override above;
    # nbclient calls it, also for a kernel that died.
    cleanup_resources = _async_cleanup_resources

    def _remove_sandbox_files(self) -> None:
        if hasattr(self, "_socket_folder"):
            shutil.rmtree(self._work_folder / SANDBOX_HOME, ignore_errors=True)
            shutil.rmtree(self._socket_folder, ignore_errors=True)
        if getattr(self, "_cgroup", None) is not None:
            remove_cgroup(self._cgroup)
            self._cgroup = None

    def _keep_matplotlib_font_cache(self):
        # A fresh MPLCONFIGDIR would make matplotlib rebuild its font list in every kernel.
        from matplotlib import get_cachedir
        cache_dir = self._work_folder / SANDBOX_HOME / "matplotlib"
        cache_dir.mkdir(parents=True, exist_ok=True)
        for font_list in Path(get_cachedir()).glob("fontlist-*.json"):
            shutil.copy(font_list, cache_dir)
