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
_abs, _sort, _float32_tiny = np.abs, np.sort, float(np.finfo(np.float32).tiny)
_torch_equal = torch.equal
_tensor_numpy, _tensor_detach, _tensor_tolist = torch.Tensor.numpy, torch.Tensor.detach, torch.Tensor.tolist
_tensor_is_contiguous, _tensor_stride = torch.Tensor.is_contiguous, torch.Tensor.stride
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


# float32 keeps 24 significant bits: a value converted, or divided by 255 in one or two roundings
# (`/ 255`, `* (1 / 255)`), is within two units in the last place of the exact one.
_FLOAT32_TOLERANCE = 2.0 ** -22


def check_to_chw_tensor(to_chw_tensor, image, *, what="the result"):
    """`to_chw_tensor(image)`, for an (H, W, C) image, must be a contiguous float32 (C, H, W)
    tensor with `out[c, y, x] == image[y, x, c]`, divided by 255 for uint8, and leave `image` as
    it was."""
    __tracebackhide__ = True
    kept = image.copy()
    result = call_answer(to_chw_tensor, image)
    if not _array_equal(image, kept):
        _fail(what, "the input image was changed", "work on a copy, or on a new tensor")
    height, width, channels = image.shape
    if _type(result) is not _Tensor:
        _fail(what, f"is a {type_name(result)}, expected a torch.Tensor",
              "return a tensor, not an array, list or subclass")
    if result.dtype != torch.float32:
        _fail(what, f"has dtype {result.dtype}, expected torch.float32",
              "NumPy's arithmetic and float64 images give float64: ask for float32"
              if result.dtype == torch.float64 else "convert the values to float32")
    shape = tuple(result.shape)
    if shape != (channels, height, width):
        hint = {(height, width, channels): "the channel axis must come first",
                (channels, width, height): "height and width are swapped: reversing every axis "
                                           "(.T, np.transpose without axes) gives (C, W, H)"}
        _fail(what, f"has shape {shape}, expected (C, H, W) = {(channels, height, width)}",
              hint.get(shape, ""))
    if result.device.type != "cpu":
        _fail(what, f"is on {result.device}, expected the CPU")
    exact = image.transpose(2, 0, 1).astype(np.float64)
    if image.dtype == np.uint8:
        exact /= 255
    got = _tensor_numpy(_tensor_detach(result)).astype(np.float64)
    if not _close(got, exact):
        if _close(got, exact * 255) and image.dtype == np.uint8:
            hint = "the values run from 0 to 255: divide uint8 images by 255"
        elif _close(got, exact / 255):
            hint = "floating images already run from 0 to 1: divide only uint8 images by 255"
        elif _close(_sort(got, axis=None), _sort(exact, axis=None)):
            hint = ("the right values in the wrong places: check which axis of the image each "
                    "axis of the result comes from (reshape and view never move an element)")
        else:
            hint = ""
        _fail(what, "does not hold out[c, y, x] == image[y, x, c]"
              + (" / 255" if image.dtype == np.uint8 else ""), hint)
    if not _tensor_is_contiguous(result):
        _fail(what, f"is not contiguous (strides {_tensor_stride(result)}, expected "
              f"{(height * width, width, 1)})",
              "moving axes only changes the strides, and .float(), arithmetic and torch.tensor "
              "keep the layout they are given: ask for a contiguous copy")


def _close(got, exact) -> bool:
    return got.shape == exact.shape and bool(
        (_abs(got - exact) <= _FLOAT32_TOLERANCE * _abs(exact) + _float32_tiny).all())


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
