"""`SummariseValidation`: a Validate dialog that says which exercises pass, and why the others fail.

nbgrader's Validate lists each failing test cell with its whole source and traceback, which for a
notebook with several failures is thousands of pixels tall and starts with code the student did
not write. Validate shows, for each failing cell, its source and its errors, so after execution
this step rewrites, in the copy Validate reads, each failing test cell the student left unchanged:
its source becomes one line naming the exercise and its points (the first also says which
exercises pass and which fail), and each error keeps only its message, the line that names the
misconception. A test cell the student changed is left as it is, so Validate still reports the
change (nbgrader compares each locked cell with its checksum).
"""

import textwrap

from nbconvert.preprocessors import Preprocessor
from nbgrader.utils import compute_checksum, determine_grade, is_grade, is_solution

from grader.contract import LESSONS

WIDTH = 80  # `nbgrader validate` cuts longer lines short

# exercise name -> its lesson's number
_LESSON_NUMBERS = {exercise.name: number for number, lesson in enumerate(LESSONS, 1)
                   for exercise in lesson.exercises}


def _test_cells(nb):
    return [cell for cell in nb.cells
            if cell.cell_type == "code" and is_grade(cell) and not is_solution(cell)]


def _name(cell) -> str:
    return cell.metadata.nbgrader.grade_id.removeprefix("test_")


def _title(cell, number: int) -> str:
    """"name (Exercise 1.2, 1 point)": exercises are numbered in the notebook's order."""
    name, points = _name(cell), cell.metadata.nbgrader.points
    points = f"{points:g} point" + ("s" if points != 1 else "")
    if name not in _LESSON_NUMBERS:
        return f"{name} ({points})"
    return f"{name} (Exercise {_LESSON_NUMBERS[name]}.{number}, {points})"


class SummariseValidation(Preprocessor):
    """Shorten each failing, unchanged test cell to its exercise's name and its messages."""

    def preprocess(self, nb, resources):
        tests, passing, failing = _test_cells(nb), [], []
        numbers = {id(cell): number for number, cell in enumerate(tests, 1)}
        for cell in tests:
            score, max_score = determine_grade(cell, self.log)
            (passing if score is not None and score >= max_score else failing).append(cell)
        summary = _wrap(f"{len(passing)} of {len(passing) + len(failing)} exercises pass"
                        + (f": {', '.join(map(_name, passing))}." if passing else ".")) + "\n" \
            + _wrap(f"Still failing: {', '.join(map(_name, failing))}.")
        for index, cell in enumerate(failing):
            if cell.metadata.nbgrader.get("checksum") != compute_checksum(cell):
                continue  # changed by the student: Validate must still see the change
            cell.source = (f"{summary}\n\n" if index == 0 else "") + _title(cell, numbers[id(cell)])
            cell.metadata.nbgrader.checksum = compute_checksum(cell)
            for output in cell.outputs:
                if output.output_type == "error":
                    message = output.ename + (f": {output.evalue}" if output.evalue else "")
                    output.traceback = _wrap(message).split("\n")
        return nb, resources


def _wrap(text: str) -> str:
    return "\n".join(textwrap.fill(paragraph, WIDTH, subsequent_indent="  ")
                     for paragraph in text.split("\n"))
