"""Decide test verdicts in a kernel where no student code runs: the judge.

A test cell run in the student's own kernel can be gamed from inside it: an answer cell may patch
NumPy, PyTorch or `grader.checks`, blank out later cells with an IPython input transformer, or
return an object whose `__eq__` says yes to everything. So autograding (`ExecuteWithLimits`, with
`grader.grading.judge.notebook`) runs the test cells in a second kernel, the judge, where only the
read-only cells and the test cells themselves run. In the judge each exercise's function name is
bound to an `AnswerProxy`.

Calling a proxy sends the call to the answer process (`grader.grading.judge.answers`): a process
that never held a test, where a fresh child runs the answer cells and calls the student's
function on a copy of the arguments that keeps their aliasing (`grader.grading.judge.transfer`).
What crosses back is plain data:

- the result, rebuilt from data: arrays, tensors (with dtype, device, grad state), Python scalars,
  dtypes, devices, lists, tuples and dicts. A result that uses an argument's memory comes back as
  a view of the judge's own argument, so tests of shared memory see real sharing. Any other object
  arrives as an inert stand-in with its type's name, so a rigged `__eq__` or `__bool__` never runs
  here;
- an exception, as the nearest built-in exception class with the same name and message;
- the effects a test looks at afterwards: writes into the arguments' memory, changed model
  parameters, gradient mode, warnings, printed output, and what the course's recorders saw
  (`grader.recorders`).

A recorder whose findings the answer must not touch keeps them here: its copy in the answer process
asks this kernel to do the watched work (`judge_serve`: a model's forward pass, under the test's
own hooks; a PyTorch call on the device, under the test's device log), and the judge answers
while it waits for the call's report.

An exercise whose answer cell never finished in the student's kernel (it died or timed out) fails
at once. A call that never returns is ended when the judge's cell times out.
"""

import base64
import ctypes
import json
import os
import pickle
import secrets
import signal
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import torch
from IPython import get_ipython

from grader import recorders
from grader.grading import vocabulary
from grader.grading.judge.answers import ANSWERED, ASK, RAISED, STOP
from grader.grading.judge.launch import CONNECT_SECONDS, template_command
from grader.grading.judge.transfer import (builtin_class, decode_result, describe_exception,
                                           encode_arguments, no_torch_function, reachable,
                                           receive_message, regions, send_message)

NAME_ERROR_HINT = (" (grading runs only the read-only cells and the answer cells: import or define "
                   "what your function needs in its own answer cell)")
MAX_REPLY_BYTES = vocabulary.MAX_REPLY_BYTES.default
STOP_SECONDS = 10  # how long the answer process may take to end a call the judge gave up on
TOKEN_SECONDS = 5  # how long a connection may take to present its token

_is_grad_enabled, _set_grad_enabled = torch._C.is_grad_enabled, torch._C._set_grad_enabled

# The names of the answers that did not finish in the student's kernel, with the reason, and the
# connection to the answer process.
_state = {"unfinished": {}, "answers": None}


class AnswerEndedItsProcess(RuntimeError):
    """A student's function ended the process it was called in
    (vocabulary.ANSWER_ENDED_ITS_PROCESS)."""


class AnswerProxy:
    """Stands for a student's function in the judge: each call runs it in the answer process."""

    def __init__(self, name: str):
        self.__name__ = self.__qualname__ = name

    def __repr__(self):
        return f"<function {self.__name__}>"

    def __call__(self, *args, **kwargs):
        return _call_answer(self.__name__, args, kwargs)


def install(spec_path: str) -> None:
    """Make this kernel the judge: bind a proxy for each exercise, before any test cell runs."""
    spec = json.loads(Path(spec_path).read_text())
    _state["unfinished"] = {cell["name"]: cell["reason"] for cell in spec["answers"]
                            if cell["status"] == "unfinished"}
    sys.path[:] = [p for p in sys.path if p not in ("", ".", os.getcwd())]
    try:  # no process may read or write this one's memory through /proc or ptrace
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
    except (OSError, AttributeError):
        pass
    _state["answers"] = _AnswerProcess(Path(spec_path).resolve())
    shell = get_ipython()
    for name in spec["functions"]:
        shell.user_ns[name] = AnswerProxy(name)
    # Gradient mode is the one global state a call copies back: each test starts with it on, so
    # what one exercise's function did to it cannot reach another exercise's test.
    shell.events.register("pre_run_cell", lambda info: _set_grad_enabled(True))


