"""Small notebooks judged as grading judges them (grader/grading/judge/)."""

import tempfile

import nbformat

from grader.grading.preprocessors import ExecuteWithLimits
from support.grading import SANDBOXED

IMPORTS = "import gc, sys, warnings\nimport numpy as np\nimport torch"


def cell(source, role, name):
    metadata = {"grade_id": name, "schema_version": 3, "locked": role != "answer",
                "solution": role == "answer", "grade": role == "test"}
    if role == "test":
        metadata["points"] = 1
    return nbformat.v4.new_code_cell(source, metadata={"nbgrader": metadata})


def judged(exercises, **limits):
    """Run a notebook of read-only imports and (name, answer, test) exercises; return the test
    cells' error lines (empty for a passing test) and their printed text, by exercise."""
    cells = [cell(IMPORTS, "read-only", "imports")]
    for name, answer, test in exercises:
        cells += [cell(answer, "answer", name), cell(test, "test", f"test_{name}")]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}
    with tempfile.TemporaryDirectory() as work_folder:  # short: it holds the kernel's sockets
        ExecuteWithLimits(sandbox=SANDBOXED, **limits).preprocess(
            notebook, {"metadata": {"path": work_folder}})
    results = {}
    for (name, _, _), test_cell in zip(exercises, notebook.cells[2::2]):
        errors = [f"{o.ename}: {o.evalue}" for o in test_cell.outputs if o.output_type == "error"]
        text = "".join(o.get("text", "") for o in test_cell.outputs if o.output_type == "stream")
        results[name] = (errors, text)
    return results
