"""Decide test verdicts in a process that students' code never runs in.

A test cell run in the student's own kernel can be gamed from inside it: an answer cell may patch
NumPy, PyTorch or `grader.checks`, blank out later cells with an IPython input transformer, or
return an object whose `__eq__` says yes to everything. So autograding (`ExecuteWithLimits`, with
`grader.grading.judge.notebook`) runs the test cells in a second kernel, the judge, where only the
read-only cells and the test cells themselves run. In the judge each exercise's function name is
bound to an `AnswerProxy`.

Calling a proxy forks the judge. The child runs the answer cells, calls the student's function on
the very arguments the test built (a fork shares their addresses), reports what happened as plain
data, and exits; the judge never runs a line of student code. What crosses back:

- the result, rebuilt from data: arrays, tensors (with dtype, device, grad state), Python scalars,
  dtypes, devices, lists, tuples and dicts. A result that uses an argument's memory comes back as
  a view of that argument, so tests of shared memory see real sharing. Any other object arrives as
  an inert stand-in with its type's name, so a rigged `__eq__` or `__bool__` never runs here;
- an exception, as the nearest built-in exception class with the same name and message;
- the effects a test looks at afterwards: writes into the arguments' memory, changed model
  parameters, gradient mode, warnings, printed output, and what the course's recorders saw
  (`grader.device_log`, `grader.myths.watch_forward`: see `grader.recorders`).

The child reports through functions captured before any answer ran, and puts back the attributes
of every module and class its report uses before it reports, so an answer that patches them
(this module included) forges nothing.

Which answer cells a child runs: the exercise's own cell, unless it never finished in the student's
kernel (it died or timed out: the proxy then fails at once), and every other answer cell that
finished there without an error, so that an answer may call another exercise's function.
A child that never returns is stopped with its whole process group when the judge's cell times out.
"""

import base64
import binascii
import builtins
import ctypes
import gc
import io
import json
import os
import signal
import stat
import sys
import warnings
from pathlib import Path

import numpy as np
import torch
from IPython import get_ipython
from IPython.core.inputtransformer2 import TransformerManager
from jupyter_client.session import Session

from grader import recorders
from grader.cuda_standin import StandInCudaTensor
from grader.grading import vocabulary
from grader.grading.sandbox.kernel import cap_processes

NAME_ERROR_HINT = (" (grading runs only the read-only cells and the answer cells: import or define "
                   "what your function needs in its own answer cell)")
MAX_REPLY_BYTES = vocabulary.MAX_REPLY_BYTES.default
MAX_OUTPUT_CHARS = vocabulary.MAX_CALL_OUTPUT_CHARS.default

# Captured before any child runs student code: a child reports through these even if the answer
# rebinds the module attributes (a lie from a child only changes what that call returned).
_TensorBase = torch._C.TensorBase
_dumps, _loads = json.dumps, json.loads
_b64encode, _b64decode = base64.b64encode, base64.b64decode
_string_at, _memmove = ctypes.string_at, ctypes.memmove
_fork, _write, _exit = os.fork, os.write, os._exit
_is_grad_enabled, _set_grad_enabled = torch._C.is_grad_enabled, torch._C._set_grad_enabled
_catch_warnings, _simplefilter = warnings.catch_warnings, warnings.simplefilter
_type, _isinstance, _id, _str = type, isinstance, id, str
_byte_bounds = np.lib.array_utils.byte_bounds
# Tensor properties read through PyTorch's C base class: an answer may shadow them on torch.Tensor.
_requires_grad, _is_leaf, _grad_fn, _dtype, _shape, _layout, _device, _is_cpu = (
    getattr(_TensorBase, name).__get__ for name in (
        "requires_grad", "is_leaf", "grad_fn", "dtype", "shape", "layout", "device", "is_cpu"))
# PyTorch calls made by the judge itself (reading memory, rebuilding tensors) must not show up in
# a test's recorders (grader.device_log) nor meet the CUDA stand-in's checks.
_no_torch_function = torch._C.DisableTorchFunction

# Answer cells as the student's kernel left them: name, source and how the cell ended there
# ("ok", "raised", "not-run" after an earlier cell stopped the kernel, or "unfinished").
_state = {"answers": [], "unfinished": {}, "max_processes": None, "sessions": []}


class AnswerEndedItsProcess(RuntimeError):
    """A student's function ended the child it was called in (vocabulary.ANSWER_ENDED_ITS_PROCESS)."""


