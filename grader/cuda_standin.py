"""A stand-in for a CUDA device, so that GPU exercises are graded the same on every machine.

On a machine without CUDA, `cuda_device()` yields `torch.device("cuda")` and, until the block
ends, makes PyTorch behave as if a CUDA device were there, for everything the exercises touch:

- `torch.cuda.is_available()` is True; `synchronize()` and `device_count()` answer as on a GPU;
- `device="cuda"` in factory functions, `.to("cuda")`, `.cuda()` and `nn.Module.to("cuda")`
  give `StandInCudaTensor`s: CPU tensors that report `cuda:0` and print like CUDA tensors;
- `.numpy()`, `np.asarray`, `np.array` and DLPack export refuse them with PyTorch's messages;
  `.cpu()` and `.to("cpu")` make host copies; `numpy(force=True)` copies;
- an operation that mixes one with a host tensor (other than a 0-d scalar) raises PyTorch's
  mixed-device error; autograd, modules and optimizers work as on a GPU.

On a machine with CUDA it yields the real device and changes nothing, so the same tests run
against real CUDA there. Only a test context should enter it: the patches are undone on exit.
"""

import contextlib

import torch
from torch.overrides import TorchFunctionMode

from grader import recorders

CUDA0 = torch.device("cuda", 0)
HOST = torch.device("cpu")

# PyTorch's messages, as docs/facts.md records them from an H100 with torch 2.11
# (tests/notebook_helpers/test_cuda_standin.py).
NUMPY_REFUSAL = ("can't convert cuda:0 device type tensor to numpy. "
                 "Use Tensor.cpu() to copy the tensor to host memory first.")
MIXED_DEVICES = ("Expected all tensors to be on the same device, but found at least two "
                 "devices, cuda:0 and cpu!")
DLPACK_REFUSAL = "Unsupported device in DLTensor."

# Functions allowed to see host and device tensors together, as on a real GPU (moves with .to(),
# .cpu() and .cuda() are handled before the check): copies between devices, indexing a device
# tensor with host indices or assigning host values into it, and the type query nn.Module.to()
# makes.
_CROSS_DEVICE = {torch.Tensor.copy_, torch.Tensor.__getitem__, torch.Tensor.__setitem__,
                 torch._has_compatible_shallow_copy_type}


def tensors_in(value):
    """Every tensor in `value`, looking inside lists, tuples and dicts (a call's arguments)."""
    if isinstance(value, torch.Tensor):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from tensors_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from tensors_in(item)


