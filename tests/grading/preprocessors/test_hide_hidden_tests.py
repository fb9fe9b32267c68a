"""HideHiddenTests on a graded test cell: the feedback keeps the visible tests and the message,
and loses the hidden tests and the traceback that quotes them."""

import nbformat

from grader.grading.preprocessors import HideHiddenTests

TEST = ("assert f(1) == 2, 'f(1): expected 2'\n"
        "### BEGIN HIDDEN TESTS\n"
        "assert f(-7) == -14, 'f(-7): negative inputs double too'\n"
        "### END HIDDEN TESTS")
TRACEBACK = ["AssertionError                            Traceback (most recent call last)",
             "Cell In[3], line 3\n      1 assert f(1) == 2, 'f(1): expected 2'\n----> 3 assert "
             "f(-7) == -14, 'f(-7): negative inputs double too'",
             "AssertionError: f(-7): negative inputs double too"]


def graded(cell_type, source, role, outputs=()):
    metadata = {"nbgrader": {"grade_id": f"{role}_f", "grade": role == "test",
                             "solution": role == "answer", "locked": role == "test",
                             "points": 1, "schema_version": 3}}
    if cell_type == "markdown":
        return nbformat.v4.new_markdown_cell(source, metadata=metadata)
    return nbformat.v4.new_code_cell(source, metadata=metadata, outputs=list(outputs))


def test_a_failed_test_shows_its_visible_tests_and_message_only():
    failure = nbformat.v4.new_output("error", ename="AssertionError",
                                     evalue="f(-7): negative inputs double too",
                                     traceback=TRACEBACK)
    nb = nbformat.v4.new_notebook(cells=[graded("code", TEST, "test", [failure])])
    assert "f(-7) == -14" in nbformat.writes(nb)  # what nbgrader's own feedback would show
    HideHiddenTests().preprocess(nb, {})
    cell = nb.cells[0]
    assert cell.source == "assert f(1) == 2, 'f(1): expected 2'"
    assert cell.outputs[0].traceback == ["AssertionError: f(-7): negative inputs double too"]
    assert "f(-7) == -14" not in nbformat.writes(nb)


def test_a_students_own_cells_are_left_as_they_are():
    answer = graded("code", "def f(x):\n    ### BEGIN HIDDEN TESTS\n    return 2 * x", "answer",
                    [nbformat.v4.new_output("error", ename="ValueError", evalue="no",
                                            traceback=["ValueError  Traceback", "a frame"])])
    nb = nbformat.v4.new_notebook(cells=[answer])
    HideHiddenTests().preprocess(nb, {})
    assert nb.cells[0].source.endswith("return 2 * x")
    assert nb.cells[0].outputs[0].traceback == ["ValueError  Traceback", "a frame"]
