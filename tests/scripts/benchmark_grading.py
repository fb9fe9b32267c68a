"""Benchmark: `grader autograde` against plain `nbgrader autograde` on the same synthetic class.

    make benchmark           (or: python tests/scripts/benchmark_grading.py --per-lesson 6)

Builds a class for every lesson (per lesson: correct, partly wrong, untouched and broken
submissions) and grades four copies of it, in this run on this machine: with plain serial
`nbgrader autograde`, with the tool, with the tool unsandboxed, and with the tool running the
tests in the students' kernels (no judge). It prints seconds per submission for each, the tool's
speed-up, the sandbox's and the judge's overhead, and whether the grades agree: identical in the
first three runs, and without the judge identical for the honest submissions (the judge gives a
broken submission the points of the exercises its crash did not touch). It also measures the
floor that no grader can beat: starting a kernel and importing torch, once per notebook.

With `--before REVISION` (by default the last revision whose judge forked itself for each call
of a student's function, before the answer process), it also grades the same class with the tool
of that revision, checked out in a git worktree, and compares the time and the grades.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel
from nbgrader.api import Gradebook

from grader.course import COURSE_ROOT, environment_tools_on_path, lesson_folders
from grader.grading.autograde import autograde

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for its support helpers
from support.class_scenarios import synthetic_class  # noqa: E402

BEFORE = "c511cc7"  # the judge forked itself for each call (grader/grading/judge/, issue 14)
# Run in the worktree of the earlier revision: its own course and tool grade its own copy.
GRADE_WITH_THIS_REVISION = """
import sys, time
from pathlib import Path
from support.class_scenarios import synthetic_class
from grader.grading.autograde import autograde
root, per_lesson, workers = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
root.mkdir()
synthetic_class(root, per_lesson)
started = time.perf_counter()
autograde(course_root=root, workers=workers, progress=False)
print(time.perf_counter() - started)
"""


def all_grades(course_root: Path) -> dict:
    """(lesson, student, test) -> points, for every grade in the course's gradebook."""
    with Gradebook(f"sqlite:///{course_root / 'gradebook.db'}") as gradebook:
        return {(lesson.name, submission.student.id, grade.name): grade.score
                for lesson in gradebook.assignments for submission in lesson.submissions
                for notebook in submission.notebooks for grade in notebook.grades}


