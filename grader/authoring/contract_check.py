"""Check a lesson notebook against the exercise contract in `grader.contract`.

`contract_problems` returns one message per broken rule, each naming the cell at fault, so an
author who breaks the contract learns where. Used by tests/test_contract.py on every instructor
source and student notebook.
"""

import ast

from nbgrader.utils import is_grade, is_locked, is_solution

from grader.contract import Lesson

HIDDEN_TESTS = "### BEGIN HIDDEN TESTS"


def _parameters(signature: str) -> list[str]:
    function = ast.parse(f"def f{signature}: pass").body[0]
    return [argument.arg for argument in function.args.args]


def _describe(index, cell) -> str:
    grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
    return f"cell {index} (id {cell.get('id')!r}" + (f", grade_id {grade_id!r})" if grade_id else ")")


def _ends_with_bare_expression(source: str) -> bool:
    """True when the cell's value would be displayed: a final expression that is not print(...)."""
    body = ast.parse(source).body
    if not body or not isinstance(body[-1], ast.Expr):
        return False
    value = body[-1].value
    return not (isinstance(value, ast.Call) and getattr(value.func, "id", None) == "print")


def contract_problems(notebook, lesson: Lesson, *, is_source: bool) -> list[str]:
    """Every way `notebook` breaks `lesson`'s contract; `is_source` for instructor versions."""
    problems = []
    graded = {}  # grade_id -> (index, cell, nbgrader metadata)
    for index, cell in enumerate(notebook.cells):
        if not (is_solution(cell) or is_grade(cell)):
            continue
        meta = cell.metadata.nbgrader
        grade_id = meta.get("grade_id")
        if grade_id in graded:
            problems.append(f"{_describe(index, cell)} repeats grade_id {grade_id!r}")
        graded[grade_id] = (index, cell, meta)

    code_cells = [(i, c) for i, c in enumerate(notebook.cells) if c.cell_type == "code"]
    if not code_cells:
        return problems + ["the notebook has no code cell"]
    index, first = code_cells[0]
    if not is_locked(first) or is_solution(first) or is_grade(first):
        problems.append(f"{_describe(index, first)}: the first code cell must be read-only "
                        "(nbgrader locked, neither answer nor test)")
    if "import numpy as np" not in first.source or "import torch" not in first.source:
        problems.append(f"{_describe(index, first)}: the first code cell must import numpy as np "
                        "and torch")

    expected_ids = set()
    for exercise in lesson.exercises:
        expected_ids |= {exercise.name, exercise.test_id}
        if exercise.name not in graded:
            problems.append(f"no answer cell has grade_id {exercise.name!r}")
        else:
            index, cell, meta = graded[exercise.name]
            where = _describe(index, cell)
            if not is_solution(cell) or is_grade(cell):
                problems.append(f"{where} must be an autograded answer cell (solution, not graded)")
            if is_source:
                functions = [node for node in ast.parse(cell.source).body
                             if isinstance(node, ast.FunctionDef)]
                names = [function.name for function in functions]
                if names != [exercise.name]:
                    problems.append(f"{where} defines {names}; it must define exactly "
                                    f"{exercise.name}{exercise.signature}")
                elif [a.arg for a in functions[0].args.args] != _parameters(exercise.signature):
                    problems.append(f"{where}: parameters differ from the contract's "
                                    f"{exercise.name}{exercise.signature}")
            elif "raise NotImplementedError" not in cell.source or "BEGIN SOLUTION" in cell.source:
                problems.append(f"{where} must hold only the stub in the student version")

        if exercise.test_id not in graded:
            problems.append(f"no test cell has grade_id {exercise.test_id!r}")
            continue
        index, cell, meta = graded[exercise.test_id]
        where = _describe(index, cell)
        # nbgrader counts any test cell as locked; the lesson's must also say so, to be read-only
        if not is_grade(cell) or is_solution(cell) or not meta.get("locked"):
            problems.append(f"{where} must be a locked autograder test cell")
        if meta.get("points") != exercise.points:
            problems.append(f"{where} carries {meta.get('points')} points; the contract gives "
                            f"{exercise.points}")
        if exercise.name not in cell.source:
            problems.append(f"{where} never calls {exercise.name}")
        if is_source and HIDDEN_TESTS not in cell.source:
            problems.append(f"{where} has no hidden tests ({HIDDEN_TESTS})")
        if not is_source and HIDDEN_TESTS in cell.source:
            problems.append(f"{where} shows the hidden tests in the student version")
        if _ends_with_bare_expression(cell.source):
            problems.append(f"{where} ends with a bare expression, whose value nbgrader would "
                            "read as partial credit: end with an assertion or print(...)")

    for grade_id, (index, cell, _) in graded.items():
        if grade_id not in expected_ids:
            problems.append(f"{_describe(index, cell)} is graded but not in the contract of "
                            f"{lesson.folder}")
    return problems