def _target_device(args, kwargs):
    """The device a `Tensor.to(...)` call asks for (None when it only changes the dtype)."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, StandInCudaTensor):
            return CUDA0
    device = torch._C._nn._parse_to(*args, **kwargs)[0]
    return None if device is None else torch.device(device)


def _on_host(tensor):
    """A plain host tensor with the values of `tensor`: a copy that autograd records as
    ToCopyBackward0, as it records a real device-to-host copy."""
    with torch._C.DisableTorchFunctionSubclass():
        return torch.Tensor.to(tensor, HOST, copy=True)


def _to_standin(value, inputs=()):
    """Mark the plain tensors in `value` as living on the device, unless they are `inputs`.

    Assigning the class keeps the tensor object, its autograd history and its leaf status.
    """
    if type(value) is torch.Tensor and all(value is not tensor for tensor in inputs):
        value.__class__ = StandInCudaTensor
    elif isinstance(value, (list, tuple)):
        for item in value:
            _to_standin(item, inputs)
    return value


class StandInCudaTensor(torch.Tensor):
    """A CPU tensor that reports, prints and refuses conversions like a tensor on cuda:0."""

    @property
    def device(self):
        return CUDA0

    @property
    def is_cuda(self):
        return True

    @property
    def is_cpu(self):
        return False

    def numpy(self, *, force=False):
        if not force:
            raise TypeError(NUMPY_REFUSAL)
        return _on_host(self).detach().resolve_conj().resolve_neg().numpy()

    def __array__(self, dtype=None, copy=None):
        raise TypeError(NUMPY_REFUSAL)

    def __dlpack__(self, *args, **kwargs):
        raise BufferError(DLPACK_REFUSAL)

    def __dlpack_device__(self):
        return (2, 0)  # DLPack's code for a CUDA device, number 0

    def __format__(self, format_spec):
        # torch.Tensor formats 0-d tensors by value only when the type is exactly Tensor.
        return self.item().__format__(format_spec) if self.dim() == 0 else super().__format__(format_spec)

    def __repr__(self, *, tensor_contents=None):
        # PyTorch prints a subclass as "<class name>(" and indents further rows to match; a
        # CUDA tensor prints as "tensor(".
        name = StandInCudaTensor.__name__
        StandInCudaTensor.__name__ = "tensor"
        try:
            return super().__repr__(tensor_contents=tensor_contents)
        finally:
            StandInCudaTensor.__name__ = name

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func is torch.Tensor.cpu:
            return _on_host(args[0])
        if func is torch.Tensor.cuda:
            return args[0]
        if func is torch.Tensor.to:
            return _move(args[0], args[1:], kwargs)
        if func not in _CROSS_DEVICE:
            if any(not isinstance(t, StandInCudaTensor) and t.dim() > 0
                   for t in tensors_in((args, kwargs))):
                raise RuntimeError(MIXED_DEVICES)
        with torch._C.DisableTorchFunctionSubclass():
            result = func(*args, **kwargs)
        # What is computed on the device stays there; a host tensor returned as it came (the
        # destination of host.copy_(device_tensor), say) stays on the host.
        return _to_standin(result, inputs=list(tensors_in((args, kwargs))))


def _move(tensor, args, kwargs):
    """`tensor.to(*args, **kwargs)` for a tensor on the device or on the host."""
    target = _target_device(args, kwargs)
    dtype = torch._C._nn._parse_to(*(HOST if isinstance(a, torch.Tensor) else a for a in args),
                                   **kwargs)[1]
    for value in (*args, *kwargs.values()):
        if isinstance(value, torch.Tensor):
            dtype = value.dtype  # .to(other) takes the other tensor's dtype too
    on_device = isinstance(tensor, StandInCudaTensor)
    if target is None:
        target = CUDA0 if on_device else HOST
    if target.type == "cpu" and not on_device:
        with torch._C.DisableTorchFunctionSubclass():
            return torch.Tensor.to(tensor, *args, **kwargs)
    if on_device == (target.type == "cuda") and (dtype is None or dtype == tensor.dtype) \
            and not kwargs.get("copy", False):
        return tensor  # nothing to do: PyTorch returns the tensor itself
    moved = _on_host(tensor)  # a copy, recorded by autograd, like a real transfer
    if dtype is not None and dtype != tensor.dtype:
        with torch._C.DisableTorchFunctionSubclass():
            moved = torch.Tensor.to(moved, dtype)
    return _to_standin(moved) if target.type == "cuda" else moved


class _CudaFactoryMode(TorchFunctionMode):
    """Sends `device="cuda"` creations and host-to-CUDA moves of plain tensors to the stand-in."""

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        on_host = bool(args) and isinstance(args[0], torch.Tensor) \
            and not isinstance(args[0], StandInCudaTensor)
        if func is torch.Tensor.to and on_host:
            return _move(args[0], args[1:], kwargs)
        if func is torch.Tensor.cuda and on_host:
            return _to_standin(_on_host(args[0]))
        if func is torch.Tensor.pin_memory:
            return _on_host(args[0])  # pinning needs a GPU driver; the values are what matters
        device = kwargs.get("device")
        if device is not None and torch.device(device).type == "cuda":
            created = func(*args, **{**kwargs, "device": HOST})
            # A new device tensor never shares memory with its source (torch.as_tensor(a,
            # device="cuda") copies): copy without autograd, keeping a requested leaf a leaf.
            with torch.no_grad(), torch._C.DisableTorchFunctionSubclass():
                copy = torch.Tensor.clone(created)
            return _to_standin(copy.requires_grad_(created.requires_grad))
        return func(*args, **kwargs)


@contextlib.contextmanager
def simulated_cuda():
    """Make PyTorch act as if cuda:0 existed, with `StandInCudaTensor`s, until the block ends."""
    patches = {
        "is_available": lambda: True,
        "device_count": lambda: 1,
        "current_device": lambda: 0,
        "synchronize": lambda device=None: None,
        "get_device_name": lambda device=None: "CUDA stand-in (simulated on the CPU)",
    }
    originals = {name: getattr(torch.cuda, name) for name in patches}
    overwrite = torch.__future__.get_overwrite_module_params_on_conversion()
    # nn.Module.to() otherwise writes the moved values into the existing Parameter objects,
    # which would stay plain host tensors; overwriting makes them stand-in tensors.
    torch.__future__.set_overwrite_module_params_on_conversion(True)
    for name, replacement in patches.items():
        setattr(torch.cuda, name, replacement)
    marker = SimulatedCuda()
    recorders.observe(marker)
    try:
        with _CudaFactoryMode():
            yield CUDA0
    finally:
        recorders.forget(marker)
        for name, original in originals.items():
            setattr(torch.cuda, name, original)
        torch.__future__.set_overwrite_module_params_on_conversion(overwrite)


@recorders.replayable
class SimulatedCuda:
    """Marks a test's `simulated_cuda()` block, so that the answer process runs its call inside
    one too (grader.recorders). It records nothing."""

    def judge_watched(self) -> tuple:
        return ()

    @classmethod
    @contextlib.contextmanager
    def judge_replay(cls):
        with simulated_cuda():
            yield cls()


@recorders.replayable
class SimulatedMachine:
    """Marks a test's `simulated_machine()` block, for the answer process (grader.recorders)."""

    def __init__(self, *, cuda: bool, mps: bool):
        self.cuda, self.mps = cuda, mps

    def judge_watched(self) -> tuple:
        return ()

    def judge_settings(self) -> dict:
        return {"cuda": self.cuda, "mps": self.mps}

    @classmethod
    def judge_replay(cls, *, cuda: bool, mps: bool):
        return simulated_machine(cuda=cuda, mps=mps)


