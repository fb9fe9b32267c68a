"""Record on which device each PyTorch operation runs, so tests can check where work happened.

    with recorded_devices() as log:
        result = scale_on_device(a, device)
    assert log.arithmetic_devices() == {"cuda"}

It watches PyTorch's function calls (a TorchFunctionMode) and reads each tensor's `.device`, so it
works alike on a real GPU and on the CUDA stand-in of `grader.cuda_standin`. Work done in NumPy
is invisible to it, which is the point: arithmetic that should run on a device must show up here.

In grading, the device is the judge's (`grader.device_in_judge`): every PyTorch call of the answer
that touches the device runs in the judge, where the test's own log records it. The answer
process reports only its host calls.
"""

import contextlib
from dataclasses import dataclass

from torch.overrides import TorchFunctionMode

from grader import recorders
from grader.cuda_standin import tensors_in
from grader.device_in_judge import DeviceInJudge, JudgeDevice

# Operations that compute new values, by their base name (torch.add, Tensor.add_, Tensor.__radd__
# and Tensor.__iadd__ are all "add"). Moves, casts, views and creation are not arithmetic.
ARITHMETIC = {
    "add", "sub", "mul", "div", "true_divide", "floor_divide", "remainder", "pow", "neg",
    "addcmul", "addcdiv", "matmul", "mm", "bmm", "addmm", "linear", "lerp", "fma",
    "sum", "mean", "exp", "log", "sqrt", "abs", "clamp",
}
_ALIASES = {"truediv": "div", "floordiv": "floor_divide", "mod": "remainder"}


def base_name(name: str) -> str:
    """`__rmul__` -> `mul`, `add_` -> `add`, `__itruediv__` -> `div`."""
    name = name.strip("_")
    for candidate in (name, name[1:]):  # reflected (r) and in-place (i) operator methods
        candidate = _ALIASES.get(candidate, candidate)
        if candidate in ARITHMETIC:
            return candidate
    return _ALIASES.get(name, name)


@dataclass(frozen=True)
class Call:
    name: str
    devices: frozenset  # device types of the tensors it received, or else of what it returned


@recorders.replayable
class recorded_devices(TorchFunctionMode):
    """A context that records every PyTorch call made inside it, with the devices involved."""

    def __init__(self):
        super().__init__()
        self.calls: list[Call] = []
        self._device = None  # in the judge, once an answer used the device: a JudgeDevice

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        result = func(*args, **kwargs)
        tensors = list(tensors_in((args, kwargs))) or list(tensors_in(result))
        devices = {t.device.type for t in tensors}
        if devices - {"cpu"}:  # a 0-d host tensor beside device tensors is a scalar operand
            devices = {t.device.type for t in tensors if t.device.type != "cpu" or t.dim() > 0}
        name = base_name(getattr(func, "__name__", str(func)))
        self.calls.append(Call(name, frozenset(devices)))
        return result

    def __enter__(self):
        recorders.observe(self)
        return super().__enter__()

    def __exit__(self, *exc_info):
        recorders.forget(self)
        if self._device is not None:
            self._device.release()
        return super().__exit__(*exc_info)

    # For grader.recorders: the log watches every call; in grading, the device is the judge's.
    def judge_watched(self) -> tuple:
        return ()

    @staticmethod
    @contextlib.contextmanager
    def judge_replay(*, ask_judge):
        """In the answer process: host calls reach this log (the outer mode) and are reported;
        calls that touch the device go to the judge instead."""
        with recorded_devices() as log, DeviceInJudge(ask_judge):
            yield log

    def judge_state(self) -> list:
        return [[call.name, sorted(call.devices)] for call in self.calls]

    def judge_merge(self, state: list) -> None:
        """In the judge: add the host calls the answer process reported (its device calls ran
        here, and this log recorded them itself)."""
        for name, devices in state:
            if {str(device) for device in devices} <= {"cpu"}:
                self.calls.append(Call(str(name), frozenset(str(d) for d in devices)))

    def judge_serve(self, question: dict) -> dict:
        """In the judge: run one PyTorch call of the answer on the device, under this log."""
        if self._device is None:
            self._device = JudgeDevice()
        return self._device.serve(question)

    def arithmetic_devices(self) -> set:
        """The device types on which arithmetic ran (empty when none ran in PyTorch)."""
        return {device for call in self.calls if call.name in ARITHMETIC for device in call.devices}
