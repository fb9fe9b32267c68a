"""In grading, the device is the judge's: the answer process holds handles, the judge the tensors.

A test's device log (`grader.device_log.recorded_devices`) must record what the answer really ran
on the device, and the answer process can rewrite anything it records there. So while a log runs
around a call of a student's function (`grader.grading.judge`), every PyTorch call of the answer
that touches the device (a device tensor among its arguments, a device asked for, `.cuda()`) is
sent to the judge (`DeviceInJudge`), which runs it on its own device, under the test's own log
(`JudgeDevice`). The device tensors stay in the judge; the answer process holds a
`DeviceTensorHandle` for each, as a program holds pointers to GPU memory, and every call on a
handle runs in the judge too. Views, in-place writes, autograd and PyTorch's refusals therefore
behave as on the device. What crosses is data only (`grader.grading.judge.transfer`), and only
PyTorch's own tensor functions run in the judge, none that runs code or keeps state beyond the
tensors involved.
"""

import builtins
import contextlib
import functools
import itertools
import warnings
from dataclasses import dataclass

import numpy as np
import torch
from torch.overrides import (TorchFunctionMode, get_ignored_functions, get_overridable_functions,
                             resolve_name)

from grader.cuda_standin import StandInCudaTensor, tensors_in

DEVICE_MEMORY_BYTES = 1 << 30  # what one call may keep on the judge's device, as on a small GPU
_LENT: dict = {}  # in the judge: number -> a device tensor an answer process holds a handle to
_NUMBERS = itertools.count()
# Calls that could run code, or change state beyond the tensors involved, never run in the judge.
_NEVER_IN_THE_JUDGE = {"torch.Tensor.apply_", "torch.Tensor.map_", "torch.Tensor.map2_",
                       "torch.Tensor.share_memory_", "torch.Tensor.__setstate__"}
# PyTorch's factories take no tensor, so torch.overrides counts them among the ignored functions.
_FACTORIES = {f"torch.{name}" for name in (
    "tensor", "as_tensor", "asarray", "scalar_tensor", "zeros", "ones", "empty", "empty_strided",
    "full", "arange", "linspace", "logspace", "eye", "rand", "randn", "randint", "randperm",
    "rand_like", "randn_like", "randint_like")} | {f"torch.Tensor.new_{name}" for name in (
    "tensor", "empty", "empty_strided", "zeros", "ones", "full")}
_DATA = (bool, int, float, complex, str, bytes, torch.dtype, torch.device, torch.Size,
         torch.memory_format, torch.layout, torch.Tensor, torch.nn.Parameter)
_DATA_BASES = (np.ndarray, np.generic, np.dtype)


@dataclass(frozen=True)
class Lent:
    """A device tensor that the judge keeps, as the answer process receives it."""
    number: int
    shape: tuple
    dtype: torch.dtype


@dataclass(frozen=True)
class Argument:
    """The host tensor at `index` among a call's arguments (what `host.copy_(device)` returns)."""
    index: int


@dataclass(frozen=True)
class Opaque:
    """Any other object a call in the judge returned (a `grad_fn`, a storage): only its name."""
    text: str

    def __repr__(self):
        return self.text


