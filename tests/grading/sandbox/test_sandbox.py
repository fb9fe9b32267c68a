"""Graded in the sandbox, each attack in tests/fixtures/attacks/ fails, is named, and changes
nothing else.

Every attack is one student's answer to lesson 01's `tensor_to_array` (COURSE_ROOT stands for the
course folder): it must earn nothing for that exercise, full points for the four others, leave the
honest students' grades alone, and show up among the grading problems. The course's files stay
byte-identical. Without the sandbox the reading attacks do earn the points; without its totals
(cgroups, a sized /dev/shm and work folder, a sealed socket folder) the resource attacks do; with
its capabilities kept (as root) the privileged ones do; and with the tests run beside the answers
and the kernels' keys left on disk the in-process attacks do: they are real.
"""

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from grader.grading import problems
from grader.grading.autograde import autograde
from grader.grading.sandbox import bubblewrap
from grader.grading.sandbox.cgroups import cgroups_available
from support import FIXTURES
from support.class_scenarios import EXPECTED, LESSON, all_scores, submit_class
from support.grading import CourseCopy, solution_answers, with_answers

ATTACKS = sorted(FIXTURES.glob("attacks/*.py"))
READING_ATTACKS = ("reads-instructor-source", "reads-hidden-tests", "reads-another-student")
# Held back by the answer process, which never holds a test or a key (grader/grading/judge/), and
# by the connection files' removal.
IN_PROCESS_ATTACKS = ("reads-the-test-that-calls-it", "signs-messages-with-a-key-from-disk")
# Held back by the sandbox's dropped capabilities, which only bubblewrap run as root would keep.
PRIVILEGED_ATTACKS = ("remounts-the-grader-writable",)
# Held back only by the sandbox's totals: cgroups (as root), a sized /dev/shm and work folder, and
# the socket folder sealed once the kernel has made its sockets (as root).
RESOURCE_ATTACKS = ("holds-memory-in-child-processes", "fills-shared-memory",
                    "starts-processes-from-the-shell", "fills-its-work-folder",
                    "fills-its-kernels-socket-folder")
# As any other user the kernel owns its socket folder, and only each file's size is capped there.
NEEDS_ROOT = ("fills-its-kernels-socket-folder",)
# Stopped by cgroups alone, and named from what they counted: where none can be made, the first
# holds its memory and the second is stopped by RLIMIT_NPROC, which counts nothing for a report.
NEEDS_CGROUPS = {"holds-memory-in-child-processes": "earns", "starts-processes-from-the-shell":
                 "named"}
CGROUPS = cgroups_available()
HONEST = ("correct", "partly-wrong")
# what a problem says for each kind of attack
PHRASES = {"prints-without-end": "printed too much", "never-returns": "time limit",
           "displays-without-end": "time limit"}

UNAVAILABLE = bubblewrap.unavailable_reason()
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(UNAVAILABLE is not None, reason=str(UNAVAILABLE))]


def submit_attacks(course: CourseCopy, attacks) -> None:
    released, answers = course.student_notebook(), solution_answers(LESSON)
    submit_class(course, {student: EXPECTED[student] for student in HONEST})
    for attack in attacks:
        code = attack.read_text().replace("COURSE_ROOT", str(course.root))
        course.submit(attack.stem, with_answers(released, {**answers, "tensor_to_array": code}))


def fingerprint(root: Path) -> dict[str, str]:
    """Hashes of the course's files that grading must not touch, and the gradebook's lessons."""
    files = {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
             for folder in ("solutions", "notebooks", "submitted") for path in
             sorted((root / folder).rglob("*")) if path.is_file()}
    files["nbgrader_config.py"] = hashlib.sha256(
        (root / "nbgrader_config.py").read_bytes()).hexdigest()
    with sqlite3.connect(root / "gradebook.db") as gradebook:
        for table in ("assignment", "notebook", "grade_cells", "solution_cells", "source_cell"):
            files[table] = repr(gradebook.execute(f"select * from {table}").fetchall())
    return files


@pytest.fixture(scope="module")
def attacked_class(tmp_path_factory):
    course = CourseCopy(tmp_path_factory.mktemp("attacked"), LESSON)
    with (course.root / "nbgrader_config.py").open("a") as config:
        # Long enough for the memory cgroup to end a process that pushes the sandbox past its
        # limit: the kernel first evicts the sandbox's pages, over 20 s on 2 loaded cores.
        config.write("\nc.Execute.timeout = 60\n")
    submit_attacks(course, ATTACKS)
    before = fingerprint(course.root)
    found = autograde(course_root=course.root, workers=2, progress=False)
    return course, found, before


@pytest.mark.parametrize("attack", [path.stem for path in ATTACKS])
def test_an_attack_earns_nothing_for_its_exercise_and_changes_no_other(attacked_class, attack):
    if attack in NEEDS_ROOT and os.getuid() != 0:
        pytest.skip("only a grader run as root can seal the kernel's socket folder")
    if NEEDS_CGROUPS.get(attack) == "earns" and not CGROUPS:
        pytest.skip("only cgroups stop this attack, and this user cannot make them (not root)")
    course, _, _ = attacked_class
    scores = all_scores(course.root)[attack]
    assert scores.pop("test_tensor_to_array") == 0
    assert set(scores.values()) == {1.0}