class _AnswerProcess:
    """The judge's end of its connection to the answer process.

    In the sandbox, the kernel manager names a socket to listen on (vocabulary.ANSWER_SOCKET) and
    a token (vocabulary.ANSWER_TOKEN). The zygote (grader.grading.judge.zygote) connects there
    before any answer process exists, presents the token, and from then on sends through that
    connection one end of a socket pair for each answer process it forks: the first, and each
    that replaces one an answer ended. The judge removes the socket at once, so nothing else can
    connect. Elsewhere the judge starts each answer process itself, with one end of a socket
    pair."""

    def __init__(self, spec_path: Path):
        self._spec_path = spec_path
        path = os.environ.pop(vocabulary.ANSWER_SOCKET, "")
        token = os.environ.pop(vocabulary.ANSWER_TOKEN, "")
        self.broken = None
        self._zygote = _accept_zygote(path, token) if path else None
        self._take_next()

    def _take_next(self) -> None:
        """Connect to the next answer process."""
        if self._zygote is None:
            ours, theirs = socket.socketpair()
            subprocess.Popen(template_command(theirs.fileno(), str(self._spec_path)),
                             pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
            theirs.close()
            self.connection = ours
            return
        self._zygote.settimeout(CONNECT_SECONDS)
        try:
            _, descriptors, _, _ = socket.recv_fds(self._zygote, 1, 1)
        except OSError:
            descriptors = []
        if not descriptors:
            raise RuntimeError(f"the zygote sent no answer process within {CONNECT_SECONDS} s")
        self.connection = socket.socket(fileno=descriptors[0])

    def call(self, name: str, request: bytes, answer_question) -> tuple[dict, bytes]:
        """Send one call, answering its questions (`answer_question(bytes) -> bytes`) until it
        ends; return how its child ended and its report."""
        if self.broken:
            raise RuntimeError(self.broken)
        try:
            send_message(self.connection, request)
            data = receive_message(self.connection, MAX_REPLY_BYTES + 4096)
            while data is not None and data.startswith(ASK):
                send_message(self.connection, answer_question(data[len(ASK):]))
                data = receive_message(self.connection, MAX_REPLY_BYTES + 4096)
        except BaseException:  # at the cell time limit, a KeyboardInterrupt
            self._stop()
            raise
        if data is None:
            self.connection.close()
            try:
                self._take_next()
            except RuntimeError:
                self.broken = "the answer process ended: no later call can be made"
                raise RuntimeError(self.broken) from None
            raise AnswerEndedItsProcess(f"{name} ended the process that ran answers")
        ending, _, report = data.partition(b"\n")
        return json.loads(ending), report

    def _stop(self) -> None:
        """Ask the answer process to end the call, and wait for what it sends for it."""
        try:
            self.connection.settimeout(STOP_SECONDS)
            send_message(self.connection, STOP)
            data = receive_message(self.connection, MAX_REPLY_BYTES + 4096)
            while data is not None and data.startswith(ASK):  # asked before the stop arrived
                data = receive_message(self.connection, MAX_REPLY_BYTES + 4096)
            if data is None:
                raise ConnectionError
            self.connection.settimeout(None)
        except BaseException:
            self.broken = "the answer process stopped answering: no later call can be made"


def _accept_zygote(path: str, token: str) -> socket.socket:
    """The first connection to `path` that presents `token`; then `path` is removed."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(4)
    deadline = time.monotonic() + CONNECT_SECONDS
    try:
        while True:
            listener.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                raise RuntimeError(f"the zygote did not connect within {CONNECT_SECONDS} s") \
                    from None
            connection.settimeout(TOKEN_SECONDS)
            try:
                presented = receive_message(connection, 64) or b""
            except OSError:
                presented = b""
            if secrets.compare_digest(presented, token.encode()):
                connection.settimeout(None)
                return connection
            connection.close()
    finally:
        listener.close()
        os.unlink(path)


def _call_answer(name, args, kwargs):
    if name in _state["unfinished"]:
        raise RuntimeError(f"{name} is not defined: its answer cell {_state['unfinished'][name]} "
                           "when the notebook ran, so it was not graded")
    with no_torch_function():
        known = reachable((args, kwargs))
        memory = regions(known)
        observers, contexts = _contexts(known)
        request = pickle.dumps({"name": name, "known": len(known), "contexts": contexts,
                                "grad_enabled": bool(_is_grad_enabled()),
                                "arguments": encode_arguments(args, kwargs, memory)})
    ending, report = _state["answers"].call(
        name, request, lambda question: _answer_question(question, observers))
    if ending["too_large"]:
        raise RuntimeError(f"the answer returned more than {MAX_REPLY_BYTES >> 20} MiB")
    if ending["stopped"]:
        raise RuntimeError(f"{name} was stopped")
    if not report:
        raise AnswerEndedItsProcess(
            f"{name} ended the process it ran in before returning "
            f"({_describe_status(ending['status'])}): for example os._exit(), a crash, or more "
            "memory than grading allows")
    reply = json.loads(report)
    if "grader_failed" in reply:
        raise RuntimeError(f"grading could not pass the arguments to {name}: "
                           f"{reply['grader_failed']}")
    with no_torch_function():
        return _apply(name, reply, known, memory, observers)


def _contexts(known):
    """The test's running contexts that the answer process replays (grader.recorders), with the
    positions of the objects they watch among the arguments'."""
    observers, contexts = [], []
    positions = {id(item): index for index, item in enumerate(known)}
    for recorder in recorders.ACTIVE:
        kind = recorders.kind_of(type(recorder))
        watched = [positions.get(id(item)) for item in recorder.judge_watched()] \
            if kind in recorders.REPLAYABLE else [None]
        if None not in watched:  # a context it cannot rebuild there is left out
            settings = recorder.judge_settings() if hasattr(recorder, "judge_settings") else {}
            observers.append(recorder)
            contexts.append([kind, watched, settings])
    return observers, contexts


def _answer_question(question: bytes, observers) -> bytes:
    """The reply to a question a replayed recorder asked from the answer process: what the test's
    own recorder (`judge_serve`) makes of it, sent as arguments are, or the exception it raised.
    The question is data only, like a report."""
    try:
        index, encoded = json.loads(question)
        recorder = observers[int(index)]
        if not hasattr(recorder, "judge_serve"):
            raise LookupError(f"{type(recorder).__name__} answers no questions")
        with no_torch_function():
            value = decode_result(encoded, (), ())
        answer = recorder.judge_serve(value)
        with no_torch_function():
            return ANSWERED + encode_arguments((answer,), {}, regions(reachable(answer)))
    except Exception as error:
        return RAISED + json.dumps(describe_exception(error)).encode()


def _describe_status(status):
    if os.WIFSIGNALED(status):
        return f"killed by signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.WEXITSTATUS(status)}"


def _apply(name, reply, known, regions, observers):
    for index, encoded in reply["memory"]:
        address, size, _ = regions[index]
        data = base64.b64decode(encoded)
        if len(data) == size and ctypes.string_at(address, size) != data:
            ctypes.memmove(address, data, size)
    for index, encoded in reply["replaced"]:
        tensor = known[index]
        if isinstance(tensor, torch.Tensor):
            with torch.no_grad():
                tensor.data = decode_result(encoded, known, regions)
    for index, entry, encoded in reply["module_entries"]:
        module = known[index]
        owner_path, _, leaf = str(entry).rpartition(".")
        owner = module.get_submodule(owner_path) if owner_path else module
        value = decode_result(encoded, known, regions)
        table = owner._parameters if leaf in owner._parameters else owner._buffers
        table[leaf] = value
    for index, requires_grad in reply["requires_grad"]:
        tensor = known[index]
        if isinstance(tensor, torch.Tensor) and tensor.is_leaf:
            tensor.requires_grad_(requires_grad is True)
    _set_grad_enabled(bool(reply["grad_enabled"]))
    for recorder, state in zip(observers, reply["observers"]):
        if hasattr(recorder, "judge_merge"):  # one that keeps its findings here has none
            recorder.judge_merge(state)
    if reply["stdout"]:
        print(reply["stdout"], end="")
    if reply["stderr"]:
        print(reply["stderr"], end="", file=sys.stderr)
    for category, qualified_name, message in reply["warnings"]:
        warnings.warn(message, builtin_class(category, qualified_name, Warning), stacklevel=3)
    if "raised" in reply:
        category, qualified_name, message = reply["raised"]
        if category == "NameError" and repr(name) not in message:  # a name the function uses
            message += NAME_ERROR_HINT
        raise builtin_class(category, qualified_name, BaseException)(message) from None
    return decode_result(reply["result"], known, regions)