def kernel_floor(samples: int) -> float:
    """Seconds to start a Python kernel, import torch and NumPy in it, and shut it down."""
    started = time.perf_counter()
    for _ in range(samples):
        manager, client = start_new_kernel(kernel_name="python3", stderr=subprocess.DEVNULL)
        client.execute_interactive("import numpy, torch", timeout=120)
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return (time.perf_counter() - started) / samples


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-lesson", type=int, default=6, help="submissions per lesson")
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--before", default=BEFORE, help="an earlier revision to compare with "
                        "(empty: none)")
    args = parser.parse_args(argv)
    environment_tools_on_path()
    with tempfile.TemporaryDirectory(prefix="grading-benchmark-") as scratch:
        roots = {name: Path(scratch) / name
                 for name in ("plain", "tool", "unsandboxed", "no-judge")}
        roots["plain"].mkdir()
        count = args.per_lesson * len(synthetic_class(roots["plain"], args.per_lesson))
        for name in ("tool", "unsandboxed", "no-judge"):
            shutil.copytree(roots["plain"], roots[name])
        print(f"{count} submissions ({args.per_lesson} per lesson), {os.cpu_count()} cores, "
              f"{args.workers} workers", flush=True)

        def timed(label, grade) -> float:
            """Seconds per submission: those `grade()` returns where it measures them itself."""
            started = time.perf_counter()
            measured = grade()
            elapsed = measured if isinstance(measured, float) else time.perf_counter() - started
            seconds = elapsed / count
            print(f"{label:<38} {seconds:6.2f} s per submission", flush=True)
            return seconds

        plain = timed("plain nbgrader autograde (sandboxed):", lambda: [
            subprocess.run([sys.executable, "-m", "nbgrader", "autograde", lesson,
                            "--log-level=ERROR"], cwd=roots["plain"], capture_output=True)
            for lesson in lesson_folders(COURSE_ROOT)])
        tool = timed("grader autograde (sandboxed):", lambda: autograde(
            course_root=roots["tool"], workers=args.workers, progress=False))
        unsandboxed = timed("grader autograde --no-sandbox:", lambda: autograde(
            course_root=roots["unsandboxed"], workers=args.workers, sandbox=False,
            progress=False))
        no_judge = timed("grader autograde --no-judge:", lambda: autograde(
            course_root=roots["no-judge"], workers=args.workers, judge=False, progress=False))
        before = None
        if args.before:
            roots["before"] = Path(scratch) / "before"
            before = timed(f"grader autograde of {args.before}:", lambda: grade_with_revision(
                args.before, roots["before"], args.per_lesson, args.workers))
        floor = kernel_floor(samples=5)
        grades = {name: all_grades(root) for name, root in roots.items()}
    identical = grades["plain"] == grades["tool"] == grades["unsandboxed"]
    honest = {name: {key: points for key, points in found.items()
                     if not key[1].startswith("broken")} for name, found in grades.items()}
    honest_identical = honest["tool"] == honest["no-judge"]
    print(f"speed-up over plain nbgrader: {plain / tool:.2f}x (target: 1.8x on 2 cores)")
    print(f"sandbox overhead: {100 * (tool / unsandboxed - 1):+.1f}% per notebook "
          "(target: under 10%)")
    print(f"judge overhead: {100 * (tool / no_judge - 1):+.1f}% per notebook (a second kernel, "
          "and a fork per call of a student's function)")
    print(f"floor, kernel start + import torch: {floor:.2f} s per notebook serially, "
          f"{floor / args.workers:.2f} s with {args.workers} workers; the tool starts two "
          f"kernels per notebook and takes {tool / (floor / args.workers):.2f}x that floor")
    print(f"grades identical with plain nbgrader, the tool and unsandboxed: "
          f"{'yes' if identical else 'NO'} ({len(grades['tool'])} test cells)")
    print(f"grades of honest submissions identical with and without the judge: "
          f"{'yes' if honest_identical else 'NO'} ({len(honest['tool'])} test cells)")
    same_as_before = True
    if before is not None:
        # An earlier revision may lack exercises added since: compare the test cells both grade.
        common = grades["before"].keys() & grades["tool"].keys()
        same_as_before = all(grades["before"][key] == grades["tool"][key] for key in common)
        added = len(grades["tool"].keys() - grades["before"].keys())
        removed = len(grades["before"].keys() - grades["tool"].keys())
        print(f"against {args.before}: {tool / before:.2f} times its time per submission; "
              f"grades identical on the {len(common)} test cells both grade: "
              f"{'yes' if same_as_before else 'NO'} (test cells only this revision grades: "
              f"{added}; only {args.before}: {removed})")
    return 0 if identical and honest_identical and same_as_before else 1


def grade_with_revision(revision: str, root: Path, per_lesson: int, workers: int) -> float:
    """Grade a synthetic class in `root` with the course and the tool of an earlier revision;
    return the seconds its grading took (not its checkout, nor building the class)."""
    source = root.with_name("before-source")
    subprocess.run(["git", "-C", str(COURSE_ROOT), "worktree", "add", "--detach", "--quiet",
                    str(source), revision], check=True)
    try:
        graded = subprocess.run([sys.executable, "-c", GRADE_WITH_THIS_REVISION, str(root),
                                 str(per_lesson), str(workers)], cwd=source, check=True,
                                capture_output=True, text=True,
                                env={**os.environ, "PYTHONPATH": f"{source}:{source / 'tests'}"})
        return float(graded.stdout.split()[-1])
    finally:
        subprocess.run(["git", "-C", str(COURSE_ROOT), "worktree", "remove", "--force",
                        str(source)], check=True)


if __name__ == "__main__":
    sys.exit(main())
