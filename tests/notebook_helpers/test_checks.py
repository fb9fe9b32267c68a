"""grader.checks alone: each check passes what it should, and fails with a message that names the
misconception."""

import re
import warnings

import nbformat
import numpy as np
import pytest
import torch
from nbclient import NotebookClient

from grader import checks
from grader.cuda_standin import simulated_cuda


def fails(check, *args, **kwargs) -> str:
    with pytest.raises(AssertionError) as failure:
        check(*args, **kwargs)
    return str(failure.value)


def test_check_ndarray_names_the_type_dtype_shape_or_values_that_differ():
    expected = np.arange(3, dtype=np.int64)
    checks.check_ndarray(np.arange(3), expected)
    assert fails(checks.check_ndarray, torch.arange(3), expected) == (
        "the result: is a torch.Tensor, expected a numpy.ndarray (return an array, not a tensor, "
        "list, scalar or subclass)")
    assert "has dtype float32, expected int64 (float32 hint)" in fails(
        checks.check_ndarray, expected.astype(np.float32), expected,
        dtype_hints={np.dtype(np.float32): "float32 hint"})
    assert fails(checks.check_ndarray, np.array(1), np.array([1]), what="x") == (
        "x: has shape (), expected (1,)")
    assert "0-d inputs give 0-d arrays" in fails(checks.check_ndarray, np.array([1]), np.array(1))
    assert fails(checks.check_ndarray, expected + 1, expected) == (
        "the result: has values [1, 2, 3], expected [0, 1, 2]")
    checks.check_ndarray(np.array([np.nan]), np.array([np.nan]))  # NaN equals NaN here


def test_check_tensor_compares_device_and_ignores_grad():
    expected = torch.ones(2)
    checks.check_tensor(torch.ones(2, requires_grad=True), expected)
    assert "expected a torch.Tensor" in fails(checks.check_tensor, np.ones(2), expected)
    assert "has dtype torch.float64" in fails(checks.check_tensor, expected.double(), expected)
    with simulated_cuda():
        assert fails(checks.check_tensor, expected.to("cuda"), expected) == (
            "the result: is on cuda:0, expected cpu")


def test_check_scalar_wants_the_exact_python_type():
    checks.check_scalar(3, 3)
    assert "use .item()" in fails(checks.check_scalar, torch.tensor(3), 3)
    assert fails(checks.check_scalar, 3.0, 3) == "the result: is a float, expected a Python int"
    assert fails(checks.check_scalar, True, 1) == "the result: is a bool, expected a Python int"
    assert fails(checks.check_scalar, 2, 3) == "the result: is 2, expected 3"


def test_check_to_chw_tensor_names_the_layout_mistake():
    image = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4) * 10  # H=2, W=3, C=4

    def right(image):
        scale = 255 if image.dtype == np.uint8 else 1
        return torch.from_numpy(image).permute(2, 0, 1).div(scale).float().contiguous()

    checks.check_to_chw_tensor(right, image)
    checks.check_to_chw_tensor(lambda image: right(image) * 1.0000001, image)  # one rounding more
    photo = np.linspace(0, 1, 2 * 2 * 3).reshape(2, 2, 3)
    checks.check_to_chw_tensor(right, photo)
    assert fails(checks.check_to_chw_tensor, lambda image: right(image) + 0.5, photo) == (
        "the result: does not hold out[c, y, x] == image[y, x, c]")
    assert "wrong places" in fails(checks.check_to_chw_tensor,
                                   lambda image: right(image).permute(0, 2, 1), photo)
    assert "not contiguous (strides (1, 12, 4), expected (6, 3, 1))" in fails(
        checks.check_to_chw_tensor, lambda image: torch.from_numpy(image).permute(2, 0, 1) / 255, image)
    assert "divide uint8 images by 255" in fails(
        checks.check_to_chw_tensor, lambda image: right(image) * 255, image)
    assert "divide only uint8 images" in fails(
        checks.check_to_chw_tensor, lambda image: right(image) / 255, photo)
    assert "the right values in the wrong places" in fails(
        checks.check_to_chw_tensor, lambda image: torch.from_numpy(image).reshape(4, 2, 3) / 255, image)
    assert "has shape (2, 3, 4), expected (C, H, W) = (4, 2, 3) (the channel axis must come first)" in fails(
        checks.check_to_chw_tensor, lambda image: torch.from_numpy(image) / 255, image)
    assert "(C, W, H)" in fails(checks.check_to_chw_tensor, lambda image: right(image).transpose(1, 2), image)
    assert "has dtype torch.float64" in fails(checks.check_to_chw_tensor, lambda image: right(image).double(), image)
    assert "expected a torch.Tensor" in fails(checks.check_to_chw_tensor, lambda image: right(image).numpy(), image)

    def in_place(image):
        image[0, 0, 0] = 1
        return right(image)

    assert "the input image was changed" in fails(checks.check_to_chw_tensor, in_place, image.copy())


