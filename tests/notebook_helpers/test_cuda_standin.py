"""The CUDA stand-in behaves like a real CUDA device for everything the exercises touch.

Each scenario below runs an operation on a device tensor and states what PyTorch does on a real
GPU (docs/facts.md, measured on an H100). On every machine the stand-in must match that; on a CUDA
runner the real device must match it too, so the table itself is checked against real CUDA.
"""

import numpy as np
import pytest
import torch

from grader.cuda_standin import StandInCudaTensor, simulated_cuda
from grader.device_log import recorded_devices

NUMPY_REFUSAL = ("TypeError", "can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() "
                 "to copy the tensor to host memory first.")
MIXED = ("RuntimeError", "Expected all tensors to be on the same device")


def observe(operation, device):
    """What an operation gives: the exception (type, message start) or a description of the result."""
    try:
        result = operation(device)
    except Exception as error:  # the scenarios are about which errors happen
        message = str(error)
        if message.startswith(MIXED[1]):
            message = MIXED[1]  # the rest names the operation, which differs between kernels
        return (type(error).__name__, message)
    if isinstance(result, torch.Tensor):
        return ("tensor", str(result.device), str(result.dtype), result.detach().cpu().tolist(),
                result.requires_grad, type(result.grad_fn).__name__ if result.grad_fn else None)
    if isinstance(result, np.ndarray):
        return ("ndarray", str(result.dtype), result.tolist())
    return result


def x(device, **options):
    return torch.tensor([1.0, 2.0, 3.0], device=device, **options)


def trained_weight_moves(device):
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    before = model.weight.detach().cpu().clone()
    loss = torch.nn.functional.mse_loss(model(torch.ones(4, 3, device=device)),
                                        torch.zeros(4, 1, device=device))
    loss.backward()
    optimizer.step()
    return (str(model.weight.device), str(model(torch.ones(1, 3, device=device)).device),
            bool((model.weight.detach().cpu() != before).all()))


