"""The zygote of the judges' answer processes, seen from the grading process.

One zygote (`grader.grading.judge.zygote`) serves every judge a grading process starts, one judge
at a time: it is started in a sandbox of its own with the first judge, under that judge's kernel
manager's limits, and kept for the next judges. Each judge gets a folder for its socket inside the
one folder the zygote's sandbox sees (read-only, `answer_folders`); the zygote connects there, and
forks the judge's answer process. When the judge ends, the zygote ends that answer process and everything it
left. A zygote that died, or stopped answering, is replaced by a new one at the next judge.
"""

import atexit
import json
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from grader.grading import vocabulary
from grader.grading.judge.launch import zygote_command
from grader.grading.judge.transfer import receive_message, send_message
from grader.grading.sandbox import cgroups
from grader.grading.sandbox.bubblewrap import SOCKET_PARENT

REPLY_SECONDS = 120  # the first reply waits for the zygote's imports


@dataclass
class Zygote:
    process: subprocess.Popen
    control: socket.socket
    work_folder: Path  # on the disk: empty, since its sandbox's is RAM-backed
    settings: tuple
    cgroups: list = field(default_factory=list)

    def request(self, message: dict) -> dict:
        self.control.settimeout(REPLY_SECONDS)
        send_message(self.control, json.dumps(message).encode())
        reply = receive_message(self.control, 2**20)
        if reply is None:
            raise ConnectionError("the zygote ended")
        return json.loads(reply)

    def stop(self) -> None:
        self.control.close()
        self.process.kill()  # bubblewrap ends its whole sandbox with it
        self.process.wait()
        shutil.rmtree(self.work_folder, ignore_errors=True)
        for group in self.cgroups:
            cgroups.remove_cgroup(group)


_current: Zygote | None = None
_answer_folders: Path | None = None


def answer_folders() -> Path:
    """Where each judge's socket folder is made: the one folder every zygote of this process
    sees, so that a zygote started again still finds the judge it is asked to serve."""
    global _answer_folders
    if _answer_folders is None:
        _answer_folders = Path(tempfile.mkdtemp(prefix="grader-answers-", dir=SOCKET_PARENT))
        atexit.register(shutil.rmtree, _answer_folders, True)
    return _answer_folders


def zygote_for(manager) -> Zygote:
    """The zygote of this process, started (again) if it is missing, has died or was started
    under other limits than `manager`'s."""
    global _current
    settings = manager.limit_settings()
    if _current is not None and (_current.process.poll() is not None
                                 or _current.settings != settings):
        stop()
    if _current is None:
        _current = _start(manager, settings)
    return _current


def current() -> Zygote | None:
    return _current


def serve(manager, socket_path: Path, spec: dict, token: str) -> None:
    """Have the zygote serve the judge that listens on `socket_path` and admits it for `token`."""
    request = {"serve": str(socket_path), "spec": spec, "token": token}
    try:
        zygote_for(manager).request(request)
    except (OSError, ConnectionError, ValueError):
        stop()  # it died under the previous judge's answers: a new one, once
        zygote_for(manager).request(request)


def end_answers() -> None:
    """End the current answer process and all it left; a zygote that does not answer is
    stopped, to be started again for the next judge."""
    if _current is None:
        return
    try:
        _current.request({"end": True})
    except (OSError, ConnectionError, ValueError):
        stop()


def stop() -> None:
    global _current
    if _current is not None:
        _current.stop()
        _current = None


def _start(manager, settings) -> Zygote:
    work_folder = Path(tempfile.mkdtemp(prefix="grader-zygote-"))
    ours, theirs = socket.socketpair()
    command, groups = manager._sandboxed(
        zygote_command(), work_folder, (), (answer_folders(),),
        [vocabulary.CHILD_MAX_PROCESSES, manager.max_processes,
         vocabulary.ZYGOTE_CONTROL, theirs.fileno()],
        {"CUDA_VISIBLE_DEVICES": ""}, "zygote", as_pid_1=True)
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True,
                               pass_fds=(theirs.fileno(),))
    theirs.close()
    return Zygote(process, ours, work_folder, settings, groups)


atexit.register(stop)
