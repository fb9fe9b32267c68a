"""Checks used by the notebooks' autograder test cells.

Each check raises `AssertionError` with a message that names the likely misconception, so a
student who fails a test learns what to fix. Checks compare types, dtypes, shapes and values
explicitly: `==` on arrays and tensors is elementwise, and an answer may return an object whose
`__eq__` always says yes, so `==` is never trusted on its own.

Every lesson imports this module in its read-only first cell, before any answer cell runs, and the
checks call the NumPy and PyTorch functions they captured then: an answer that replaces
`np.array_equal` or `torch.equal` later changes nothing here.

Imported in a kernel, it also keeps the course's own frames out of IPython's tracebacks, so a
failed test shows the test's line, the message and the student's own frames: `call_answer` hides
its frame (`__tracebackhide__`), and a failed check, whose raising frame IPython would always show,
is shown by a handler that leaves this package's frames out.
"""

import warnings
from pathlib import Path

import numpy as np
import torch

from grader.cuda_standin import StandInCudaTensor

_ndarray, _Tensor = np.ndarray, torch.Tensor
_array_equal, _np_shares_memory = np.array_equal, np.shares_memory
_torch_equal = torch.equal
_tensor_numpy, _tensor_detach, _tensor_tolist = torch.Tensor.numpy, torch.Tensor.detach, torch.Tensor.tolist
_catch_warnings, _simplefilter = warnings.catch_warnings, warnings.simplefilter
_type, _isinstance, _repr = type, isinstance, repr


def call_answer(function, *args, **kwargs):
    """Call a student's function with any warnings it raises recorded instead of printed.

    A warning printed on stderr fails an nbgrader test cell even when the answer is right (for
    example NumPy 2's DeprecationWarning for `np.array(tensor)`), so tests call answers through
    here. Exercises that forbid warnings use `call_answer_and_warnings`.
    """
    __tracebackhide__ = True
    return call_answer_and_warnings(function, *args, **kwargs)[0]


def call_answer_and_warnings(function, *args, **kwargs):
    """Call a student's function; return its result and the messages of the warnings it raised."""
    __tracebackhide__ = True
    with _catch_warnings(record=True) as caught:
        _simplefilter("always")
        result = function(*args, **kwargs)
    return result, [f"{w.category.__name__}: {w.message}" for w in caught]


def _fail(what, message, hint=""):
    raise AssertionError(f"{what}: {message}" + (f" ({hint})" if hint else ""))


def type_name(value) -> str:
    """The qualified name of `value`'s type: numpy.bool, not just bool."""
    kind = _type(value)
    if kind is StandInCudaTensor:  # students should read what a real GPU would give them
        return "torch.Tensor"
    return f"{kind.__module__}.{kind.__qualname__}".removeprefix("builtins.")


def check_ndarray(result, expected, *, what="the result", dtype_hints=None):
    """`result` must be a plain `np.ndarray` equal to `expected` in dtype, shape and values.

    `dtype_hints` maps a wrong dtype to the misconception that usually produces it.
    """
    if _type(result) is not _ndarray:
        _fail(what, f"is a {type_name(result)}, expected a numpy.ndarray",
              "return an array, not a tensor, list, scalar or subclass")
    if result.dtype != expected.dtype:
        _fail(what, f"has dtype {result.dtype}, expected {expected.dtype}",
              (dtype_hints or {}).get(result.dtype, ""))
    if result.shape != expected.shape:
        _fail(what, f"has shape {result.shape}, expected {expected.shape}",
              "0-d inputs give 0-d arrays" if expected.ndim == 0 else "")
    if not _array_equal(result, expected, equal_nan=result.dtype.kind in "fc"):
        _fail(what, f"has values {result.tolist()}, expected {expected.tolist()}")


def check_tensor(result, expected, *, what="the result", dtype_hints=None):
    """`result` must be a `torch.Tensor` equal to `expected` in dtype, shape, device and values.

    `dtype_hints` maps a wrong dtype to the misconception that usually produces it.
    """
    if _type(result) not in (_Tensor, StandInCudaTensor):
        _fail(what, f"is a {type_name(result)}, expected a torch.Tensor",
              "return a tensor, not an array, list, scalar or subclass")
    if result.dtype != expected.dtype:
        _fail(what, f"has dtype {result.dtype}, expected {expected.dtype}",
              (dtype_hints or {}).get(result.dtype, ""))
    if result.shape != expected.shape:
        _fail(what, f"has shape {tuple(result.shape)}, expected {tuple(expected.shape)}")
    if result.device != expected.device:
        _fail(what, f"is on {result.device}, expected {expected.device}")
    if not _torch_equal(_tensor_detach(result), _tensor_detach(expected)):
        _fail(what, f"has values {_tensor_tolist(result)}, expected {_tensor_tolist(expected)}")


def check_scalar(result, expected, *, what="the result"):
    """`result` must be a Python scalar of exactly `type(expected)`, equal to `expected`."""
    if _type(result) is not _type(expected):
        hint = ("a one-element tensor or array is not a Python number: use .item()"
                if _isinstance(result, (_Tensor, _ndarray, np.generic)) else "")
        _fail(what, f"is a {type_name(result)}, expected a Python {_type(expected).__name__}", hint)
    if result != expected:
        _fail(what, f"is {_repr(result)}, expected {_repr(expected)}")


def _host_view(x):
    """A NumPy view of the memory of a CPU tensor (grad or not) or of an array."""
    if _type(x) is _ndarray:
        return x
    if _isinstance(x, _Tensor):
        return _tensor_numpy(_tensor_detach(x))
    raise TypeError(f"expected a CPU tensor or an array, got {type_name(x)}")


def memory_overlaps(x, y) -> bool:
    """Whether two CPU tensors or arrays use any byte of memory in common (exact, not a guess)."""
    return bool(_np_shares_memory(_host_view(x), _host_view(y)))


def check_shares_memory(result, source, *, what="the result", hint=""):
    """`result` must use the same memory as `source`: a write through one shows in the other."""
    if not memory_overlaps(result, source):
        _fail(what, "is a copy; it must share memory with the input", hint)


def check_no_shared_memory(result, source, *, what="the result", hint=""):
    """`result` must use none of `source`'s memory: changing one never changes the other."""
    if memory_overlaps(result, source):
        _fail(what, "shares memory with the input; the exercise asks for an independent copy", hint)


_COURSE_PACKAGE = str(Path(__file__).resolve().parent)


def _without_course_frames(shell, etype, value, tb, tb_offset=None):
    """IPython's handler for a failed assertion in a cell: its traceback, less the course's
    frames."""
    kept = []
    while tb is not None:
        if not tb.tb_frame.f_code.co_filename.startswith(_COURSE_PACKAGE):
            kept.append(tb)
        tb = tb.tb_next
    for frame, after in zip(kept, kept[1:] + [None]):
        frame.tb_next = after
    shell.showtraceback((etype, value, kept[0] if kept else None), tb_offset=tb_offset)


def _install_traceback_filter():
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((AssertionError,), _without_course_frames)


_install_traceback_filter()
