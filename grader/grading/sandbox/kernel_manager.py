"""`SandboxedKernelManager`: the kernel manager that starts each grading kernel in bubblewrap.

`ExecuteWithLimits` uses it unless `c.ExecuteWithLimits.sandbox = False`. On top of the isolation
of `grader.grading.sandbox.bubblewrap`, each kernel gets limits on memory, processes, file size and
RAM-backed files (the settings below): per process with rlimits, and for the whole sandbox with
cgroups where they can be made (as root), whose counters say when a limit was enforced
(`limit_hits`). It talks to the grader over Unix sockets, since it has no network.

For the judge (`grader.grading.judge`), it also starts the judge's answer process in a sandbox of
its own, under the same limits, and ends it with the judge.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Integer, default

from grader.grading import vocabulary
from grader.grading.judge.launch import ANSWER_SOCKET, template_command
from grader.grading.judge.notebook import SPEC_FILE
from grader.grading.sandbox.bubblewrap import SANDBOX_HOME, environment, isolation

SOCKET_PARENT = "/tmp" if os.path.isdir("/tmp") else None
NOBODY = 65534  # owns a root kernel's socket folder, so that the kernel cannot make it writable
CGROUP_ROOT = Path("/sys/fs/cgroup")  # v1: a folder per controller below it; v2: the root itself
CGROUP_LIMITS = {"pids": ("pids.max",), "memory": ("memory.max", "memory.limit_in_bytes")}
# Where a cgroup counts the times its limit was enforced: refused forks, processes killed for
# memory (v1 and v2 files), as "name count" lines.
CGROUP_EVENTS = {"pids": (("pids.events", "max"),),
                 "memory": (("memory.events", "oom_kill"), ("memory.oom_control", "oom_kill"))}


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


def new_cgroup(controller: str, name: str, limit: int) -> Path | None:
    """A new cgroup that caps `controller` ("pids" or "memory") at `limit`, where this user may
    make one: cgroup v1 has a hierarchy per controller, v2 one for all."""
    for base in (CGROUP_ROOT / controller, CGROUP_ROOT):
        if not ((base / "cgroup.procs").exists() and os.access(base, os.W_OK)):
            continue
        group = base / name
        try:
            group.mkdir(exist_ok=True)
            for limit_file in CGROUP_LIMITS[controller]:
                if (group / limit_file).exists():
                    (group / limit_file).write_text(str(limit))
                    return group
            group.rmdir()
        except OSError:
            pass
    return None


def cgroups_available() -> bool:
    """Whether this process may make the cgroups that cap a sandbox's processes and memory."""
    return os.getuid() == 0 and any((base / "cgroup.procs").exists() and os.access(base, os.W_OK)
                                    for base in (CGROUP_ROOT / "memory", CGROUP_ROOT))


def limit_hits(groups: list[Path]) -> dict[str, int]:
    """How many times each controller's limit was enforced in `groups` so far."""
    hits = {}
    for controller, files in CGROUP_EVENTS.items():
        for group in groups:
            for name, key in files:
                try:
                    lines = (group / name).read_text().splitlines()
                except OSError:
                    continue
                counts = [int(line.split()[1]) for line in lines if line.split()[:1] == [key]]
                hits[controller] = hits.get(controller, 0) + sum(counts)
    return hits


def remove_cgroup(group: Path) -> None:
    """Kill what is left in a kernel's cgroup (children it started) and remove the cgroup."""
    for _ in range(50):
        try:
            for pid in (group / "cgroup.procs").read_text().split():
                os.kill(int(pid), signal.SIGKILL)
            group.rmdir()
            return
        except FileNotFoundError:
            return  # v2: the same group served both controllers, and is gone
        except OSError:
            time.sleep(0.1)  # processes still exiting