@contextlib.contextmanager
def simulated_machine(*, cuda: bool, mps: bool):
    """Make PyTorch's availability checks answer as on a machine with or without CUDA and MPS.

    PyTorch counts as built with CUDA and MPS support in every case (PyPI's Linux wheel is a CUDA
    build, with or without a GPU), so only the availability checks tell the machines apart. With
    `cuda`, enter `cuda_device()` around this block: it brings the device, real or stand-in."""
    answers = {(torch.backends.mps, "is_available"): lambda: mps,
               (torch.mps, "is_available"): lambda: mps,
               (torch.backends.mps, "is_built"): lambda: True,
               (torch.backends.cuda, "is_built"): lambda: True}
    if not cuda:
        answers[(torch.cuda, "is_available")] = lambda: False
        answers[(torch.cuda, "device_count")] = lambda: 0
    saved = {key: getattr(*key) for key in answers}
    marker = SimulatedMachine(cuda=cuda, mps=mps)
    for (module, name), replacement in answers.items():
        setattr(module, name, replacement)
    recorders.observe(marker)
    try:
        yield marker
    finally:
        recorders.forget(marker)
        for (module, name), original in saved.items():
            setattr(module, name, original)


@contextlib.contextmanager
def cuda_device():
    """Yield a CUDA device: the real one where PyTorch has CUDA, the stand-in elsewhere."""
    if torch.cuda.is_available():
        yield torch.device("cuda")
    else:
        with simulated_cuda() as device:
            yield device
