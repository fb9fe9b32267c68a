"""Tampering from inside the kernel changes no verdict once the judge runs the tests.

Each file in tests/fixtures/tampering/ is a few lines a student puts at the top of lesson 01's
first answer cell: they patch the course's check helpers, NumPy and PyTorch, or IPython itself.
Graded with the judge (`grader.grading.judge`, the default), a submission with the tampering earns,
exercise by exercise, exactly what the same answers earn without it: for wrong answers (nothing) and for correct ones
(everything). Graded with the tests in the student's own kernel (`judge=False`), the same
tampering does change the grades, so the attacks are real.
"""

import pytest

from grader.grading.autograde import autograde
from support import FIXTURES
from support.class_scenarios import LESSON, all_scores
from support.grading import SANDBOXED, CourseCopy, solution_answers, with_answers

pytestmark = pytest.mark.slow  # grades whole classes

TAMPERING = sorted(FIXTURES.glob("tampering/*.py"))

# Wrong in one way each (values, dtype, type), and two correct answers.
MIXED_ANSWERS = {
    "tensor_to_array": ("def tensor_to_array(t):\n"
                        "    return np.zeros(tuple(t.shape), dtype=t.numpy().dtype)\n"),
    "array_to_tensor": "def array_to_tensor(a):\n    return torch.Tensor(a)\n",
    "numpy_dtype_of": ("def numpy_dtype_of(dtype):\n"
                       "    return str(dtype).removeprefix('torch.')\n"),
}


def submit(course: CourseCopy, answers: dict[str, str], with_tampering: bool) -> None:
    released = course.student_notebook()
    for kind, chosen in (("mixed", {**solution_answers(LESSON), **answers}),
                         ("correct", solution_answers(LESSON))):
        course.submit(f"{kind}-plain", with_answers(released, chosen))
        if not with_tampering:
            continue
        for tampering in TAMPERING:
            tampered = {**chosen, "tensor_to_array": tampering.read_text() + "\n\n"
                        + chosen["tensor_to_array"]}
            course.submit(f"{kind}-{tampering.stem}", with_answers(released, tampered))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Scores by student, graded with the judge and with the tests in the students' kernels."""
    scores = {}
    for judge in (True, False):
        course = CourseCopy(tmp_path_factory.mktemp(f"judge-{judge}"), LESSON)
        submit(course, MIXED_ANSWERS, with_tampering=True)
        autograde(course_root=course.root, workers=2, sandbox=SANDBOXED, judge=judge,
                  progress=False)
        scores[judge] = all_scores(course.root)
    return scores


@pytest.mark.parametrize("tampering", [path.stem for path in TAMPERING])
@pytest.mark.parametrize("kind", ["mixed", "correct"])
def test_tampering_changes_no_verdict_under_the_judge(graded, tampering, kind):
    assert graded[True][f"{kind}-{tampering}"] == graded[True][f"{kind}-plain"]


def test_the_judge_gives_the_answers_what_they_deserve(graded):
    assert graded[True]["correct-plain"] == {
        "test_tensor_to_array": 1, "test_array_to_tensor": 1, "test_to_float32_tensor": 1,
        "test_numpy_dtype_of": 1, "test_to_python_scalar": 1}
    assert graded[True]["mixed-plain"] == {
        "test_tensor_to_array": 0, "test_array_to_tensor": 0, "test_to_float32_tensor": 1,
        "test_numpy_dtype_of": 0, "test_to_python_scalar": 1}


@pytest.mark.parametrize("tampering", [path.stem for path in TAMPERING])
def test_in_the_students_own_kernel_the_tampering_works(graded, tampering):
    in_kernel = graded[False]
    assert in_kernel["mixed-plain"] == graded[True]["mixed-plain"]  # same grades without tampering
    changed = [kind for kind in ("mixed", "correct")
               if in_kernel[f"{kind}-{tampering}"] != in_kernel[f"{kind}-plain"]]
    assert changed, f"{tampering} changed no grade even in the student's kernel: not an attack"
