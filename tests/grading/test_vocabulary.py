"""What grading writes and what it recognises are tied by the names in grader.grading.vocabulary."""

from pathlib import Path

from grader.grading import vocabulary
from grader.grading.judge import kernel as judge_kernel
from grader.grading.sandbox import bubblewrap
from grader.grading.sandbox.kernel import ProcessLimitExceeded


def test_the_exceptions_raised_in_kernels_carry_the_failure_names():
    assert ProcessLimitExceeded.__name__ == vocabulary.PROCESS_LIMIT
    assert judge_kernel.AnswerEndedItsProcess.__name__ == vocabulary.ANSWER_ENDED_ITS_PROCESS


def test_a_sandboxed_kernel_sees_only_the_declared_environment(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "secret")
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "0")
    args = bubblewrap.environment(Path("/work"), {"GRADER_OTHER": "1", vocabulary.JUDGE: "1",
                                                  "OMP_NUM_THREADS": "2"})
    names = {args[i + 1] for i, arg in enumerate(args) if arg == "--setenv"}
    assert args[0] == "--clearenv"
    assert names == {*vocabulary.SANDBOX_ENVIRONMENT, vocabulary.SANDBOXED, vocabulary.JUDGE,
                     "CUDA_VISIBLE_DEVICES", "OMP_NUM_THREADS"}


def test_every_limit_has_a_positive_default_and_a_meaning():
    limits = [value for value in vars(vocabulary).values() if isinstance(value, vocabulary.Limit)]
    assert limits and all(limit.default > 0 and limit.meaning.endswith(".") for limit in limits)