def test_memory_overlap_is_exact_for_arrays_and_tensors():
    x = np.arange(10.0)
    assert checks.memory_overlaps(torch.from_numpy(x)[2:4], x[3:])
    assert not checks.memory_overlaps(x[::2], x[1::2])  # interleaved: no byte in common
    t = torch.zeros(3, requires_grad=True)
    checks.check_shares_memory(t.detach().numpy(), t)
    assert "independent copy" in fails(checks.check_no_shared_memory, t.detach().numpy(), t)
    assert "is a copy" in fails(checks.check_shares_memory, x.copy(), x)
    with pytest.raises(TypeError, match="expected a CPU tensor or an array, got list"):
        checks.memory_overlaps([1.0], x)


def test_answers_are_called_with_their_warnings_recorded_not_printed():
    def warns(value):
        warnings.warn("careful", DeprecationWarning)
        return value * 2

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a printed warning would fail here
        assert checks.call_answer(warns, 2) == 4
        assert checks.call_answer_and_warnings(warns, 1) == (2, ["DeprecationWarning: careful"])


def test_the_checks_use_the_functions_captured_at_import(monkeypatch):
    monkeypatch.setattr(np, "array_equal", lambda *args, **kwargs: True)
    monkeypatch.setattr(torch, "equal", lambda *args, **kwargs: True)
    assert "has values" in fails(checks.check_ndarray, np.zeros(2), np.ones(2))
    assert "has values" in fails(checks.check_tensor, torch.zeros(2), torch.ones(2))


def test_type_names_are_qualified_and_the_stand_in_reads_as_a_tensor():
    assert checks.type_name(np.bool_(True)) == "numpy.bool"
    assert checks.type_name([]) == "list"
    with simulated_cuda():
        assert checks.type_name(torch.ones(1, device="cuda")) == "torch.Tensor"


def test_a_failed_check_shows_the_test_and_its_message_but_none_of_the_courses_frames():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import numpy as np\nfrom grader.checks import call_answer, check_ndarray\n\n"
        "def tensor_to_array(t):\n    return t + 1\n\n"
        "check_ndarray(call_answer(tensor_to_array, np.zeros(2)), np.zeros(2))")])
    NotebookClient(notebook, kernel_name="python3", allow_errors=True).execute()
    traceback = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(notebook.cells[0].outputs[-1].traceback))
    assert "check_ndarray(call_answer(tensor_to_array" in traceback
    assert "the result: has values [1.0, 1.0], expected [0.0, 0.0]" in traceback
    assert "checks.py" not in traceback


def test_an_error_in_the_answer_shows_the_students_frame_and_not_the_helpers():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from grader.checks import call_answer\n\n"
        "def tensor_to_array(t):\n    raise NotImplementedError('not yet')\n\n"
        "call_answer(tensor_to_array, 1)")])
    NotebookClient(notebook, kernel_name="python3", allow_errors=True).execute()
    traceback = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(notebook.cells[0].outputs[-1].traceback))
    assert "raise NotImplementedError('not yet')" in traceback
    assert "checks.py" not in traceback and "skipping hidden" in traceback