class JudgeDevice:
    """In the judge: the device tensors lent during one device log, and the answers' random
    stream (kept apart from the test's)."""

    def __init__(self):
        self._lent: dict[int, int] = {}  # id -> number of each tensor lent
        self._storages: dict[int, int] = {}  # address -> bytes of each storage they use
        self._answer_rng = None

    def release(self) -> None:
        for number in self._lent.values():
            _LENT.pop(number, None)

    def serve(self, question: dict) -> dict:
        """Run one PyTorch call of the answer on this machine's device, under the test's contexts
        (its device log among them), with the answer's gradient mode, default dtype and random
        stream. The device tensors it makes stay here, lent to the answer by number."""
        function = _device_functions().get(question["function"])
        if function is None:
            raise TypeError(f"{question['function']} cannot run on the device in grading")
        args, kwargs = tuple(question["args"]), dict(question["kwargs"])
        host = [t for t in tensors_in((args, kwargs)) if not _on_device(t)]
        with torch._C.DisableTorchFunction():
            before = [t.detach().clone() for t in host]
        with self._as_the_answer_had_it(question) as caught:
            result = _run(question["function"], function, args, kwargs)
        with torch._C.DisableTorchFunction():
            changed = [[index, tensor.detach()] for index, (tensor, old) in
                       enumerate(zip(host, before)) if not _same_bytes(tensor, old)]
            reply = {"result": self._lend(result, host), "host": changed,
                     "warnings": [[_builtin_warning(w.category), str(w.message)] for w in caught]}
            self._check_memory()
        return reply

    @contextlib.contextmanager
    def _as_the_answer_had_it(self, question):
        with torch._C.DisableTorchFunction():  # none of this is the answer's work
            grad_mode, default_dtype = torch.is_grad_enabled(), torch.get_default_dtype()
            rng = torch.get_rng_state()
            torch.set_default_dtype(question["default_dtype"])  # raises unless a floating dtype
            torch._C._set_grad_enabled(question["grad_enabled"] is True)
            if self._answer_rng is not None:  # the answers' own stream: the test's stays as it was
                torch.set_rng_state(self._answer_rng)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                yield caught
        finally:
            with torch._C.DisableTorchFunction():
                self._answer_rng = torch.get_rng_state()
                torch.set_rng_state(rng)
                torch._C._set_grad_enabled(grad_mode)
                torch.set_default_dtype(default_dtype)

    def _lend(self, value, host, depth=0):
        """`value` as the answer process receives it: device tensors as `Lent`, a host tensor
        argument as its `Argument`, data as itself, any other object as an `Opaque`."""
        if depth > 20:
            return Opaque("a value nested too deeply")
        if isinstance(value, torch.Tensor) and _on_device(value):
            if id(value) not in self._lent:
                self._lent[id(value)] = number = next(_NUMBERS)
                _LENT[number] = value
                storage = value.untyped_storage()
                self._storages[storage.data_ptr()] = storage.nbytes()
            return Lent(self._lent[id(value)], tuple(value.shape), value.dtype)
        for index, tensor in enumerate(host):
            if value is tensor:
                return Argument(index)
        if isinstance(value, (list, tuple)) and type(value) is not torch.Size:
            items = [self._lend(item, host, depth + 1) for item in value]
            return items if type(value) is list else type(value)(items)  # torch.return_types too
        if isinstance(value, dict):
            return {key: self._lend(item, host, depth + 1) for key, item in value.items()}
        if value is None or type(value) in _DATA or isinstance(value, _DATA_BASES):
            return value
        return Opaque(f"<{type(value).__qualname__} object>")

    def _check_memory(self) -> None:
        held = sum(self._storages.values())
        if held > DEVICE_MEMORY_BYTES:
            raise torch.OutOfMemoryError(
                f"the device in grading holds at most {DEVICE_MEMORY_BYTES >> 20} MiB, and this "
                f"call's tensors there use {held >> 20} MiB")


def lent(number: int) -> torch.Tensor:
    """In the judge: the device tensor lent as `number` (a handle the answer sent back)."""
    if number not in _LENT:
        raise ValueError(f"no device tensor {number} is held for this call")
    return _LENT[number]


def _on_device(tensor) -> bool:
    return isinstance(tensor, StandInCudaTensor) or \
        torch._C.TensorBase.device.__get__(tensor).type not in ("cpu", "meta")


def _same_bytes(tensor, old) -> bool:
    def raw(t):
        return t.contiguous().view(-1).view(torch.uint8)

    return tensor.shape == old.shape and tensor.dtype == old.dtype and raw(tensor).equal(raw(old))


def _builtin_warning(category) -> str:
    return next(k.__name__ for k in category.__mro__ if k.__module__ == "builtins")


def _run(name: str, function, args, kwargs):
    """Call `function`; a tensor method, getter or setter by its name on the tensor itself, so
    that a tensor class's own version (the CUDA stand-in's `.numpy()`, `.device`) is the one that
    runs, as it would have in the answer process."""
    owner, _, member = name.rpartition(".")
    receiver = args[0] if args else None
    if not isinstance(receiver, torch.Tensor) or not name.startswith("torch.Tensor."):
        return function(*args, **kwargs)
    if member == "__get__":
        return getattr(receiver, owner.rpartition(".")[2])
    if member == "__set__":
        return setattr(receiver, owner.rpartition(".")[2], *args[1:])
    return getattr(receiver, member)(*args[1:], **kwargs)


