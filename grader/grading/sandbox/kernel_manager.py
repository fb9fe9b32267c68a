"""`SandboxedKernelManager`: the kernel manager that starts each grading kernel in bubblewrap.

`ExecuteWithLimits` uses it unless `c.ExecuteWithLimits.sandbox = False`. On top of the isolation
of `grader.grading.sandbox.bubblewrap`, each kernel gets limits on memory, processes and file size
(the settings below). It talks to the grader over Unix sockets, since it has no network.
"""

import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer, default

from grader.grading import vocabulary
from grader.grading.sandbox.bubblewrap import SANDBOX_HOME, environment, isolation

SOCKET_PARENT = "/tmp" if os.path.isdir("/tmp") else None
PIDS_CGROUPS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup"))  # cgroup v1, v2


def limit_setting(limit: vocabulary.Limit) -> Integer:
    return Integer(limit.default, help=limit.meaning).tag(config=True)


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

    memory_limit_mb = limit_setting(vocabulary.MEMORY_LIMIT_MB)
    max_processes = limit_setting(vocabulary.MAX_PROCESSES_STARTED)
    max_tasks = limit_setting(vocabulary.MAX_TASKS)
    max_file_mb = limit_setting(vocabulary.MAX_FILE_MB)

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
            kernel[kernel.index("ipykernel_launcher")] = "grader.grading.sandbox.kernel"
        command = ["bwrap", *isolation(self._work_folder, self._socket_folder),
                   *environment(self._work_folder, self._requested_environment),
                   "--setenv", vocabulary.MAX_PROCESSES, str(self.max_processes),
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