@pytest.mark.parametrize("attack", [path.stem for path in ATTACKS])
def test_each_attack_is_named_among_the_grading_problems(attacked_class, attack):
    if attack in NEEDS_ROOT and os.getuid() != 0:
        pytest.skip("only a grader run as root can seal the kernel's socket folder")
    if attack in NEEDS_CGROUPS and not CGROUPS:
        pytest.skip("only cgroups count what stops this attack, and this user cannot make them")
    course, found, _ = attacked_class
    reasons = problems.load(course.root)[LESSON][attack]
    phrase = PHRASES.get(attack, "the sandbox forbids or limits")
    # the answer cell, or the test cell whose call of the answer was refused
    assert any(phrase in reason and "tensor_to_array'" in reason for reason in reasons), reasons


def test_honest_students_keep_their_grades(attacked_class):
    course, _, _ = attacked_class
    totals = {student: sum(scores.values()) for student, scores in all_scores(course.root).items()}
    assert {student: totals[student] for student in HONEST} == {
        student: EXPECTED[student][0] for student in HONEST}


def test_the_course_files_and_the_gradebooks_lessons_are_unchanged(attacked_class):
    course, _, before = attacked_class
    assert fingerprint(course.root) == before


def weakened_scores(tmp_path, attacks, weakening: str = "", *, workers: int = 2,
                    **grading) -> dict:
    """Grade `attacks` (with the honest students) on a course whose nbgrader_config.py ends with
    `weakening`; the scores of every student."""
    course = CourseCopy(tmp_path, LESSON)
    with (course.root / "nbgrader_config.py").open("a") as config:
        config.write(weakening)
    submit_attacks(course, [path for path in ATTACKS if path.stem in attacks])
    autograde(course_root=course.root, workers=workers, progress=False, **grading)
    return all_scores(course.root)


def test_without_the_sandbox_the_reading_attacks_succeed(tmp_path):
    scores = weakened_scores(tmp_path, READING_ATTACKS, sandbox=False)
    for attack in READING_ATTACKS:
        assert sum(scores[attack].values()) == 5, attack


def test_beside_the_tests_and_with_keys_on_disk_the_in_process_attacks_succeed(tmp_path):
    scores = weakened_scores(
        tmp_path, IN_PROCESS_ATTACKS,
        "\n# Weakened: each kernel's connection file stays on disk.\n"
        "from grader.grading.sandbox.kernel_manager import SandboxedKernelManager\n"
        "SandboxedKernelManager.cleanup_connection_file = lambda self: None\n", judge=False)
    for attack in IN_PROCESS_ATTACKS:
        assert sum(scores[attack].values()) == 5, attack


@pytest.mark.skipif(os.getuid() != 0, reason="only bubblewrap run as root leaves the sandbox "
                    "capabilities to drop; as any other user it has none")
def test_with_its_capabilities_kept_the_privileged_attacks_succeed(tmp_path):
    scores = weakened_scores(
        tmp_path, PRIVILEGED_ATTACKS,
        "\n# Weakened: the sandbox keeps the capabilities bubblewrap leaves root.\n"
        "from grader.grading.sandbox import bubblewrap\n"
        "bubblewrap.DROP_CAPABILITIES = ()\n", judge=False)
    for attack in PRIVILEGED_ATTACKS:
        assert sum(scores[attack].values()) == 5, attack


def test_without_the_sandboxs_totals_the_resource_attacks_succeed(tmp_path):
    # The tests run in the student's kernel: the judge would run each attack again for every call.
    scores = weakened_scores(
        tmp_path, RESOURCE_ATTACKS,
        "\nc.Execute.timeout = 60\nc.SandboxedKernelManager.use_cgroups = False\n"
        "c.SandboxedKernelManager.shared_memory_mb = 4096\n"
        "c.SandboxedKernelManager.work_folder_mb = 0\n"
        "from grader.grading.sandbox.kernel_manager import SandboxedKernelManager\n"
        "SandboxedKernelManager.seal_socket_folder = lambda self: None\n",
        workers=1, judge=False)
    for attack in RESOURCE_ATTACKS:  # its exercise's point: the resources were there to take
        assert scores[attack]["test_tensor_to_array"] == 1, attack


def test_grading_refuses_where_bubblewrap_cannot_run(tmp_path, monkeypatch):
    course = CourseCopy(tmp_path, LESSON)
    submit_class(course, {"correct": EXPECTED["correct"]})
    monkeypatch.setattr(shutil, "which", lambda name: None)
    bubblewrap.check_sandbox.cache_clear()
    try:
        with pytest.raises(bubblewrap.SandboxUnavailable, match="--no-sandbox"):
            autograde(course_root=course.root, progress=False)
    finally:
        bubblewrap.check_sandbox.cache_clear()
    assert not (course.root / "autograded").exists()  # refused before running anything