class AnswerProxy:
    """Stands for a student's function in the judge: each call runs it in a forked child."""

    def __init__(self, name: str):
        self.__name__ = self.__qualname__ = name

    def __repr__(self):
        return f"<function {self.__name__}>"

    def __call__(self, *args, **kwargs):
        return _call_in_child(self.__name__, args, kwargs)


def install(spec_path: str) -> None:
    """Make this kernel the judge: bind a proxy for each exercise, before any test cell runs."""
    spec = json.loads(Path(spec_path).read_text())
    _state["answers"] = [(cell["name"], cell["source"], cell["status"]) for cell in spec["answers"]]
    _state["unfinished"] = {cell["name"]: cell["reason"] for cell in spec["answers"]
                            if cell["status"] == "unfinished"}
    _state["max_processes"] = int(os.environ.pop(vocabulary.CHILD_MAX_PROCESSES, "0")) or None
    # Nothing a child writes may be imported here later: the work folder leaves the import path.
    sys.path[:] = [p for p in sys.path if p not in ("", ".", os.getcwd())]
    try:  # children may not read or write this process's memory through /proc or ptrace
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
    except (OSError, AttributeError):
        pass
    # The kernel's message sessions hold the key that signs its messages; children drop it.
    _state["sessions"] = [item for item in gc.get_objects() if _isinstance(item, Session)]
    shell = get_ipython()
    for name in spec["functions"]:
        shell.user_ns[name] = AnswerProxy(name)
    # Gradient mode is the one global state a call copies back: each test starts with it on, so
    # what one exercise's function did to it cannot reach another exercise's test.
    shell.events.register("pre_run_cell", lambda info: _set_grad_enabled(True))


# ---------------------------------------------------------------------------------------------
# In the judge: fork, wait, rebuild.

def _call_in_child(name, args, kwargs):
    if name in _state["unfinished"]:
        raise RuntimeError(f"{name} is not defined: its answer cell {_state['unfinished'][name]} "
                           "when the notebook ran, so it was not graded")
    with _no_torch_function():
        known = _reachable((args, kwargs))
        regions = _regions(known)
    observers = list(recorders.ACTIVE)
    read_end, write_end = os.pipe()
    with _catch_warnings():
        # Python 3.12 warns that forking a process with threads (the kernel's) may deadlock the
        # child; the child only runs Python code and exits, and the warning must not reach a test.
        _simplefilter("ignore", DeprecationWarning)
        pid = _fork()
    if pid == 0:  # the child: it must never return into the test's code
        try:
            os.close(read_end)
            _child(name, args, kwargs, known, regions, observers, write_end)
        finally:
            _exit(70)
    os.close(write_end)
    status = None
    try:
        reply = _read_reply(read_end)
    finally:
        os.close(read_end)
        status = _stop_child(pid)
    if reply is None:
        raise AnswerEndedItsProcess(
            f"{name} ended the process it ran in before returning ({_describe_status(status)}): "
            "for example os._exit(), a crash, or more memory than grading allows")
    with _no_torch_function():
        return _apply(name, reply, known, regions, observers)


def _read_reply(fd):
    chunks, size = [], 0
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_REPLY_BYTES:
            raise RuntimeError(f"the answer returned more than {MAX_REPLY_BYTES >> 20} MiB")
    data = b"".join(chunks)
    return _loads(data) if data else None