@functools.cache
def _device_functions() -> dict:
    """The PyTorch calls an answer may run on the judge's device, by `resolve_name`."""
    functions = [f for group in get_overridable_functions().values() for f in group]
    functions += [f for f in get_ignored_functions() if resolve_name(f) in _FACTORIES]
    table = {resolve_name(f): f for f in functions if resolve_name(f)}
    return {name: f for name, f in table.items()
            if name not in _NEVER_IN_THE_JUDGE and "hook" not in name}


class DeviceTensorHandle(torch.Tensor):
    """In the answer process: a tensor on the judge's device, known by its number there. Its own
    memory is on PyTorch's meta device (a shape and a dtype, no values), and every PyTorch call
    on it runs in the judge."""

    __torch_function__ = torch._C._disabled_torch_function_impl
    judge_number: int


class DeviceInJudge(TorchFunctionMode):
    """In the answer process, inside the replayed log: host calls go on to that log and run
    here; calls that touch the device are sent to the judge."""

    def __init__(self, ask_judge):
        super().__init__()
        self._ask_judge = ask_judge
        self._handles: dict[int, DeviceTensorHandle] = {}

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if not _touches_device(func, (args, kwargs)):
            return func(*args, **kwargs)
        host = [t for t in tensors_in((args, kwargs))
                if not isinstance(t, (DeviceTensorHandle, StandInCudaTensor))]
        with torch._C.DisableTorchFunction():
            reply = self._ask_judge({
                "function": resolve_name(func) or repr(func), "args": list(args),
                "kwargs": kwargs, "grad_enabled": torch.is_grad_enabled(),
                "default_dtype": torch.get_default_dtype()})
            for index, value in reply["host"]:  # what the call wrote into host tensors
                _write_back(host[index], value)
        for category, message in reply["warnings"]:
            category = getattr(builtins, str(category), UserWarning)
            warnings.warn(str(message), category if isinstance(category, type)
                          and issubclass(category, Warning) else UserWarning, stacklevel=3)
        return self._own(reply["result"], host)

    def _own(self, value, host):
        if isinstance(value, Lent):
            if value.number not in self._handles:
                with torch._C.DisableTorchFunction():
                    meta = torch.empty(value.shape, dtype=value.dtype, device="meta")
                    handle = torch.Tensor._make_subclass(DeviceTensorHandle, meta)
                handle.judge_number = value.number
                self._handles[value.number] = handle
            return self._handles[value.number]
        if isinstance(value, Argument):
            return host[value.index]
        if isinstance(value, (list, tuple)) and type(value) is not torch.Size:
            items = [self._own(item, host) for item in value]
            return items if type(value) is list else type(value)(items)
        if isinstance(value, dict):
            return {key: self._own(item, host) for key, item in value.items()}
        return value


def _write_back(tensor, value) -> None:
    """Into a host tensor of the answer's, in its own memory where the shape is unchanged (it may
    be a view of an array), what a call in the judge wrote into the judge's copy of it."""
    with torch.no_grad():
        if tensor.shape == value.shape and tensor.dtype == value.dtype:
            tensor.copy_(value)
        else:  # resize_, say
            tensor.set_(value.untyped_storage(), value.storage_offset(), value.shape,
                        value.stride())


def _touches_device(func, arguments) -> bool:
    """Whether a call involves the device: a device tensor, a device asked for, `.cuda()`."""
    if func is torch.Tensor.cuda:
        return True
    return any(_is_device_value(value) for value in _leaves(arguments))


def _leaves(value, depth=0):
    if isinstance(value, (list, tuple, dict)) and depth < 20:
        for item in (value.values() if isinstance(value, dict) else value):
            yield from _leaves(item, depth + 1)
    else:
        yield value


def _is_device_value(value) -> bool:
    if isinstance(value, (DeviceTensorHandle, StandInCudaTensor)):
        return True
    if isinstance(value, str):
        try:
            value = torch.device(value)
        except (RuntimeError, ValueError, TypeError):
            return False
    return isinstance(value, torch.device) and value.type not in ("cpu", "meta")
