"""The zygote: the warm process from which each judge's answer process is forked.

Starting an answer process cold costs what starting Python, NumPy, PyTorch and IPython costs
(about 1.4 s of CPU), once per graded notebook. The kernel manager (`grader.grading.sandbox`)
starts one zygote per grading process instead, in a sandbox of its own, as that sandbox's first
process: it imports `grader.grading.judge.answers` (and with it the scientific stack), and
`torch._dynamo`, which the first `torch.optim` optimizer needs, then waits for requests on the
socket it inherits (`vocabulary.ZYGOTE_CONTROL` names its descriptor). It never runs a cell, a test
or an answer, and never receives a key.

Each request names the socket of a judge and carries the judge's spec and the tokens that admit
an answer process there (`grader.grading.judge.kernel`). The zygote first ends
everything the previous answer process left in the sandbox (`clean`): every process, every file
in its work folder (HOME and TMPDIR included) and in /dev/shm, every System V IPC object. Then it
forks the new answer process, which reseeds Python's and NumPy's random generators as a fresh
process would and becomes the judge's template (`answers.serve`), spending a token. An answer
that ends the template (by a signal, say) costs its own call only: the zygote ends what is left
and forks the judge another, with the next token. So what one submission's
answers do reaches no other: nothing they change in the zygote's memory is shared (a fork copies
it), they cannot trace it or signal it (it is the first process of its process namespace, and
ignores Ctrl-C), and what they leave is gone before the next one starts.
"""

import contextlib
import ctypes
import importlib
import json
import os
import random
import select
import shutil
import signal
import socket
import sys
from pathlib import Path

import numpy as np

from grader.grading import vocabulary
from grader.grading.judge import answers
from grader.grading.judge.transfer import receive_message, send_message

IPC_RMID = 0
SYSTEM_V_OBJECTS = {"shm": "shmctl", "sem": "semctl", "msg": "msgctl"}  # /proc/sysvipc/<name>


def main() -> None:
    control = socket.socket(fileno=int(os.environ.pop(vocabulary.ZYGOTE_CONTROL)))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Python's handler would end it on a signal
    for module in answers.WARM_IMPORTS.values():
        importlib.import_module(module)
    answers.forbid_tracing()
    serving = None  # the judge served now: its socket, spec and unused tokens, and the template
    while True:
        ready, _, _ = select.select([control], [], [], 0.2)
        for pid, status in _reap():
            if serving and pid == serving["pid"] and status != 0 and serving["tokens"]:
                # An answer ended the template: end what is left, and give the judge another.
                clean(files=False)
                serving["pid"] = _start_template(control, serving)
        if not ready:
            continue
        request = receive_message(control, 2**30)
        if request is None:
            return  # the grading process ended
        request = json.loads(request)
        serving = None
        clean()
        if "serve" in request:
            serving = {**request, "pid": None}
            serving["pid"] = _start_template(control, serving)
            send_message(control, json.dumps({"started": serving["pid"]}).encode())
        else:
            send_message(control, b'{"ended": true}')


def _start_template(control, serving: dict) -> int:
    token = serving["tokens"].pop(0)
    pid = os.fork()
    if pid:
        return pid
    status = 1
    try:  # the answer process: it must never return into the zygote's loop
        control.close()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        random.seed()
        np.random.seed()
        answers.serve(serving["serve"], serving["spec"], token, alone=True)
        status = 0  # the judge ended
    finally:
        os._exit(status)


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
