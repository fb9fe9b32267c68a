"""Checks used by the notebooks' autograder test cells.

Each check raises `AssertionError` with a message that names the likely misconception, so a
student who fails a test learns what to fix. Checks compare types, dtypes, shapes and values
explicitly: `==` on arrays and tensors is elementwise, so it is never trusted on its own.
"""

import warnings

import numpy as np
import torch


def call_answer(function, *args, **kwargs):
    """Call a student's function with any warnings it raises recorded instead of printed.

    A warning printed on stderr fails an nbgrader test cell even when the answer is right (for
    example NumPy 2's DeprecationWarning for `np.array(tensor)`), so tests call answers through
    here. Exercises that forbid warnings check `warnings_raised_by` separately.
    """
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        return function(*args, **kwargs)


def _fail(what, message, hint):
    raise AssertionError(f"{what}: {message}" + (f" ({hint})" if hint else ""))


def check_ndarray(result, expected, *, what="the result", dtype_hints=None):
    """`result` must be a plain `np.ndarray` equal to `expected` in dtype, shape and values.

    `dtype_hints` maps a wrong dtype to the misconception that usually produces it.
    """
    if type(result) is not np.ndarray:
        _fail(what, f"is a {type(result).__module__}.{type(result).__qualname__}, "
              "expected a numpy.ndarray", "return an array, not a tensor, list or scalar")
    if result.dtype != expected.dtype:
        _fail(what, f"has dtype {result.dtype}, expected {expected.dtype}",
              (dtype_hints or {}).get(result.dtype, ""))
    if result.shape != expected.shape:
        _fail(what, f"has shape {result.shape}, expected {expected.shape}",
              "0-d inputs give 0-d arrays" if expected.ndim == 0 else "")
    if not np.array_equal(result, expected, equal_nan=result.dtype.kind in "fc"):
        _fail(what, f"has values {result.tolist()}, expected {expected.tolist()}", "")


def check_tensor(result, expected, *, what="the result", dtype_hints=None):
    """`result` must be a `torch.Tensor` equal to `expected` in dtype, shape, device and values.

    `dtype_hints` maps a wrong dtype to the misconception that usually produces it.
    """
    if type(result) is not torch.Tensor:
        _fail(what, f"is a {type(result).__module__}.{type(result).__qualname__}, "
              "expected a torch.Tensor", "return a tensor, not an array, list or scalar")
    if result.dtype != expected.dtype:
        _fail(what, f"has dtype {result.dtype}, expected {expected.dtype}",
              (dtype_hints or {}).get(result.dtype, ""))
    if result.shape != expected.shape:
        _fail(what, f"has shape {tuple(result.shape)}, expected {tuple(expected.shape)}", "")
    if result.device != expected.device:
        _fail(what, f"is on {result.device}, expected {expected.device}", "")
    if not torch.equal(result, expected):
        _fail(what, f"has values {result.tolist()}, expected {expected.tolist()}", "")


def check_scalar(result, expected, *, what="the result"):
    """`result` must be a Python scalar of exactly `type(expected)`, equal to `expected`."""
    if type(result) is not type(expected):
        hint = ("a one-element tensor or array is not a Python number: use .item()"
                if isinstance(result, (torch.Tensor, np.ndarray, np.generic)) else "")
        _fail(what, f"is a {type(result).__qualname__}, expected a Python "
              f"{type(expected).__qualname__}", hint)
    if result != expected:
        _fail(what, f"is {result!r}, expected {expected!r}", "")
