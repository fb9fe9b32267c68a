"""Lesson 05's demonstrations give the verdicts docs/facts.md states, and its test helpers hold up.

The autograder compares a student's `seed_verdicts` with these demonstrations run live, so each
one must reach the verdict docs/facts.md records (measured on a CPU and on an H100): only C5 holds.
"""

import numpy as np
import pytest
import torch

from grader import myths
from grader.cuda_standin import NUMPY_REFUSAL, cuda_device
from grader.myths import CLAIM_IDS, CLAIMS, Demonstration

FACTS = {"C1": False, "C2": False, "C3": False, "C4": False, "C5": True, "C6": False, "C7": False}

# What each demonstration must show, in words docs/facts.md uses.
EVIDENCE = {
    "C1": ["still shares memory with t: True", "[-10000.0, -10000.0, 0.0, 0.0]"],
    "C2": ["tensor([1., 2., 3.], requires_grad=True)"],
    "C3": ["requires_grad=True and grad_fn=CloneBackward0", "t.grad = [3.0, 3.0, 3.0]",
           "t.detach() has requires_grad=False and grad_fn=None"],
    "C4": ["t.detach().numpy() adds 0 bytes", "t.clone().detach().numpy() adds 4,000,000 bytes"],
    "C5": [f"t.numpy() on cuda:0 raised TypeError: {NUMPY_REFUSAL}"],
    "C6": ["returned array([1., 2., 3.], dtype=float32)", "shares memory with t: True"],
    "C7": ["t.to('cpu') is t: True", "shares memory with t: True"],
}


def test_the_claims_are_the_syllabus_seven():
    assert CLAIM_IDS == ("C1", "C2", "C3", "C4", "C5", "C6", "C7")
    with pytest.raises(TypeError):
        CLAIMS["C1"] = CLAIMS["C5"]  # an answer cell cannot swap a demonstration


