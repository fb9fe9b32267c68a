"""Lesson 05: the claims put to the test, the live demonstration that decides each, and the
lesson's test helpers.

Every claim has one small function that runs an experiment and returns a `Demonstration`: whether
the claim holds, and what the experiment showed. The notebook prints each function's source and
runs it (`show_demonstration`), so students see and run the very code the grader uses. The test of
`seed_verdicts` runs the same functions again (`live_verdicts`), in a fresh Python process, so
that nothing an answer cell changed in the kernel (a patched NumPy or PyTorch function, a default
dtype) can sway them. No verdict is stored anywhere.

The test of `predict` uses `watch_forward` (a forward hook on every module records whether
gradient tracking was on), `parameter_state` / `check_parameters_unchanged` and
`check_predictions`. Like `grader.checks`, this module is imported in the lesson's read-only first
cell, before any answer runs, and the helpers use the functions captured then.
"""

import contextlib
import inspect
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

import numpy as np
import torch

from grader import recorders
from grader.checks import type_name  # lesson 05's tests import it from here too
from grader.cuda_standin import cuda_device

# Captured at import, before any answer cell runs (see the module docstring).
_is_grad_enabled, _set_grad_enabled = torch._C.is_grad_enabled, torch._C._set_grad_enabled
_register_forward_hook = torch.nn.Module.register_forward_hook
_modules, _named_parameters = torch.nn.Module.modules, torch.nn.Module.named_parameters
_named_modules, _named_buffers = torch.nn.Module.named_modules, torch.nn.Module.named_buffers
_functional_call = torch.func.functional_call
_tensor_detach, _tensor_cpu, _tensor_numpy = torch.Tensor.detach, torch.Tensor.cpu, torch.Tensor.numpy
_ndarray, _array_equal, _allclose = np.ndarray, np.array_equal, np.allclose
_run, _loads, _dumps, _python = subprocess.run, json.loads, json.dumps, sys.executable
_PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)  # the folder holding grader/
_type, _bool, _str = type, bool, str


@dataclass(frozen=True)
class Demonstration:
    holds: bool  # does the claim hold?
    evidence: str  # what the experiment showed, in one sentence

    def __post_init__(self):
        object.__setattr__(self, "holds", _bool(self.holds))  # a Python bool, never np.bool_


# --- One demonstration per claim -------------------------------------------------------------


def c1_numpy_copies_after_many_changes() -> Demonstration:
    """Change an array from t.numpy() in place thousands of times, in several ways."""
    t = torch.zeros(4)
    a = t.numpy()
    for _ in range(5000):
        a += 1  # in place: NumPy writes into the memory it already uses
    a *= 2
    np.negative(a, out=a)
    a[::2] = 0
    a.sort()
    still_shared = np.shares_memory(a, t.numpy())
    return Demonstration(
        holds=not still_shared,
        evidence=f"after 5004 in-place changes, a still shares memory with t: {still_shared}; "
                 f"t now holds {t.tolist()}")


def c2_detached_array_leaves_tensor_alone() -> Demonstration:
    """Double the array of t.detach().numpy() in place; look at t afterwards."""
    t = torch.tensor([0.5, 1.0, 1.5], requires_grad=True)
    a = t.detach().numpy()
    a *= 2
    unchanged = t.tolist() == [0.5, 1.0, 1.5]
    return Demonstration(holds=unchanged, evidence=f"after a *= 2, t is {t!r}")


def c3_clone_leaves_the_graph() -> Demonstration:
    """Compare t.clone() with t.detach(), and send a gradient back through the clone."""
    t = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    cloned, detached = t.clone(), t.detach()
    (3 * cloned).sum().backward()  # does a loss built on the clone reach t?
    outside = not cloned.requires_grad and cloned.grad_fn is None
    return Demonstration(
        holds=outside,
        evidence=f"t.clone() has requires_grad={cloned.requires_grad} and grad_fn="
                 f"{type(cloned.grad_fn).__name__}, and a loss built on it gave t.grad = "
                 f"{t.grad.tolist()}; t.detach() has requires_grad={detached.requires_grad} and "
                 f"grad_fn={detached.grad_fn}")


