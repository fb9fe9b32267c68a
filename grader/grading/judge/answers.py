"""The answer process: where every call of a student's function is made, out of the tests' reach.

One answer template serves each judge (`grader.grading.judge.kernel`). Where grading is
sandboxed, it is forked from the zygote (`grader.grading.judge.zygote`), a warm process in a
sandbox of its own (`grader.grading.sandbox`) that imported all of this module's imports and never
ran anything else; elsewhere the judge starts it as a fresh Python process. It runs the notebook's
read-only cells and waits. It never runs a test cell or an answer, never receives a test's source
or an expected value, and never sees any kernel's connection file or signing key; from its
sandbox, the judge's processes and folders do not exist.

For each call, the judge sends the call's arguments as data (`transfer.encode_arguments`) and the
template forks a child, which:

1. closes the template's connection to the judge and caps the processes it may start;
2. rebuilds the arguments, before any student code runs;
3. enters the contexts the test has running around the call (`grader.recorders`: the CUDA
   stand-in, the device log and a watched model, whose device work and forward passes run in
   the judge);
4. runs the answer cells (the exercise's own, and every other one that finished cleanly in the
   student's kernel, so that answers may call each other), then calls the function;
5. puts back the attributes of every module and class that reporting uses, reports the result,
   the exception, the writes into the arguments, warnings, output and findings as JSON data
   (`transfer.encode_result`), and exits.

The template relays the report and ends the child and everything it started. While the call runs,
it also relays the questions a replayed context asks its counterpart in the judge (a forward pass
of the test's model, say) and the judge's replies. When the judge asks it to stop (the test cell
timed out), it ends the child at once. It serves one judge, and ends when that judge goes.
"""

import builtins
import contextlib
import ctypes
import importlib
import io
import json
import os
import pickle
import select
import signal
import socket
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import torch
from IPython.core.inputtransformer2 import TransformerManager
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

from grader import recorders
from grader.grading import vocabulary
from grader.grading.judge import transfer
from grader.grading.judge.transfer import (builtin_base, describe_exception, encode_result,
                                           no_torch_function, qualified, reachable, send_message)
from grader.grading.sandbox.kernel import cap_processes

MAX_REQUEST_BYTES = 4 * 2**30  # arguments the judge sends: the tests' own, trusted
MAX_REPLY_BYTES = vocabulary.MAX_REPLY_BYTES.default
MAX_OUTPUT_CHARS = vocabulary.MAX_CALL_OUTPUT_CHARS.default
STOP = b"stop"  # what the judge sends when it gives up on a call
# A question from a replayed context crosses to the judge after ASK; the judge's reply starts with
# one of REPLIES: the value, as arguments are sent, or the exception it raised, described.
ASK, ANSWERED, RAISED = b"ask\n", b"ok\n", b"raised\n"
REPLIES = (ANSWERED, RAISED)
QUESTION_SECONDS = 10  # how long the template waits on a child that is sending or receiving
# Modules PyTorch imports, at a cost, the first time a program uses a feature: each call's child
# would pay for them again, so the template imports them once where an answer names the feature.
WARM_IMPORTS = {"optim": "torch._dynamo"}  # the first torch.optim optimizer: about 1 s

# Captured when the template starts, before any answer runs: a child reports through these even
# if the answer rebinds the module attributes (a lie from a child only changes its own call).
_dumps, _write, _exit, _fork = json.dumps, os.write, os._exit, os.fork
_is_grad_enabled, _set_grad_enabled = torch._C.is_grad_enabled, torch._C._set_grad_enabled
_catch_warnings, _simplefilter = warnings.catch_warnings, warnings.simplefilter
_type, _isinstance, _id, _str = type, isinstance, id, str
_TensorBase = torch._C.TensorBase
_string_at, _b64encode = ctypes.string_at, transfer._b64encode
_requires_grad = transfer._requires_grad
_alone = False  # see serve()


def main() -> None:
    """A template on its own: `python -I -c ... <descriptor> <spec>`, as
    `launch.template_command` writes it (where grading is not sandboxed, the judge starts one
    with one end of a socket pair)."""
    descriptor, spec_path = sys.argv[1:3]
    serve(socket.socket(fileno=int(descriptor)), json.loads(Path(spec_path).read_text()))