@pytest.fixture
def standin_only(monkeypatch):
    """Make cuda_device() use the stand-in even where a real GPU is present."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)


@pytest.mark.parametrize("claim_id", CLAIM_IDS)
def test_demonstration_gives_the_verdict_of_the_facts(claim_id, standin_only):
    result = CLAIMS[claim_id].demonstrate()
    assert type(result) is Demonstration and type(result.holds) is bool
    assert result.holds is FACTS[claim_id], result.evidence
    for phrase in EVIDENCE[claim_id]:
        assert phrase in result.evidence


def test_c5_runs_on_the_standin_without_cuda(standin_only):
    with cuda_device() as cuda:
        assert type(torch.ones(1, device=cuda)).__name__ == "StandInCudaTensor"
    assert myths.c5_numpy_refuses_cuda_tensors() == Demonstration(
        True, f"t.numpy() on cuda:0 raised TypeError: {NUMPY_REFUSAL}")


@pytest.mark.cuda
def test_c5_on_real_cuda_shows_what_the_standin_shows(monkeypatch):
    real = myths.c5_numpy_refuses_cuda_tensors()  # cuda_device() yields the real GPU here
    with cuda_device() as cuda:
        assert type(torch.ones(1, device=cuda)) is torch.Tensor  # really on the GPU
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert real == myths.c5_numpy_refuses_cuda_tensors()
    assert real.holds is True


def test_live_verdicts_run_the_same_functions_in_a_fresh_process():
    live = myths.live_verdicts()
    assert list(live) == list(CLAIM_IDS)
    for claim_id in CLAIM_IDS:
        assert live[claim_id] == CLAIMS[claim_id].demonstrate()


def test_live_verdicts_ignore_a_grader_package_planted_where_they_run(tmp_path, monkeypatch):
    planted = tmp_path / "grader"
    planted.mkdir()
    (planted / "__init__.py").write_text("")
    (planted / "myths.py").write_text(
        "import json\n\ndef _print_verdicts():\n"
        "    print(json.dumps({c: [True, 'planted'] for c in %r}))\n" % (CLAIM_IDS,))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    assert {claim: shown.holds for claim, shown in myths.live_verdicts().items()} == FACTS


def test_live_verdicts_ignore_what_the_kernel_patched(monkeypatch):
    monkeypatch.setattr(np, "shares_memory", lambda *args, **kwargs: False)
    assert CLAIMS["C7"].demonstrate().holds is True  # in this process the patch sways C7 ...
    assert myths.live_verdicts()["C7"].holds is False  # ... but not in a fresh one


def test_demonstration_holds_a_python_bool():
    assert type(Demonstration(np.bool_(True), "x").holds) is bool


def test_show_demonstration_prints_the_code_the_grader_runs(capsys):
    myths.show_demonstration("C7")
    out = capsys.readouterr().out
    assert out.startswith("Claim C7: For a CPU tensor `t`, `t.to(\"cpu\")` returns a copy.")
    assert "def c7_to_cpu_copies() -> Demonstration:" in out
    assert "What it showed: t.to('cpu') is t: True" in out
    assert out.endswith("Verdict: the claim is false (False)\n")


def test_wrong_verdicts_name_the_claim_and_the_evidence():
    live = {claim_id: Demonstration(FACTS[claim_id], f"evidence {claim_id}") for claim_id in FACTS}
    assert myths.wrong_verdicts(dict(FACTS), live) == []
    wrong = myths.wrong_verdicts({**FACTS, "C3": True}, live)
    assert len(wrong) == 1 and wrong[0].startswith("C3 (`t.clone()`")
    assert "you said True, but the demonstration showed: evidence C3, so the claim is false" in wrong[0]


# --- predict's helpers -----------------------------------------------------------------------


def small_model():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 1))


def test_watch_forward_sees_grad_mode_despite_a_patched_is_grad_enabled(monkeypatch):
    model = small_model()
    monkeypatch.setattr(torch, "is_grad_enabled", lambda: False)
    with myths.watch_forward(model) as watch:
        model(torch.ones(1, 2))
        with torch.no_grad():
            model(torch.ones(1, 2))
        with torch.inference_mode():
            model.forward(torch.ones(1, 2))  # bypasses the top module's hook, not its children's
    assert watch.grad_modes == [True] * 4 + [False] * 4 + [False] * 3  # 3 layers + the Sequential
    assert not model._forward_hooks and not model[0]._forward_hooks  # hooks removed


def test_watch_forward_notes_and_undoes_a_global_switch():
    with myths.watch_forward(small_model()) as watch:
        torch.set_grad_enabled(False)
    assert watch.grad_enabled_after is False and torch.is_grad_enabled()


def test_watch_forward_starts_with_tracking_on_and_restores_it():
    model = small_model()
    with torch.no_grad():
        with myths.watch_forward(model) as watch:
            model(torch.ones(1, 2))
        assert not torch.is_grad_enabled()
    assert watch.grad_modes == [True] * 4 and watch.grad_enabled_after is True


def test_type_name_is_qualified():
    assert myths.type_name(np.bool_(True)) == "numpy.bool"
    assert myths.type_name(True) == "bool" and myths.type_name({}) == "dict"


@pytest.mark.parametrize("change, message", [
    (lambda m: m.double(), "changed from torch.float32 to torch.float64"),
    (lambda m: m.requires_grad_(False), "now has requires_grad=False"),
    (lambda m: m[0].bias.data.add_(1), "the values of parameter 0.bias changed"),
])
def test_parameter_changes_are_named(change, message):
    model = small_model()
    before = myths.parameter_state(model)
    myths.check_parameters_unchanged(model, before, what="x")
    change(model)
    with pytest.raises(AssertionError, match=message):
        myths.check_parameters_unchanged(model, before, what="x")


def test_parameter_state_reads_device_parameters():
    with cuda_device() as cuda:
        model = small_model().to(cuda)
        before = myths.parameter_state(model)
        assert {device for _, device, _, _ in before.values()} == {"cuda:0"}
        myths.check_parameters_unchanged(model, before, what="x")


class Subclass(np.ndarray):
    pass


@pytest.mark.parametrize("result, message", [
    (torch.ones(2, 1), "of type torch.Tensor"),
    (np.ones((2, 1), dtype=np.float32).view(Subclass), "of type test_myths.Subclass"),
    ([[1.0], [1.0]], "of type list, expected a numpy.ndarray"),
    (np.ones((2, 1)), "dtype float64, expected float32"),
    (np.ones(2, dtype=np.float32), "shape (2,), expected (2, 1)"),
    (np.zeros((2, 1), dtype=np.float32), "the outputs are"),
])
def test_check_predictions_names_the_problem(result, message):
    expected = np.ones((2, 1), dtype=np.float32)
    myths.check_predictions(expected.copy(), expected, what="x")
    with pytest.raises(AssertionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        myths.check_predictions(result, expected, what="x")