def c4_clone_detach_saves_memory() -> Demonstration:
    """Count the bytes each conversion of a 1000 x 1000 float32 tensor adds to t's own."""
    t = torch.zeros(1000, 1000, requires_grad=True)

    def new_bytes(a: np.ndarray) -> int:
        # A view of t's memory adds no data; an array with its own memory adds all of it.
        return 0 if np.shares_memory(a, t.detach().numpy()) else a.nbytes

    via_detach = new_bytes(t.detach().numpy())
    via_clone = new_bytes(t.clone().detach().numpy())
    return Demonstration(
        holds=via_clone < via_detach,
        evidence=f"t.detach().numpy() adds {via_detach:,} bytes (a view of t); "
                 f"t.clone().detach().numpy() adds {via_clone:,} bytes (a full copy)")


def c5_numpy_refuses_cuda_tensors() -> Demonstration:
    """Call .numpy() on a tensor on a CUDA device (the real GPU, else the course's stand-in)."""
    with cuda_device() as cuda:
        t = torch.ones(3, device=cuda)
        try:
            t.numpy()
        except Exception as error:
            return Demonstration(
                holds=True,
                evidence=f"t.numpy() on {t.device} raised {type(error).__name__}: {error}")
        return Demonstration(holds=False, evidence=f"t.numpy() on {t.device} returned an array")


def c6_numpy_refuses_grad_under_no_grad() -> Demonstration:
    """Call .numpy() on a tensor that requires grad, inside torch.no_grad()."""
    t = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with torch.no_grad():
        try:
            a = t.numpy()
        except Exception as error:
            return Demonstration(
                holds=True,
                evidence=f"inside torch.no_grad(), t.numpy() raised {type(error).__name__}: {error}")
    return Demonstration(
        holds=False,
        evidence=f"inside torch.no_grad(), t.numpy() returned {a!r}, which shares memory "
                 f"with t: {np.shares_memory(a, t.detach().numpy())}")


def c7_to_cpu_copies() -> Demonstration:
    """Call t.to("cpu") on a CPU tensor; is the result a copy?"""
    t = torch.arange(3.0)
    moved = t.to("cpu")
    shared = np.shares_memory(moved.numpy(), t.numpy())
    return Demonstration(
        holds=not shared,
        evidence=f"t.to('cpu') is t: {moved is t}; the result shares memory with t: {shared}")


class Claim(NamedTuple):
    statement: str  # in the course's words
    demonstrate: object  # () -> Demonstration


CLAIMS = MappingProxyType({
    "C1": Claim("After `a = t.numpy()`, NumPy gives `a` its own copy of the data once `a` has "
                "been modified many times.", c1_numpy_copies_after_many_changes),
    "C2": Claim("For a CPU tensor `t`, after `a = t.detach().numpy()` and `a *= 2`, the values "
                "of `t` are unchanged.", c2_detached_array_leaves_tensor_alone),
    "C3": Claim("`t.clone()` returns a tensor that is outside the autograd graph, like "
                "`t.detach()`.", c3_clone_leaves_the_graph),
    "C4": Claim("`t.clone().detach().numpy()` needs less memory than `t.detach().numpy()`.",
                c4_clone_detach_saves_memory),
    "C5": Claim("`.numpy()` raises an error for a tensor on a CUDA device.",
                c5_numpy_refuses_cuda_tensors),
    "C6": Claim("`.numpy()` raises an error for a tensor that requires grad even inside "
                "`torch.no_grad()`.", c6_numpy_refuses_grad_under_no_grad),
    "C7": Claim("For a CPU tensor `t`, `t.to(\"cpu\")` returns a copy.", c7_to_cpu_copies),
})
CLAIM_IDS = tuple(CLAIMS)