def serve(connection: socket.socket, spec: dict, *, alone: bool = False) -> None:
    """Be the template of the judge at the other end of `connection`, until the judge goes.
    `alone`: this is the only template of its sandbox, whose other processes it may all end after
    each call (a process that left the call's group with setsid, say)."""
    global _alone
    _alone = alone
    answers = [(cell["name"], cell["source"], cell["status"]) for cell in spec["answers"]]
    limit = int(os.environ.pop(vocabulary.CHILD_MAX_PROCESSES, "0")) or None
    namespace = _run_setup_cells(spec["setup"])
    for feature, module in WARM_IMPORTS.items():
        if any(feature in source for _, source, _ in answers):
            importlib.import_module(module)
    forbid_tracing()
    while True:
        request = transfer.receive_message(connection, MAX_REQUEST_BYTES)
        if request is None:
            return  # the judge ended
        # A stop, or a reply to a question, that came after its call had ended is dropped.
        if request != STOP and not request.startswith(REPLIES):
            send_message(connection, _serve(request, connection, namespace, answers, limit))


def forbid_tracing() -> None:
    """Children may not read or write this process's memory through /proc or ptrace."""
    try:
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
    except (OSError, AttributeError):
        pass


def _run_setup_cells(sources: list[str]) -> dict:
    """Run the read-only cells, as the judge does, in an IPython shell (answers may use magics
    and `display`); what they print goes nowhere. Their errors are the judge's to report."""
    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        for source in sources:
            shell.run_cell(source, store_history=False, silent=True)
    return shell.user_ns


# ---------------------------------------------------------------------------------------------
# In the template: fork, relay, clean up.

def _serve(request: bytes, connection, namespace, answers, limit) -> bytes:
    """Run one call in a child; return the report, after a line saying how the child ended."""
    read_end, write_end = os.pipe()
    questions, child_questions = socket.socketpair()
    with _catch_warnings():
        # Python 3.12 warns about forking a process with threads (PyTorch's): the child runs
        # only Python code and exits.
        _simplefilter("ignore", DeprecationWarning)
        pid = _fork()
    if pid == 0:  # the child: it must never return into the template's loop
        try:
            os.close(read_end)
            connection.close()
            questions.close()
            _child(request, namespace, answers, limit, write_end, child_questions)
        finally:
            _exit(70)
    os.close(write_end)
    child_questions.close()
    questions.settimeout(QUESTION_SECONDS)
    try:
        report, stopped = _read_report(read_end, connection, questions)
    finally:
        os.close(read_end)
        questions.close()
        status = _stop_child(pid)
    ending = {"status": status, "stopped": stopped, "too_large": report is None and not stopped}
    return _dumps(ending).encode() + b"\n" + (report or b"")


def _read_report(read_end, connection, questions):
    """The child's report, unless the judge asks to stop first (then None, True). Meanwhile, the
    child's questions go to the judge and the judge's replies to the child; a child that stalls
    while sending or receiving one loses its channel, not the template."""
    chunks, size = [], 0
    watched = [read_end, connection, questions]
    while True:
        ready, _, _ = select.select(watched, [], [])
        if connection in ready:
            message = transfer.receive_message(connection, MAX_REQUEST_BYTES)
            if message is None or not message.startswith(REPLIES):
                return None, True  # the stop, or the judge's end
            if questions in watched and not _relay(message, questions):
                watched.remove(questions)
            continue
        if questions in ready:
            try:
                question = transfer.receive_message(questions, MAX_REPLY_BYTES)
            except OSError:
                question = None
            if question is None:
                watched.remove(questions)
            else:
                send_message(connection, ASK + question)
            continue
        chunk = os.read(read_end, 1 << 20)
        if not chunk:
            return b"".join(chunks), False
        size += len(chunk)
        if size > MAX_REPLY_BYTES:
            return None, False
        chunks.append(chunk)


def _relay(reply: bytes, questions) -> bool:
    try:
        send_message(questions, reply)
        return True
    except OSError:
        return False


