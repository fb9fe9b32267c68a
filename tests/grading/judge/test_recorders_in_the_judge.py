"""Lesson 05's `predict` is checked by forward hooks that an answer cannot reach.

Each file in tests/fixtures/attacks/05-myths/ is a `predict` built on the classic mistake (the
forward pass runs with gradient tracking on) and a way to hide it from the test's forward hooks:
rewriting what they recorded, or taking them off while the model runs. Graded with the judge,
where every forward pass of the model runs in the judge under the test's own hooks
(`grader.myths.ForwardWatch.judge_serve`), each earns nothing, like the mistake alone. Graded with
the tests in the student's kernel (`judge=False`), each earns full points: the attacks are real.
"""

import pytest

from support import FIXTURES
from support.grading import scores_with_and_without_judge, solution_answers

pytestmark = pytest.mark.slow  # grades a small class twice

LESSON = "05-myths"
ATTACKS = sorted(FIXTURES.glob("attacks/05-myths/*.py"))
PREDICTS = {"solution": solution_answers(LESSON)["predict"],
            "mistake": (FIXTURES / "answers/05-myths/predict/wrong-grad-on-then-detach.py").read_text(),
            **{attack.stem: attack.read_text() for attack in ATTACKS}}


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    """judge -> student -> the points of test_predict."""
    return scores_with_and_without_judge(tmp_path_factory.mktemp, LESSON, "predict", PREDICTS)


def test_the_solution_earns_everything_and_the_mistake_nothing_either_way(scores):
    for judge in (True, False):
        assert (scores[judge]["solution"], scores[judge]["mistake"]) == (2, 0), judge


@pytest.mark.parametrize("attack", [path.stem for path in ATTACKS])
def test_hiding_the_forward_pass_earns_nothing_under_the_judge(scores, attack):
    assert scores[True][attack] == 0


@pytest.mark.parametrize("attack", [path.stem for path in ATTACKS])
def test_in_the_students_own_kernel_the_attack_works(scores, attack):
    assert scores[False][attack] == 2, f"{attack} earned nothing even in the student's kernel"