def show_demonstration(claim_id: str) -> None:
    """Print a claim, the source of its demonstration, what running it showed, and the verdict."""
    claim = CLAIMS[claim_id]
    print(f"Claim {claim_id}: {claim.statement}\n")
    print("The demonstration (grader/myths.py), which the grader runs too:\n")
    print(inspect.getsource(claim.demonstrate))
    result = claim.demonstrate()
    print(f"What it showed: {result.evidence}")
    print(f"Verdict: the claim {'holds' if result.holds else 'is false'} ({result.holds})")


def live_verdicts() -> dict:
    """Run every demonstration now, in a fresh Python process; claim id -> Demonstration.

    The process is isolated (`python -I`: no environment variables, no user site, not the current
    folder on its import path) and imports this very package, so nothing an answer wrote in its
    work folder (a `grader/` of its own, say) can stand in for the demonstrations."""
    code = (f"import sys; sys.path.insert(0, {_PACKAGE_PARENT!r}); "
            "from grader.myths import _print_verdicts; _print_verdicts()")
    done = _run([_python, "-I", "-c", code], capture_output=True, text=True, timeout=300,
                cwd=_PACKAGE_PARENT)
    if done.returncode != 0:
        raise RuntimeError(f"the demonstrations failed to run:\n{done.stderr[-3000:]}")
    return {claim_id: Demonstration(holds, evidence)
            for claim_id, (holds, evidence) in _loads(done.stdout.splitlines()[-1]).items()}


def _print_verdicts() -> None:
    results = {claim_id: claim.demonstrate() for claim_id, claim in CLAIMS.items()}
    print(_dumps({claim_id: [r.holds, r.evidence] for claim_id, r in results.items()}))


def wrong_verdicts(verdicts: dict, live: dict, claim_ids=CLAIM_IDS) -> list:
    """The claims among `claim_ids` on which `verdicts` (already checked to map each id to a
    bool) disagree with the live demonstrations `live`, each described for the student."""
    wrong = []
    for claim_id in claim_ids:
        said, shown = verdicts[claim_id], live[claim_id]
        if said is not shown.holds:
            wrong.append(f"{claim_id} ({CLAIMS[claim_id].statement}): you said {said}, but the "
                         f"demonstration showed: {shown.evidence}, so the claim "
                         f"{'holds' if shown.holds else 'is false'}")
    return wrong


# --- Helpers for the test of predict -----------------------------------------------------------


@recorders.replayable
@dataclass
class ForwardWatch:
    grad_modes: list  # torch.is_grad_enabled() each time a module of the model ran
    grad_enabled_after: bool = True  # gradient tracking when the block ended
    model: torch.nn.Module | None = field(default=None, repr=False, compare=False)

    # For grader.recorders. The forward passes themselves run in the judge, on the test's own
    # model, where these hooks see them: nothing the answer could rewrite records them.
    def judge_watched(self) -> tuple:
        return (self.model,)

    @staticmethod
    @contextlib.contextmanager
    def judge_replay(model, *, ask_judge):
        """In the answer process: each module of the model's copy sends its forward pass to the
        judge (an instance attribute `forward` shadows the class's), with its inputs, its
        parameters and buffers as they are now, and whether gradient tracking is on. The child
        ends after the call, so nothing is put back."""
        for path, module in _named_modules(model):
            module.forward = _forward_in_judge(path, module, ask_judge)
        yield None

    def judge_serve(self, question: dict):
        """In the judge: run the test's own module at `question["path"]` on the answer's inputs,
        with the parameters the answer's copy has (a model it converted computes as converted)
        and gradient tracking as the answer had it; `watch_forward`'s hooks record the pass."""
        modules = dict(_named_modules(self.model))
        path = question["path"]
        if path not in modules:
            raise LookupError(f"the model has no module {path!r}")
        grad_before = _is_grad_enabled()
        _set_grad_enabled(question["grad_enabled"] is True)
        try:
            return _functional_call(modules[path], question["state"], tuple(question["args"]),
                                    question["kwargs"])
        finally:
            _set_grad_enabled(grad_before)


