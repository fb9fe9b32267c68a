"""`SandboxedKernelManager`: the kernel manager that starts each grading kernel in bubblewrap.

`ExecuteWithLimits` uses it unless `c.ExecuteWithLimits.sandbox = False`. On top of the isolation
of `grader.grading.sandbox.bubblewrap`, each kernel gets limits on memory, processes, file size and
RAM-backed files (the settings below): per process with rlimits, and for the whole sandbox with
cgroups where they can be made (as root), whose counters say when a limit was enforced
(`limit_hits`). It talks to the grader over Unix sockets, since it has no network.

For the judge (`grader.grading.judge`), it also has the judge's answer process forked, beside the
judge, from the zygote (`grader.grading.sandbox.answer_zygote`), in a sandbox of its own under the
same limits, and ends it, with all it left, when the judge ends.
"""

import json
import os
import secrets
import shutil
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Integer, default

from grader.grading import vocabulary
from grader.grading.judge.launch import ANSWER_SOCKET
from grader.grading.judge.notebook import SPEC_FILE
from grader.grading.sandbox import answer_zygote
from grader.grading.sandbox.bubblewrap import (SANDBOX_HOME, SOCKET_PARENT, environment,
                                               isolation)
from grader.grading.sandbox.cgroups import limit_hits, new_cgroup, remove_cgroup

NOBODY = 65534  # owns a root kernel's socket folder, so that the kernel cannot make it writable


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
            # The judge listens for its answer process in a folder of their own: the zygote's
            # sandbox sees that folder, read-only, and none of the judge's.
            self._answer_folder = Path(tempfile.mkdtemp(prefix="judge-",
                                                        dir=answer_zygote.answer_folders()))
            writable.append(self._answer_folder)
            self._answer_token = secrets.token_hex(16)
            settings += [vocabulary.ANSWER_SOCKET, self._answer_folder / ANSWER_SOCKET,
                         vocabulary.ANSWER_TOKEN, self._answer_token]
        command, groups = self._sandboxed(kernel, self._work_folder, writable, (), settings,
                                          self._requested_environment, "kernel")
        self._cgroups += groups
        return command

    def limit_settings(self) -> tuple:
        """Everything a sandbox's limits depend on."""
        return (self.memory_limit_mb, self.max_processes, self.max_tasks, self.max_file_mb,
                self.shared_memory_mb, self.work_folder_mb, self.use_cgroups)

    def _sandboxed(self, command, work_folder, writable, readable, settings, requested, role,
                   as_pid_1=False) -> tuple[list[str], list[Path]]:
        """`command` in bubblewrap, under the limits, and in new cgroups where they can be made;
        and those cgroups."""
        limits = [f"--data={self.memory_limit_mb * 2**20}", f"--fsize={self.max_file_mb * 2**20}",
                  "--core=0", "--msgqueue=0"]  # POSIX message queues would outlive a process
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
            return command, []
        # No rlimit binds root: cgroups cap the processes, and the memory of the whole sandbox
        # (its children and its RAM-backed files too), where they can be made. The shell joins
        # them before it becomes bubblewrap, so every sandboxed process is counted.
        name = f"grader-{role}-{os.getpid()}-{id(self)}"
        groups = list(dict.fromkeys(filter(None, (
            new_cgroup("pids", name, self.max_tasks),
            new_cgroup("memory", name, self.memory_limit_mb * 2**20)))))
        if not groups:
            return command, []
        join = 'for group in $0; do echo $$ > "$group/cgroup.procs" || exit 70; done; exec "$@"'
        return ["sh", "-c", join, " ".join(map(str, groups)), *command], groups

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        if self._is_judge():
            # Beside the judge, the zygote connects to it once it listens, and forks its answer
            # process, which is given the spec (never the judge's folder).
            spec = json.loads((self._work_folder / SPEC_FILE).read_text())
            answer_zygote.serve(self, self._answer_folder / ANSWER_SOCKET, spec,
                                self._answer_token)
            self._serving = True
        return await super()._async_launch_kernel(kernel_cmd, **kw)

    def seal_socket_folder(self) -> None:
        """Once the kernel has made its sockets, forbid it to write in their folder, which is
        real disk (the grader must reach the sockets): as root, where the folder belongs to
        nobody and the kernel holds no capability to change that. As any other user the kernel
        owns the folder, and only the size of each file it writes there is capped."""
        if os.getuid() == 0:
            self._socket_folder.chmod(0o755)

    def limit_hits(self) -> dict[str, int]:
        """How many forks the sandbox refused, and processes it killed for memory, so far (for
        the judge, its answer process's too)."""
        groups = list(getattr(self, "_cgroups", []))
        if getattr(self, "_serving", False) and answer_zygote.current() is not None:
            groups += answer_zygote.current().cgroups
        return limit_hits(groups)

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        self._remove_sandbox_files()

    # AsyncKernelManager binds this name to the base class's function, not to the override above;
    # nbclient calls it, also for a kernel that died.
    cleanup_resources = _async_cleanup_resources

    def _remove_sandbox_files(self) -> None:
        if getattr(self, "_serving", False):  # the answer process, and all it left
            answer_zygote.end_answers()
            self._serving = False
        if hasattr(self, "_socket_folder"):  # HOME is in the real work folder where it is bound
            shutil.rmtree(self._work_folder / SANDBOX_HOME, ignore_errors=True)
            shutil.rmtree(self._socket_folder, ignore_errors=True)
        if getattr(self, "_answer_folder", None) is not None:
            shutil.rmtree(self._answer_folder, ignore_errors=True)
        for group in getattr(self, "_cgroups", ()):
            remove_cgroup(group)
        self._cgroups = []
