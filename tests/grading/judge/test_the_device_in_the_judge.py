"""Lesson 03's `scale_on_device` is checked by a device log that an answer cannot write.

Each file in tests/fixtures/attacks/03-gpu-transfer/ is a `scale_on_device` that computes on the
host (the mistake the log catches) and rewrites what the test's device logs recorded. Graded with
the judge, where every PyTorch call that touches the device runs in the judge under the test's
own log (`grader.device_log.recorded_devices.judge_serve`), each earns nothing, like the mistake
alone. Graded with the tests in the student's kernel (`judge=False`), each earns the point: the
attacks are real.
"""

import pytest

from support import FIXTURES
from support.grading import scores_with_and_without_judge, solution_answers

pytestmark = pytest.mark.slow  # grades a small class twice

LESSON = "03-gpu-transfer"
ATTACKS = sorted(FIXTURES.glob(f"attacks/{LESSON}/*.py"))
ANSWERS = {"solution": solution_answers(LESSON)["scale_on_device"],
           "mistake": (FIXTURES / f"answers/{LESSON}/scale_on_device/wrong-host-then-move.py")
           .read_text(),
           **{attack.stem: attack.read_text() for attack in ATTACKS}}


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    """judge -> student -> the points of test_scale_on_device."""
    return scores_with_and_without_judge(tmp_path_factory.mktemp, LESSON, "scale_on_device", ANSWERS)


def test_the_solution_earns_the_point_and_the_mistake_nothing_either_way(scores):
    for judge in (True, False):
        assert (scores[judge]["solution"], scores[judge]["mistake"]) == (1, 0), judge


@pytest.mark.parametrize("attack", [path.stem for path in ATTACKS])
def test_rewriting_the_device_log_earns_nothing_under_the_judge(scores, attack):
    assert scores[True][attack] == 0


@pytest.mark.parametrize("attack", [path.stem for path in ATTACKS])
def test_in_the_students_own_kernel_the_attack_works(scores, attack):
    assert scores[False][attack] == 1, f"{attack} earned nothing even in the student's kernel"