class SandboxedKernelManager(AsyncKernelManager):
    """An AsyncKernelManager whose kernel runs in bubblewrap, in the folder it starts in."""

    memory_limit_mb = limit_setting(vocabulary.MEMORY_LIMIT_MB)
    max_processes = limit_setting(vocabulary.MAX_PROCESSES_STARTED)
    max_tasks = limit_setting(vocabulary.MAX_TASKS)
    max_file_mb = limit_setting(vocabulary.MAX_FILE_MB)
    shared_memory_mb = limit_setting(vocabulary.SHARED_MEMORY_MB)
    work_folder_mb = limit_setting(vocabulary.WORK_FOLDER_MB)
    use_cgroups = Bool(
        True, help="Cap the processes and the memory of the whole sandbox (its children and "
        "RAM-backed files too) with cgroups, where they can be made (as root); without them "
        "only the per-process limits hold."
    ).tag(config=True)

    @default("transport")
    def _default_transport(self):
        return "ipc"  # the sandbox has no network, not even the grader's loopback

    async def _async_pre_start_kernel(self, **kwargs):
        # bubblewrap does not pass signals on: interrupt the kernel with a message instead.
        self.kernel_spec.interrupt_mode = "message"
        self._work_folder = Path(kwargs.get("cwd") or os.getcwd()).resolve()
        self._requested_environment = dict(kwargs.get("env") or {})
        self._cgroups = []
        # Unix socket paths may not exceed 107 bytes, so they live in a short folder of their own
        # (the same path inside and outside the sandbox), not in the work folder.
        self._socket_folder = Path(tempfile.mkdtemp(prefix="grader-kernel-", dir=SOCKET_PARENT))
        if os.getuid() == 0:  # writable by the kernel until it has made its sockets
            os.chown(self._socket_folder, NOBODY, NOBODY)
            self._socket_folder.chmod(0o777)
        self.ip = str(self._socket_folder / "ipc")
        self.connection_file = str(self._socket_folder / "kernel.json")
        return await super()._async_pre_start_kernel(**kwargs)

    def _is_judge(self) -> bool:
        return self._requested_environment.get(vocabulary.JUDGE) == "1"

    def format_kernel_cmd(self, extra_arguments=None):
        kernel = super().format_kernel_cmd(extra_arguments)
        if "ipykernel_launcher" in kernel:  # the kernel of every course notebook
            kernel[kernel.index("ipykernel_launcher")] = "grader.grading.sandbox.kernel"
        writable, settings = [self._socket_folder], [vocabulary.MAX_PROCESSES, self.max_processes]
        if self._is_judge():
            # The judge listens for its answer process in a folder of their own: the answer
            # process's sandbox sees that folder, read-only, and none of the judge's.
            self._answer_folder = Path(tempfile.mkdtemp(prefix="grader-answers-",
                                                        dir=SOCKET_PARENT))
            writable.append(self._answer_folder)
            settings += [vocabulary.ANSWER_SOCKET, self._answer_folder / ANSWER_SOCKET]
        return self._sandboxed(kernel, self._work_folder, writable, (), settings,
                               self._requested_environment, "kernel")

    def _sandboxed(self, command, work_folder, writable, readable, settings, requested, role,
                   as_pid_1=False):
        """`command` in bubblewrap, under the limits, and in new cgroups where they can be made."""
        limits = [f"--data={self.memory_limit_mb * 2**20}", f"--fsize={self.max_file_mb * 2**20}",
                  "--core=0"]
        if os.getuid() != 0:  # the limit counts every process of the user, so add what runs now
            limits.append(f"--nproc={own_process_count() + self.max_tasks}")
        variables = []
        for name, value in zip(settings[::2], settings[1::2]):
            variables += ["--setenv", name, str(value)]
        command = ["bwrap", *isolation(work_folder, *writable, also_readable=tuple(readable),
                                       shared_memory_mb=self.shared_memory_mb,
                                       work_folder_mb=self.work_folder_mb, as_pid_1=as_pid_1),
                   *environment(work_folder, requested), *variables,
                   "prlimit", *limits, "--", *command]
        if os.getuid() != 0 or not self.use_cgroups:
            return command
        # No rlimit binds root: cgroups cap the processes, and the memory of the whole sandbox
        # (its children and its RAM-backed files too), where they can be made. The shell joins
        # them before it becomes bubblewrap, so every sandboxed process is counted.
        name = f"grader-{role}-{os.getpid()}-{id(self)}"
        groups = list(dict.fromkeys(filter(None, (
            new_cgroup("pids", name, self.max_tasks),
            new_cgroup("memory", name, self.memory_limit_mb * 2**20)))))
        if not groups:
            return command
        self._cgroups += groups
        join = 'for group in $0; do echo $$ > "$group/cgroup.procs" || exit 70; done; exec "$@"'
        return ["sh", "-c", join, " ".join(map(str, groups)), *command]

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        if self._is_judge():
            self._start_answer_process()
        return await super()._async_launch_kernel(kernel_cmd, **kw)

    def _start_answer_process(self) -> None:
        """Start the judge's answer process (grader.grading.judge.answers) beside the judge, in
        a sandbox of its own, under the same limits: it gets the spec, not the judge's folder.
        It is the sandbox's first process, so that the answers it runs cannot end it."""
        self._answer_work = Path(tempfile.mkdtemp(prefix="grader-answer-work-"))
        spec = self._answer_work / SPEC_FILE
        shutil.copy(self._work_folder / SPEC_FILE, spec)
        command = self._sandboxed(
            template_command(str(self._answer_folder / ANSWER_SOCKET), str(spec)),
            self._answer_work, (), (self._answer_folder,),
            [vocabulary.CHILD_MAX_PROCESSES, self.max_processes],
            {"CUDA_VISIBLE_DEVICES": ""}, "answers", as_pid_1=True)
        self._answer_process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)

    def seal_socket_folder(self) -> None:
        """Once the kernel has made its sockets, forbid it to write in their folder, which is
        real disk (the grader must reach the sockets): as root, where the folder belongs to
        nobody and the kernel holds no capability to change that. As any other user the kernel
        owns the folder, and only the size of each file it writes there is capped."""
        if os.getuid() == 0:
            self._socket_folder.chmod(0o755)

    def limit_hits(self) -> dict[str, int]:
        """How many forks the sandbox refused, and processes it killed for memory, so far."""
        return limit_hits(getattr(self, "_cgroups", []))

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        self._remove_sandbox_files()

    # AsyncKernelManager binds this name to the base class's function, not to the override above;
    # nbclient calls it, also for a kernel that died.
    cleanup_resources = _async_cleanup_resources

    def _remove_sandbox_files(self) -> None:
        process = getattr(self, "_answer_process", None)
        if process is not None:  # its sandbox's whole process tree ends with bubblewrap
            process.kill()
            process.wait()
            self._answer_process = None
        if hasattr(self, "_socket_folder"):  # HOME is in the real work folder where it is bound
            shutil.rmtree(self._work_folder / SANDBOX_HOME, ignore_errors=True)
            shutil.rmtree(self._socket_folder, ignore_errors=True)
        for folder in (getattr(self, "_answer_folder", None), getattr(self, "_answer_work", None)):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
        for group in getattr(self, "_cgroups", ()):
            remove_cgroup(group)
        self._cgroups = []