SCENARIOS = {
    "numpy() refuses": (lambda d: x(d).numpy(), NUMPY_REFUSAL),
    "numpy() refuses with grad": (lambda d: x(d, requires_grad=True).numpy(), NUMPY_REFUSAL),
    "np.asarray refuses": (lambda d: np.asarray(x(d)), NUMPY_REFUSAL),
    "np.array refuses": (lambda d: np.array(x(d)), NUMPY_REFUSAL),
    "np.from_dlpack refuses": (lambda d: np.from_dlpack(x(d)),
                               ("BufferError", "Unsupported device in DLTensor.")),
    "cpu() copies to the host": (lambda d: x(d).cpu(),
                                 ("tensor", "cpu", "torch.float32", [1.0, 2.0, 3.0], False, None)),
    "to('cpu') copies to the host": (lambda d: x(d).to("cpu"),
                                     ("tensor", "cpu", "torch.float32", [1.0, 2.0, 3.0], False, None)),
    "cpu() of a grad tensor is recorded": (
        lambda d: x(d, requires_grad=True).cpu(),
        ("tensor", "cpu", "torch.float32", [1.0, 2.0, 3.0], True, "ToCopyBackward0")),
    "detach().cpu() is not recorded": (
        lambda d: x(d, requires_grad=True).detach().cpu(),
        ("tensor", "cpu", "torch.float32", [1.0, 2.0, 3.0], False, None)),
    "cpu().numpy() with grad refuses": (
        lambda d: x(d, requires_grad=True).cpu().numpy(),
        ("RuntimeError", "Can't call numpy() on Tensor that requires grad. "
                         "Use tensor.detach().numpy() instead.")),
    "numpy(force=True) copies": (lambda d: x(d, requires_grad=True).numpy(force=True),
                                 ("ndarray", "float32", [1.0, 2.0, 3.0])),
    "arithmetic stays on the device": (
        lambda d: 2 * x(d) + 1, ("tensor", "cuda:0", "torch.float32", [3.0, 5.0, 7.0], False, None)),
    "a 0-d host tensor mixes in": (
        lambda d: x(d) * torch.tensor(2.0),
        ("tensor", "cuda:0", "torch.float32", [2.0, 4.0, 6.0], False, None)),
    "a host tensor does not mix in": (lambda d: x(d) + torch.ones(3), MIXED),
    "host indices index a device tensor": (
        lambda d: x(d)[torch.tensor([0, 2])],
        ("tensor", "cuda:0", "torch.float32", [1.0, 3.0], False, None)),
    "host values are assigned into a device tensor": (
        lambda d: (lambda t: (t.__setitem__(torch.tensor([0, 2]), torch.tensor([5.0, 7.0])), t)[1])(
            x(d)),
        ("tensor", "cuda:0", "torch.float32", [5.0, 2.0, 7.0], False, None)),
    "a host input to a device model": (lambda d: torch.nn.Linear(3, 1).to(d)(torch.ones(1, 3)), MIXED),
    "to(device) of a host tensor": (
        lambda d: torch.from_numpy(np.array([1, 2])).to(d, torch.float32),
        ("tensor", "cuda:0", "torch.float32", [1.0, 2.0], False, None)),
    "as_tensor(device=cuda) copies": (
        lambda d: (lambda a: (np.shares_memory(a, torch.as_tensor(a, device=d).cpu().numpy()),
                              str(torch.as_tensor(a, device=d).device)))(np.arange(3.0)),
        (False, "cuda:0")),
    "to(cuda) and cuda() of a device tensor return it": (
        lambda d: (lambda t: (t.to("cuda") is t, t.cuda() is t, t.to(d) is t))(x(d)),
        (True, True, True)),
    "tolist() and item() work": (lambda d: (x(d).tolist(), x(d).sum().item()),
                                 ([1.0, 2.0, 3.0], 6.0)),
    "repr names the device": (lambda d: repr(x(d)), "tensor([1., 2., 3.], device='cuda:0')"),
    "repr of a matrix": (lambda d: repr(torch.arange(6.0, device=d).reshape(2, 3)),
                         "tensor([[0., 1., 2.],\n        [3., 4., 5.]], device='cuda:0')"),
    "repr of a grad result": (lambda d: repr(x(d, requires_grad=True) * 2),
                              "tensor([2., 4., 6.], device='cuda:0', grad_fn=<MulBackward0>)"),
    "a device leaf stays a leaf": (lambda d: (lambda t: (t.is_leaf, t.requires_grad))(
        x(d, requires_grad=True)), (True, True)),
    "pinned memory to the device": (
        lambda d: torch.arange(3.0).pin_memory().to(d, non_blocking=True),
        ("tensor", "cuda:0", "torch.float32", [0.0, 1.0, 2.0], False, None)),
    "modules and optimizers train on the device": (trained_weight_moves, ("cuda:0", "cuda:0", True)),
    "is_available and synchronize": (
        lambda d: (torch.cuda.is_available(), torch.cuda.synchronize(), torch.cuda.device_count() >= 1),
        (True, None, True)),
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_standin_behaves_as_cuda_does(name):
    operation, expected = SCENARIOS[name]
    with simulated_cuda() as device:
        assert observe(operation, device) == expected


@pytest.mark.cuda
@pytest.mark.parametrize("name", SCENARIOS)
def test_real_cuda_behaves_as_the_table_says(name):
    operation, expected = SCENARIOS[name]
    assert observe(operation, torch.device("cuda")) == expected


def test_device_tensors_are_standins_and_host_copies_are_plain():
    with simulated_cuda() as device:
        on_device = torch.ones(2, device=device)
        assert type(on_device) is StandInCudaTensor and on_device.is_cuda
        assert type(on_device.cpu()) is torch.Tensor and not on_device.cpu().is_cuda
        host = torch.zeros(2)
        assert host.copy_(on_device) is host and type(host) is torch.Tensor


def test_everything_is_undone_after_the_block():
    availability = torch.cuda.is_available()
    with simulated_cuda():
        pass
    assert torch.cuda.is_available() == availability
    assert not torch.__future__.get_overwrite_module_params_on_conversion()
    if not availability:
        with pytest.raises((AssertionError, RuntimeError)):
            torch.ones(1, device="cuda")


def test_recorder_sees_where_arithmetic_ran():
    a = np.arange(4)
    with simulated_cuda() as device:
        with recorded_devices() as on_device:
            (2 * torch.as_tensor(a, dtype=torch.float32, device=device) + 1).cpu()
        with recorded_devices() as on_host:
            torch.from_numpy(2.0 * a + 1).to(device)
        with recorded_devices() as host_then_moved:
            (2 * torch.from_numpy(a).float() + 1).to(device)
        with recorded_devices() as host_scalar_operand:
            torch.tensor(2.0) * torch.ones(4, device=device) + 1
    assert on_device.arithmetic_devices() == {"cuda"}
    assert on_host.arithmetic_devices() == set()
    assert host_then_moved.arithmetic_devices() == {"cpu"}
    assert host_scalar_operand.arithmetic_devices() == {"cuda"}