def _stop_child(pid) -> int:
    """Kill the child and everything it started; reap it and return its wait status."""
    for target in (-pid, pid):
        try:
            os.kill(target, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if _alone:
        # Whatever else is left in the sandbox (a process that left the group with setsid, say)
        # belongs to student code: end it all (the sandbox's first process, the zygote, is spared
        # by the kernel, and reaps the orphans).
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return os.waitpid(pid, 0)[1]


# ---------------------------------------------------------------------------------------------
# In the child: rebuild the call, run the answer, report, exit.

def _child(request, namespace, answers, limit, write_end, questions):
    reply = None
    try:
        os.setpgid(0, 0)
        if limit:
            sys.addaudithook(cap_processes(limit))
        try:  # before any student code runs: a failure here is the grader's
            call = pickle.loads(request)
            args, kwargs, regions = transfer.decode_arguments(call["arguments"], namespace)
            known = reachable((args, kwargs))
            if len(known) != call["known"]:
                raise RuntimeError(f"{len(known)} arrays, tensors and modules arrived, "
                                   f"{call['known']} were sent")
            _set_grad_enabled(call["grad_enabled"])
            contexts = contextlib.ExitStack()
            observers = [contexts.enter_context(
                _replay(kind, [known[i] for i in watched], settings,
                        _asker(questions, index, namespace)))
                for index, (kind, watched, settings) in enumerate(call["contexts"])]
        except Exception as error:
            reply = {"grader_failed": f"{type(error).__name__}: {error}"}
        else:
            stdout, stderr = _capture_output()
            with contexts:
                reply = _run_and_report(call["name"], args, kwargs, known, regions, observers,
                                        namespace, answers)
            reply["stdout"], reply["stderr"] = _captured(stdout), _captured(stderr)
        data = _dumps(reply).encode()
        while data:
            data = data[_write(write_end, data):]
    finally:
        _exit(0 if reply is not None else 70)


def _replay(kind: str, watched: list, settings: dict, ask_judge):
    """The answer process's copy of a test's context (grader.recorders), found by name only."""
    if kind not in recorders.REPLAYABLE:
        importlib.import_module(kind.rpartition(".")[0])
    cls = recorders.REPLAYABLE[kind]
    if hasattr(cls, "judge_serve"):  # its counterpart in the judge answers questions
        settings = {**settings, "ask_judge": ask_judge}
    return cls.judge_replay(*watched, **settings)


def _asker(questions, index, namespace):
    """How the replayed context at `index` asks the test's own context in the judge (its
    `judge_serve`): a value goes as data (`encode_result`), the reply comes as arguments do."""
    def ask_judge(value):
        with no_torch_function():
            question = _dumps([index, encode_result(value, (), ())]).encode()
        send_message(questions, question)
        reply = transfer.receive_message(questions, MAX_REQUEST_BYTES)
        if reply is None:
            raise RuntimeError("the judge did not answer")
        if reply.startswith(RAISED):
            category, qualified_name, message = json.loads(reply[len(RAISED):])
            raise transfer.builtin_class(category, qualified_name, BaseException)(message)
        (value,), _, _ = transfer.decode_arguments(reply[len(ANSWERED):], namespace)
        return value

    return ask_judge


def _capture_output():
    streams = []
    for fd, name in ((1, "stdout"), (2, "stderr")):
        # In memory where Linux offers it; elsewhere (a student's Validate on macOS) a temporary
        # file, unlinked at once.
        capture = os.memfd_create(f"answer-{name}") if hasattr(os, "memfd_create") \
            else os.dup(tempfile.TemporaryFile().fileno())
        os.dup2(capture, fd)
        stream = io.TextIOWrapper(io.FileIO(capture, "w+", closefd=False), write_through=True)
        setattr(sys, name, stream)
        streams.append(capture)
    return streams


def _captured(fd):
    size = os.lseek(fd, 0, os.SEEK_END)
    text = os.pread(fd, MAX_OUTPUT_CHARS * 4, 0).decode("utf-8", "replace")
    if size > MAX_OUTPUT_CHARS or len(text) > MAX_OUTPUT_CHARS:
        text = text[:MAX_OUTPUT_CHARS] + (
            f"\n... output truncated: the answer printed {size:,} bytes in this call ...\n")
    return text


def _protected_namespaces(observers) -> list:
    """The modules and classes that reporting a call uses: their attributes as they were before
    the answer cells ran are put back before the child reports, so a patch cannot forge a report."""
    import base64
    import binascii

    namespaces = [sys.modules[__name__], transfer, builtins, json, json.encoder,
                  json.JSONEncoder, base64, binascii, ctypes, io, os, np,
                  sys.modules[transfer._byte_bounds.__module__], torch, torch.nn,
                  torch.nn.Module, torch.nn.Parameter]
    for recorder in observers:
        if recorder is not None:
            classes = [klass for klass in _type(recorder).__mro__ if klass is not object]
            namespaces += [*classes, *(sys.modules[klass.__module__] for klass in classes)]
    return namespaces


def _put_back(saved) -> None:
    for namespace, attributes in saved:
        current = vars(namespace)
        for key, value in attributes.items():
            if current.get(key, _put_back) is not value:
                setattr(namespace, key, value)


def _run_and_report(name, args, kwargs, known, regions, observers, namespace, answers):
    put_back = _put_back  # held here: the answer cells may rebind the module's names
    saved = [(space, dict(vars(space))) for space in _protected_namespaces(observers)]
    transformer = TransformerManager()
    for cell_name, source, status in answers:
        # Another exercise's cell runs only if it ran cleanly in the student's kernel.
        if not (status in ("ok", "not-run") or cell_name == name):
            continue
        try:
            code = compile(transformer.transform_cell(source), f"<answer cell {cell_name}>", "exec")
            exec(code, namespace)
        except BaseException:
            pass  # as in a notebook: what the cell defined before the error stays defined
    reply = {"memory": [], "replaced": [], "module_entries": [], "requires_grad": [],
             "observers": [], "warnings": []}
    function = namespace.get(name)
    caught = []
    if function is None:
        reply["raised"] = ["NameError", "NameError", f"name {name!r} is not defined"]
    else:
        try:
            with _catch_warnings(record=True) as caught:
                _simplefilter("always")
                result = function(*args, **kwargs)
        except BaseException as error:
            put_back(saved)
            reply["raised"] = describe_exception(error)
        else:
            put_back(saved)
            try:
                with no_torch_function():
                    reply["result"] = encode_result(result, known, regions)
            except Exception as error:
                reply["raised"] = ["TypeError", "builtins.TypeError",
                                   f"the result could not be read: {describe_exception(error)[2]}"]
    reply["warnings"] = [_describe_warning(w) for w in caught]
    put_back(saved)  # an exception's or a warning's message may have run the answer's code again
    reply["grad_enabled"] = bool(_is_grad_enabled())
    with no_torch_function():
        _report_effects(reply, known, regions)
    reply["observers"] = [recorder.judge_state() if hasattr(recorder, "judge_state") else None
                          for recorder in observers]
    return reply


def _describe_warning(caught):
    try:
        message = _str(caught.message)
    except BaseException:
        message = "(its message could not be read)"
    return [builtin_base(caught.category), qualified(caught.category), message[:10_000]]


def _report_effects(reply, known, regions):
    for index, (address, size, _) in enumerate(regions):
        reply["memory"].append([index, _b64encode(_string_at(address, size)).decode()])
    original = {_id(item): index for index, item in enumerate(known)}
    for index, item in enumerate(known):
        if _isinstance(item, torch.Tensor):
            reply["requires_grad"].append([index, bool(_requires_grad(item))])
        if _isinstance(item, torch.nn.Module):
            for entry, tensor in (*item.named_parameters(), *item.named_buffers()):
                if _id(tensor) not in original:  # replaced, e.g. by model.double() or .cpu()
                    reply["module_entries"].append([index, entry, encode_result(tensor, (), ())])
    for index, item in enumerate(known):
        if _isinstance(item, torch.Tensor):
            storage = _TensorBase.untyped_storage(item)
            if not any(storage.data_ptr() == address for address, _, _ in regions):
                reply["replaced"].append([index, encode_result(_TensorBase.detach(item), (), ())])


if __name__ == "__main__":
    main()
