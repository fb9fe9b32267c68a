"""The zygote: the warm process from which each judge's answer process is forked.

Starting an answer process cold costs what starting Python, NumPy, PyTorch, IPython and the
lesson's imports costs (about 2 s of CPU), once per graded notebook. The kernel manager
(`grader.grading.sandbox`) starts one zygote per grading process instead, in a sandbox of its own,
as that sandbox's first process: it imports `grader.grading.judge.answers` (and with it the
scientific stack), `torch._dynamo` (which the first `torch.optim` optimizer needs), matplotlib and
the course's helpers, then waits for requests on the socket it inherits
(`vocabulary.ZYGOTE_CONTROL` names its descriptor). It never runs a cell, a test or an answer,
and never receives a kernel's key.

Each request names the socket of a judge and carries the judge's spec and the token that admits
the zygote there (`grader.grading.judge.kernel`). The zygote first ends everything the previous
answer process left in the sandbox (`clean`): every process, every file in its work folder (HOME
and TMPDIR included) and in /dev/shm, every System V IPC object. Then it connects to the judge,
presents the token (the judge admits one connection, so the token is spent before any answer
runs) and forks the answer process, which reseeds Python's and NumPy's random generators as a
fresh process would and becomes the judge's template (`answers.serve`); the zygote sends the judge
the other end of their socket pair. An answer that ends the template (by a signal, say) costs its
own call only: the zygote ends what is left and sends the judge another.

So what one submission's answers do reaches no other: nothing they change in the zygote's memory
is shared (a fork copies it), they cannot trace it or signal it (it is the first process of its
process namespace, and ignores Ctrl-C), and what they leave is gone before the next one starts.
"""

import contextlib
import ctypes
import importlib
import json
import os
import pkgutil
import random
import select
import shutil
import signal
import socket
import sys
import time
from pathlib import Path

import numpy as np

import grader
from grader.grading import vocabulary
from grader.grading.judge import answers
from grader.grading.judge.launch import CONNECT_SECONDS
from grader.grading.judge.transfer import receive_message, send_message

MAX_TEMPLATES = 64  # per judge: a template that keeps failing is not replaced forever
POLL_SECONDS = 0.05  # how often the zygote looks for a judge that listens and templates that ended
# What the lessons' read-only cells import besides the course's helpers: an answer process that
# finds them imported runs those cells in 0.03 s of CPU instead of 0.7 s (measured).
ALSO_IMPORTED = ("matplotlib.pyplot",)
IPC_RMID = 0
SYSTEM_V_OBJECTS = {"shm": "shmctl", "sem": "semctl", "msg": "msgctl"}  # /proc/sysvipc/<name>


def main() -> None:
    control = socket.socket(fileno=int(os.environ.pop(vocabulary.ZYGOTE_CONTROL)))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Python's handler would end it on a signal
    for module in (*answers.WARM_IMPORTS.values(), *ALSO_IMPORTED, *notebook_helpers()):
        importlib.import_module(module)
    answers.forbid_tracing()
    judge = None  # the judge served now (see _Judge)
    while True:
        ready, _, _ = select.select([control], [], [], POLL_SECONDS)
        for pid, status in _reap():
            if judge and pid == judge.template and status != 0 and judge.templates < MAX_TEMPLATES:
                # An answer ended the template: end what is left, and give the judge another.
                clean(files=False)
                judge.start_template(control)
        if judge and judge.connection is None:
            judge = judge.try_to_connect(control)
        if not ready:
            continue
        request = receive_message(control, 2**30)
        if request is None:
            return  # the grading process ended
        request = json.loads(request)
        if judge is not None:
            judge.close()
        judge = None
        clean()
        if "serve" in request:
            judge = _Judge(request["serve"], request["spec"], request["token"])
            send_message(control, b'{"started": true}')
        else:
            send_message(control, b'{"ended": true}')


class _Judge:
    """The judge being served: its socket, its spec and token, the connection to it through
    which each template's end of a socket pair is sent, and the template serving it now."""

    def __init__(self, socket_path: str, spec: dict, token: str):
        self.socket_path, self.spec, self.token = socket_path, spec, token
        self.deadline = time.monotonic() + CONNECT_SECONDS
        self.connection = self.template = None
        self.templates = 0  # forked for this judge so far

    def try_to_connect(self, control) -> "_Judge | None":
        """Connect once the judge listens, then fork its first template; None once it is too
        late (the judge never came)."""
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            connection.connect(self.socket_path)
            send_message(connection, self.token.encode())
        except OSError:
            connection.close()
            return self if time.monotonic() < self.deadline else None
        self.connection = connection
        self.start_template(control)
        return self

    def start_template(self, control) -> None:
        ours, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            _template(theirs, (control, self.connection, ours), self.spec)
        theirs.close()
        try:
            socket.send_fds(self.connection, [b"."], [ours.fileno()])
        except OSError:
            pass  # the judge ended meanwhile; so does the template, without a judge
        ours.close()
        self.template, self.templates = pid, self.templates + 1

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def _template(connection, others, spec: dict) -> None:
    """In the child: become the template; never return into the zygote's loop."""
    status = 1
    try:
        for other in others:  # the zygote's connections stay the zygote's
            other.close()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        random.seed()
        np.random.seed()
        answers.serve(connection, spec, alone=True)
        status = 0  # the judge ended
    finally:
        os._exit(status)


def notebook_helpers() -> list[str]:
    """The modules of the `grader` package itself, which the lessons import."""
    return [f"grader.{module.name}" for module in pkgutil.iter_modules(grader.__path__)
            if not module.ispkg and not module.name.startswith("_")]  # not __main__: the CLI


def clean(*, files: bool = True) -> None:
    """End every other process of the sandbox and (with `files`) remove what they left."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(-1, signal.SIGKILL)  # as the first process of the namespace: all but this one
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, 0)[0]:
            pass
    if not files:
        return
    for folder in (Path.cwd(), Path("/dev/shm")):
        for entry in folder.iterdir():
            _remove(entry)
    Path(os.environ["HOME"]).mkdir(parents=True, exist_ok=True)
    libc = ctypes.CDLL(None, use_errno=True)
    for kind, remove in SYSTEM_V_OBJECTS.items():
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/sysvipc/{kind}").read_text().splitlines()[1:]:
                getattr(libc, remove)(int(line.split()[1]), IPC_RMID, None)


def _remove(path: Path) -> None:
    """Remove a file or a folder tree. What cannot be removed stays: the files the sandbox lends
    read-only (the font list in HOME)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def _reap() -> list[tuple[int, int]]:
    """Collect the answer processes that ended, and the orphans of their children: (pid, wait
    status) of each."""
    ended = []
    with contextlib.suppress(ChildProcessError):
        while (pid_status := os.waitpid(-1, os.WNOHANG))[0]:
            ended.append(pid_status)
    return ended


if __name__ == "__main__":
    sys.exit(main())