def _forward_in_judge(path: str, module: torch.nn.Module, ask_judge):
    def forward(*args, **kwargs):
        state = {**dict(_named_parameters(module)), **dict(_named_buffers(module))}
        return ask_judge({"path": path, "state": state, "args": list(args), "kwargs": kwargs,
                          "grad_enabled": _is_grad_enabled()})

    return forward


def _hook_forward(model, watch) -> list:
    """Hooks on every module of `model` that note in `watch` whether gradient tracking is on."""
    def record(module, inputs, output):
        watch.grad_modes.append(_is_grad_enabled())

    return [_register_forward_hook(module, record) for module in _modules(model)]


@contextlib.contextmanager
def watch_forward(model: torch.nn.Module):
    """Record, with a forward hook on every module of `model`, whether gradient tracking was on
    each time it ran. The block starts with tracking on, as in a training program; on exit,
    note whether tracking is still on, and restore it as it was before the block."""
    watch = ForwardWatch(grad_modes=[], model=model)
    handles = _hook_forward(model, watch)
    grad_before = _is_grad_enabled()
    _set_grad_enabled(True)
    recorders.observe(watch)
    try:
        yield watch
    finally:
        recorders.forget(watch)
        for handle in handles:
            handle.remove()
        watch.grad_enabled_after = _is_grad_enabled()
        _set_grad_enabled(grad_before)


def parameter_state(model: torch.nn.Module) -> dict:
    """name -> (dtype, device, requires_grad, host copy of the values) for each parameter."""
    state = {}
    for name, parameter in _named_parameters(model):
        values = _tensor_numpy(_tensor_cpu(_tensor_detach(parameter))).copy()
        state[name] = (parameter.dtype, _str(parameter.device), parameter.requires_grad, values)
    return state


def check_parameters_unchanged(model: torch.nn.Module, before: dict, *, what: str) -> None:
    """The parameters of `model` must be those recorded in `before`, unchanged in every way."""
    after = parameter_state(model)
    if list(after) != list(before):
        raise AssertionError(f"{what}: the model's parameters are now {list(after)}, "
                             f"were {list(before)}: predict must not change the model")
    for name, (dtype, device, requires_grad, values) in before.items():
        new_dtype, new_device, new_requires_grad, new_values = after[name]
        if new_dtype != dtype:
            raise AssertionError(
                f"{what}: parameter {name} changed from {dtype} to {new_dtype}: predict must not "
                "convert the model (convert the input to float32 instead)")
        if new_device != device:
            raise AssertionError(f"{what}: parameter {name} moved from {device} to {new_device}: "
                                 "the model is already on `device`; move the input, not the model")
        if new_requires_grad != requires_grad:
            raise AssertionError(
                f"{what}: parameter {name} now has requires_grad={new_requires_grad}: predict "
                "must leave the model as it found it (training it later would silently stop "
                "updating it); switch gradient tracking off with torch.no_grad() instead")
        if not _array_equal(new_values, values):
            raise AssertionError(f"{what}: the values of parameter {name} changed: predict must "
                                 "not train or modify the model")


def check_predictions(result, expected: np.ndarray, *, what: str) -> None:
    """`result` must be a plain float32 `np.ndarray` close to `expected` (float32 rounding may
    differ between devices, so values are compared with a tolerance)."""
    if _type(result) is not _ndarray:
        name = "torch.Tensor" if isinstance(result, torch.Tensor) else type_name(result)
        raise AssertionError(f"{what}: predict returned a value of type {name}, expected a "
                             "numpy.ndarray "
                             "(return a plain array: .cpu().numpy(), not a tensor, list or subclass)")
    if result.dtype != expected.dtype:
        raise AssertionError(f"{what}: the outputs have dtype {result.dtype}, expected "
                             f"{expected.dtype} (the model computes in float32: return its outputs "
                             "as they are, without converting them)")
    if result.shape != expected.shape:
        raise AssertionError(f"{what}: the outputs have shape {result.shape}, expected "
                             f"{expected.shape}")
    if not _allclose(result, expected, rtol=1e-4, atol=1e-5):
        raise AssertionError(f"{what}: the outputs are {result.tolist()}, expected "
                             f"{expected.tolist()}")
