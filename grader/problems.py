"""Why a submission lost points for reasons other than its answers, in words for the class report.

Problems come from three places: the worker that could not execute a submission at all
(`failure_reason`), the submitted notebook's structure compared with the gradebook (deleted,
duplicated or edited cells), and the executed notebook (limits hit, output cut, stderr in a test,
a student's function that ended the judge's child process).
`grading-problems.json` in the course root keeps them between runs, by lesson and student.
"""

import json
import os
import warnings
from pathlib import Path

import nbformat
from nbgrader.utils import compute_checksum

from grader.preprocessors import LIMIT_ERRORS, OUTPUT_TRUNCATED
from grader.sandboxed_kernel import ENDED_ITS_PROCESS

PROBLEMS_FILE = "grading-problems.json"
TRUNCATION_MARK = OUTPUT_TRUNCATED.split(":")[0]
# What the sandbox's walls and limits (grader/sandbox.py) look like from inside a cell
SANDBOX_SIGNS = ("Read-only file system", "Network is unreachable", "Permission denied",
                 "Temporary failure in name resolution", "Resource temporarily unavailable",
                 "can't allocate memory", "No such file or directory: '/", "grading sandbox")


def failure_reason(errors: list[str]) -> str:
    """The one line of nbgrader's error log that says what went wrong."""
    for message in errors:
        if "Traceback (most recent call last)" in message:
            last = [line for line in message.strip().splitlines() if line.strip()][-1]
            if "JSON" in last or "ValidationError" in last or "NotebookValidation" in last:
                return f"the notebook file cannot be read ({last}); ask for a fresh copy"
            return f"grading failed: {last}"
    return f"grading failed: {errors[0]}" if errors else "grading failed without a message"


def _cell_name(cell, index: int) -> str:
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return f"'{grade_id}'" if grade_id else f"#{index + 1}"


def structure_problems(submitted, released) -> list[str]:
    """Deleted, duplicated or edited graded cells of a submitted notebook, against its release."""
    found = []
    ids = [cell.metadata.get("nbgrader", {}).get("grade_id") for cell in submitted.cells]
    released_cells = {cell.metadata.nbgrader.grade_id: cell for cell in released.cells
                      if "nbgrader" in cell.metadata}
    graded = {name for name, cell in released_cells.items()
              if cell.metadata.nbgrader.get("grade") or cell.metadata.nbgrader.get("solution")}
    for name in sorted(graded - set(ids)):
        found.append(f"cell '{name}' was deleted; it earns no points")
    for name in sorted({name for name in ids if name and ids.count(name) > 1}):
        found.append(f"cell '{name}' appears {ids.count(name)} times; only the last was graded")
    for cell, name in zip(submitted.cells, ids):
        original = released_cells.get(name)
        if (original is not None and original.metadata.nbgrader.get("locked")
                and compute_checksum(cell) != original.metadata.nbgrader.get("checksum")):
            found.append(f"read-only cell '{name}' was edited; it was graded as released")
    return list(dict.fromkeys(found))


def execution_problems(executed) -> list[str]:
    """Limits hit while executing, the sandbox's refusals, output cut, stderr in test cells."""
    found = []
    for index, cell in enumerate(executed.cells):
        if cell.cell_type != "code":
            continue
        name = _cell_name(cell, index)
        is_test = cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata.get(
            "nbgrader", {}).get("solution")
        for output in cell.outputs:
            if output.output_type == "error" and output.ename in LIMIT_ERRORS:
                if output.ename == "CellTimeoutError":
                    found.append(f"cell {name} ran past the per-cell time limit and was stopped")
                elif not output.evalue.startswith("not run"):  # the cell that stopped says why
                    found.append(f"cell {name}: {output.evalue}")
            elif output.output_type == "error" and (
                    output.ename == "MemoryError"
                    or any(sign in output.evalue for sign in SANDBOX_SIGNS)):
                found.append(f"cell {name} tried what the sandbox forbids or limits: "
                             f"{output.ename}: {output.evalue}"[:300])
            elif output.output_type == "error" and ENDED_ITS_PROCESS in output.evalue:
                found.append(f"test {name}: {output.evalue}"[:300])
            elif output.output_type == "stream" and TRUNCATION_MARK in output.text:
                found.append(f"cell {name} printed too much; its output was cut")
            elif is_test and output.output_type == "stream" and output.name == "stderr":
                found.append(f"test {name} wrote to stderr, which nbgrader scores as a failure")
    return list(dict.fromkeys(found))


def submission_problems(course_root: Path, lesson: str, student: str,
                        failure: str | None) -> list[str]:
    """Every problem of one submission; `failure` is why it could not be executed, if it was not."""
    submitted = course_root / "submitted" / student / lesson
    found, missing = [], False
    for released_path in sorted((course_root / "notebooks" / lesson).glob("*.ipynb")):
        path = submitted / released_path.name
        if not path.exists():
            others = sorted(p.name for p in submitted.iterdir()) if submitted.is_dir() else []
            found.append(f"no {path.name} in the submission"
                         + (f" (it holds: {', '.join(others)})" if others else ""))
            missing = True
            continue
        try:
            found += structure_problems(read_quietly(path), read_quietly(released_path))
        except Exception:  # unreadable: the failure says so
            continue
        executed = course_root / "autograded" / student / lesson / path.name
        if failure is None and executed.exists():
            found += execution_problems(read_quietly(executed))
    if failure and not missing:
        found.insert(0, failure)
    return found


def read_quietly(path: Path):
    """Read a notebook; nbformat's warnings about a student's broken cell ids are ours to report."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return nbformat.read(path, as_version=4)


def load(course_root: Path) -> dict[str, dict[str, list[str]]]:
    path = Path(course_root) / PROBLEMS_FILE
    return json.loads(path.read_text()) if path.exists() else {}


def save(course_root: Path, updates: dict) -> None:
    """Merge problems by (lesson, student) into the problems file, replacing it atomically."""
    recorded = load(course_root)
    for submission, reasons in updates.items():
        recorded.setdefault(submission.lesson, {})[submission.student] = reasons
    path = Path(course_root) / PROBLEMS_FILE
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")
    os.replace(partial, path)