def _stop_child(pid) -> int:
    """Kill the child and everything it started; reap it and return its wait status."""
    for target in (-pid, pid):
        try:
            os.kill(target, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if os.environ.get(vocabulary.SANDBOXED) == "1" and os.getppid() == 1:
        # In the sandbox's own process namespace, whatever is left (a process that left the group
        # with setsid, say) belongs to student code: end it all, so it holds no processes.
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return os.waitpid(pid, 0)[1]


def _describe_status(status):
    if os.WIFSIGNALED(status):
        return f"killed by signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.WEXITSTATUS(status)}"


def _reachable(value):
    """Arrays, tensors and modules in the arguments, and each module's parameters and buffers."""
    found, seen = [], set()

    def walk(item, depth=0):
        if _id(item) in seen or depth > 50:
            return
        if _isinstance(item, (np.ndarray, torch.Tensor, torch.nn.Module)):
            seen.add(_id(item))
            found.append(item)
        if _isinstance(item, torch.nn.Module):
            for tensor in (*item.parameters(), *item.buffers()):
                walk(tensor, depth + 1)
        elif _type(item) in (list, tuple):
            for element in item:
                walk(element, depth + 1)
        elif _type(item) is dict:
            for element in item.values():
                walk(element, depth + 1)

    walk(value)
    return found


def _regions(known):
    """The memory of each array and tensor in the arguments: [address, size, owner]."""
    regions = {}
    for item in known:
        if _isinstance(item, torch.Tensor):
            storage = _TensorBase.untyped_storage(item)
            address, size, owner = storage.data_ptr(), storage.nbytes(), item
        elif _isinstance(item, np.ndarray):
            root = item
            while _isinstance(root.base, np.ndarray):
                root = root.base
            if _isinstance(root.base, torch.Tensor):
                storage = _TensorBase.untyped_storage(root.base)
                address, size, owner = storage.data_ptr(), storage.nbytes(), root.base
            elif root.base is None:
                address, size, owner = root.ctypes.data, root.nbytes, root
            else:
                continue  # memory of a bytes object or a file: never written back
        else:
            continue
        if size and address not in regions:
            regions[address] = [address, size, owner]
    return list(regions.values())


def _apply(name, reply, known, regions, observers):
    for index, encoded in reply["memory"]:
        address, size, _ = regions[index]
        data = _b64decode(encoded)
        if len(data) == size and _string_at(address, size) != data:
            _memmove(address, data, size)
    for index, encoded in reply["replaced"]:
        tensor = known[index]
        if _isinstance(tensor, torch.Tensor):
            with torch.no_grad():
                tensor.data = _decode(encoded, known, regions)
    for index, name, encoded in reply["module_entries"]:
        module = known[index]
        owner_path, _, leaf = str(name).rpartition(".")
        owner = module.get_submodule(owner_path) if owner_path else module
        value = _decode(encoded, known, regions)
        table = owner._parameters if leaf in owner._parameters else owner._buffers
        table[leaf] = value
    for index, requires_grad in reply["requires_grad"]:
        tensor = known[index]
        if _isinstance(tensor, torch.Tensor) and tensor.is_leaf:
            tensor.requires_grad_(requires_grad is True)
    _set_grad_enabled(bool(reply["grad_enabled"]))
    for recorder, state in zip(observers, reply["observers"]):
        recorder.judge_merge(state)
    if reply["stdout"]:
        print(reply["stdout"], end="")
    if reply["stderr"]:
        print(reply["stderr"], end="", file=sys.stderr)
    for category, name, message in reply["warnings"]:
        warnings.warn(message, _builtin_class(category, name, Warning), stacklevel=3)
    if "raised" in reply:
        category, qualified_name, message = reply["raised"]
        if category == "NameError" and repr(name) not in message:  # a name the function uses
            message += NAME_ERROR_HINT
        raise _builtin_class(category, qualified_name, BaseException)(message) from None
    return _decode(reply["result"], known, regions)


_made_classes: dict = {}


def _builtin_class(builtin_name, qualified_name, root):
    """The built-in class `builtin_name` (a subclass of `root`), or a subclass of it that carries
    the name of the child's own class, so messages read as they would have."""
    base = getattr(builtins, str(builtin_name), None)
    if not (_isinstance(base, type) and issubclass(base, root)):
        base = root
    module, _, name = str(qualified_name).rpartition(".")
    if name == base.__name__ and module in ("", "builtins"):
        return base
    key = (base, module, name)
    if key not in _made_classes:
        _made_classes[key] = type(name, (base,), {"__module__": module or "builtins"})
    return _made_classes[key]


class _Foreign:
    """An object of a type the judge does not rebuild: only its type's name and repr cross."""

    __slots__ = ("_text",)

    def __init__(self, text):
        self._text = text

    def __repr__(self):
        return self._text

    __str__ = __repr__


def _foreign(module, qualname, text):
    key = ("foreign", module, qualname)
    if key not in _made_classes:
        _made_classes[key] = type(str(qualname).rpartition(".")[2] or "object", (_Foreign,),
                                  {"__module__": str(module), "__qualname__": str(qualname),
                                   "__slots__": ()})
    return _made_classes[key](str(text))


def _decode(encoded, known, regions, depth=0):
    if depth > 100:
        raise ValueError("the answer's result is nested too deeply")
    kind, *rest = encoded
    if kind == "none":
        return None
    if kind == "bool":
        return bool(rest[0])
    if kind == "int":
        return int(rest[0])
    if kind == "float":
        return float.fromhex(rest[0])
    if kind == "complex":
        return complex(float.fromhex(rest[0]), float.fromhex(rest[1]))
    if kind == "str":
        return str(rest[0])
    if kind == "bytes":
        return _b64decode(rest[0])
    if kind in ("list", "tuple", "size"):
        items = [_decode(item, known, regions, depth + 1) for item in rest[0]]
        return {"list": list, "tuple": tuple, "size": torch.Size}[kind](items)
    if kind == "dict":
        return {_decode(key, known, regions, depth + 1): _decode(value, known, regions, depth + 1)
                for key, value in rest[0]}
    if kind == "same":
        return known[int(rest[0])]
    if kind == "torch.dtype":
        return _torch_dtype(rest[0])
    if kind == "np.dtype":
        return np.dtype(str(rest[0]))
    if kind == "device":
        return torch.device(str(rest[0]), None if rest[1] is None else int(rest[1]))
    if kind == "np.scalar":
        return np.frombuffer(_b64decode(rest[1]), dtype=np.dtype(str(rest[0])))[0]
    if kind == "ndarray":
        return _decode_array(rest[0], regions)
    if kind == "tensor":
        return _decode_tensor(rest[0], regions)
    if kind == "foreign":
        return _foreign(*rest[:3])
    raise ValueError(f"unknown kind {kind!r} in the answer's reply")


def _torch_dtype(name):
    dtype = getattr(torch, str(name), None)
    if not _isinstance(dtype, torch.dtype):
        raise ValueError(f"unknown torch dtype {name!r}")
    return dtype


def _region_buffer(regions, index):
    address, size, owner = regions[int(index)]
    buffer = (ctypes.c_char * size).from_address(address)
    buffer.owner = owner  # keeps the argument alive as long as a view of it lives
    return buffer


def _decode_array(fields, regions):
    dtype = np.dtype(str(fields["dtype"]))
    shape = tuple(int(n) for n in fields["shape"])
    if fields.get("alias") is not None:
        index, offset = fields["alias"]
        array = np.ndarray(shape, dtype, buffer=_region_buffer(regions, index),
                           offset=int(offset), strides=tuple(int(s) for s in fields["strides"]))
    else:
        data = bytearray(_b64decode(fields["data"]))
        array = (np.frombuffer(data, dtype=dtype).reshape(shape) if data
                 else np.empty(shape, dtype=dtype))
    if not fields["writeable"]:
        array.flags.writeable = False
    return array


def _decode_tensor(fields, regions):
    dtype = _torch_dtype(fields["dtype"])
    shape = [int(n) for n in fields["shape"]]
    if fields.get("alias") is not None:
        index, offset = fields["alias"]
        owner = regions[int(index)][2]
        itemsize = torch.empty((), dtype=dtype).element_size()
        strides = [int(s) for s in fields["strides"]]
        if _isinstance(owner, torch.Tensor):
            storage = _TensorBase.untyped_storage(owner)
            with torch.no_grad():
                tensor = torch.empty(0, dtype=dtype).set_(storage, int(offset) // itemsize,
                                                          shape, strides)
        else:  # the memory of an array
            view = np.ndarray(shape, _numpy_dtype(dtype), buffer=_region_buffer(regions, index),
                              offset=int(offset), strides=[s * itemsize for s in strides])
            tensor = torch.from_numpy(view)
    else:
        data = bytearray(_b64decode(fields["data"]))
        tensor = (torch.frombuffer(data, dtype=torch.uint8).view(dtype).reshape(shape) if data
                  else torch.empty(shape, dtype=dtype))
    if fields["requires_grad"]:
        tensor = tensor.detach().requires_grad_()
        if not fields["is_leaf"]:  # rebuild a graph node, named after the child's where it can be
            tensor = tensor.clone() if fields["grad_fn"] == "CloneBackward0" else tensor.view_as(tensor)
    if fields["class"] == "StandInCudaTensor":
        tensor.__class__ = StandInCudaTensor
        if fields["parameter"]:  # what torch.nn.Parameter makes of a tensor subclass
            tensor._is_param = True
    elif fields["parameter"]:
        tensor = torch.nn.Parameter(tensor, requires_grad=fields["requires_grad"])
    return tensor


def _numpy_dtype(dtype):
    return torch.empty((), dtype=dtype).numpy().dtype


# ---------------------------------------------------------------------------------------------
# In the child: run the answer, report, exit.

def _child(name, args, kwargs, known, regions, observers, write_end):
    reply = None
    try:
        os.setpgid(0, 0)
        _close_sockets(keep=write_end)
        _forget_kernel_keys()
        if _state["max_processes"]:
            sys.addaudithook(cap_processes(_state["max_processes"]))
        stdout, stderr = _capture_output()
        reply = _run_and_report(name, args, kwargs, known, regions, observers)
        reply["stdout"], reply["stderr"] = _captured(stdout), _captured(stderr)
        data = _dumps(reply).encode()
        while data:
            data = data[_write(write_end, data):]
    finally:
        _exit(0 if reply is not None else 70)


def _close_sockets(keep):
    """Close the kernel's connections the child inherited: it must not speak for the judge."""
    for entry in os.listdir("/proc/self/fd"):
        fd = int(entry)
        try:
            if fd != keep and stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass


def _forget_kernel_keys():
    """Drop the kernel's message-signing key from the child, so it cannot sign as the judge."""
    for session in _state["sessions"]:
        session.key, session.auth = b"", None


def _capture_output():
    streams = []
    for fd, name in ((1, "stdout"), (2, "stderr")):
        capture = os.memfd_create(f"answer-{name}")
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
    namespaces = [sys.modules[__name__], builtins, json, json.encoder, json.JSONEncoder, base64,
                  binascii, ctypes, io, os, stat, np, sys.modules[_byte_bounds.__module__], torch,
                  torch.nn, torch.nn.Module, torch.nn.Parameter]
    for recorder in observers:
        namespaces += [_type(recorder), sys.modules[_type(recorder).__module__]]
    return namespaces


def _put_back(saved) -> None:
    for namespace, attributes in saved:
        current = vars(namespace)
        for key, value in attributes.items():
            if current.get(key, _put_back) is not value:
                setattr(namespace, key, value)


def _run_and_report(name, args, kwargs, known, regions, observers):
    put_back = _put_back  # held here: the answer cells may rebind the module's names
    saved = [(namespace, dict(vars(namespace))) for namespace in _protected_namespaces(observers)]
    namespace = get_ipython().user_ns
    transformer = TransformerManager()
    for cell_name, source, status in _state["answers"]:
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
    if function is None or _isinstance(function, AnswerProxy):
        reply["raised"] = ["NameError", "NameError", f"name {name!r} is not defined"]
    else:
        try:
            with _catch_warnings(record=True) as caught:
                _simplefilter("always")
                result = function(*args, **kwargs)
        except BaseException as error:
            put_back(saved)
            reply["raised"] = _describe_exception(error)
        else:
            put_back(saved)
            try:
                with _no_torch_function():
                    reply["result"] = _encode(result, known, regions)
            except Exception as error:
                reply["raised"] = ["TypeError", "builtins.TypeError",
                                   f"the result could not be read: {_describe_exception(error)[2]}"]
    reply["warnings"] = [_describe_warning(w) for w in caught]
    put_back(saved)  # an exception's or a warning's message may have run the answer's code again
    reply["grad_enabled"] = bool(_is_grad_enabled())
    with _no_torch_function():
        _report_effects(reply, known, regions)
    reply["observers"] = [recorder.judge_state() for recorder in observers]
    return reply


def _builtin_base(kind):
    for klass in kind.__mro__:
        if klass.__module__ == "builtins":
            return klass.__name__
    return "object"


def _qualified(kind):
    return f"{kind.__module__}.{kind.__qualname__}"


def _describe_exception(error):
    try:
        message = _str(error)
    except BaseException:
        message = "(its message could not be read)"
    return [_builtin_base(_type(error)), _qualified(_type(error)), message[:10_000]]


def _describe_warning(caught):
    try:
        message = _str(caught.message)
    except BaseException:
        message = "(its message could not be read)"
    return [_builtin_base(caught.category), _qualified(caught.category), message[:10_000]]


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
                    reply["module_entries"].append([index, entry, _encode(tensor, (), ())])
    for index, item in enumerate(known):
        if _isinstance(item, torch.Tensor):
            storage = _TensorBase.untyped_storage(item)
            if not any(storage.data_ptr() == address for address, _, _ in regions):
                reply["replaced"].append([index, _encode(_TensorBase.detach(item), (), ())])


def _encode(value, known, regions, depth=0):
    if depth > 100:
        raise ValueError("the result is nested too deeply to report")
    kind = _type(value)
    if value is None:
        return ["none"]
    if kind is bool:
        return ["bool", value]
    if kind is int:
        return ["int", _str(value)]
    if kind is float:
        return ["float", value.hex()]
    if kind is complex:
        return ["complex", value.real.hex(), value.imag.hex()]
    if kind is str:
        return ["str", value]
    if kind is bytes:
        return ["bytes", _b64encode(value).decode()]
    if kind in (list, tuple, torch.Size):
        name = {list: "list", tuple: "tuple", torch.Size: "size"}[kind]
        return [name, [_encode(item, known, regions, depth + 1) for item in value]]
    if kind is dict:
        return ["dict", [[_encode(k, known, regions, depth + 1),
                          _encode(v, known, regions, depth + 1)] for k, v in value.items()]]
    for index, item in enumerate(known):
        if item is value:
            return ["same", index]
    if kind is torch.dtype:
        return ["torch.dtype", _str(value).removeprefix("torch.")]
    if issubclass(kind, np.dtype) and kind.__module__.startswith("numpy") \
            and value.kind != "O" and value.fields is None:
        return ["np.dtype", value.str]
    if kind is torch.device:
        return ["device", value.type, value.index]
    if issubclass(kind, np.generic) and kind.__module__ == "numpy" and value.dtype.kind != "O":
        return ["np.scalar", value.dtype.str, _b64encode(value.tobytes()).decode()]
    if kind is np.ndarray and value.dtype.kind != "O" and value.dtype.fields is None:
        return ["ndarray", _encode_array(value, regions)]
    if kind in (torch.Tensor, torch.nn.Parameter, StandInCudaTensor) \
            and _layout(value) == torch.strided and not _TensorBase.is_quantized.__get__(value) \
            and _device(value).type in ("cpu", "cuda"):
        return ["tensor", _encode_tensor(value, regions)]
    # Not its repr: that would run the answer's code while the child reports.
    return ["foreign", kind.__module__, kind.__qualname__, f"<{kind.__qualname__} object>"]


def _alias(low, high, regions):
    for index, (address, size, _) in enumerate(regions):
        if address <= low and high <= address + size:
            return index
    return None


def _encode_array(array, regions):
    fields = {"dtype": array.dtype.str, "shape": list(array.shape),
              "strides": list(array.strides), "writeable": bool(array.flags.writeable)}
    if array.size:
        low, high = _byte_bounds(array)
        index = _alias(low, high, regions)
        if index is not None:
            fields["alias"] = [index, array.ctypes.data - regions[index][0]]
            return fields
    fields["data"] = _b64encode(np.ascontiguousarray(array).tobytes()).decode()
    return fields


def _encode_tensor(tensor, regions):
    plain = _TensorBase.detach(tensor)
    grad_fn = _grad_fn(tensor)
    fields = {"dtype": _str(_dtype(tensor)).removeprefix("torch."), "shape": list(_shape(tensor)),
              "strides": list(_TensorBase.stride(plain)),
              "requires_grad": bool(_requires_grad(tensor)), "is_leaf": bool(_is_leaf(tensor)),
              "grad_fn": None if grad_fn is None else _type(grad_fn).__name__,
              "class": "StandInCudaTensor" if issubclass(_type(tensor), StandInCudaTensor)
              else "Tensor",
              "parameter": issubclass(_type(tensor), torch.nn.Parameter)
              or getattr(tensor, "_is_param", False) is True}
    if _TensorBase.numel(plain) and _is_cpu(plain):
        itemsize = _TensorBase.element_size(plain)
        low = _TensorBase.data_ptr(plain)
        span = sum((n - 1) * s for n, s in zip(fields["shape"], fields["strides"])) + 1
        index = _alias(low, low + span * itemsize, regions)
        # A view of a tensor argument is rebuilt on its storage, at a whole number of elements.
        if index is not None and (low - regions[index][0]) % itemsize == 0:
            fields["alias"] = [index, low - regions[index][0]]
            return fields
    host = _TensorBase.contiguous(_TensorBase.cpu(plain))
    size = _TensorBase.numel(host) * _TensorBase.element_size(host)
    fields["data"] = _b64encode(_string_at(_TensorBase.data_ptr(host), size) if size else b"").decode()
    return fields
