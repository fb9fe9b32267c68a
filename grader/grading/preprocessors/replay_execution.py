"""`ReplayExecution`: the outputs of an execution made elsewhere, as if this step had made them.

`grader autograde` executes each submission in a worker process, against a private copy of the
gradebook; recording it in the real gradebook runs nbgrader's `Autograde` again with this step in
place of execution, so nbgrader's own `SaveAutoGrades` records exactly what a serial
`nbgrader autograde` would record.
"""

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode


class ReplayExecution(NbGraderPreprocessor):
    """Give each code cell the outputs it got when a worker executed this same submission."""

    executed_directory = Unicode(
        help="Folder holding the executed notebooks as {student}/{assignment}/{notebook}.ipynb."
    ).tag(config=True)

    def preprocess(self, nb, resources):
        ids = resources["nbgrader"]
        path = (f"{self.executed_directory}/{ids['student']}/{ids['assignment']}/"
                f"{ids['notebook']}.ipynb")
        executed = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        sources = [cell.source for cell in nb.cells]
        if sources != [cell.source for cell in executed.cells]:
            raise ValueError(f"{path} is not an execution of this submission's cells")
        for cell, ran in zip(nb.cells, executed.cells):
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = ran.outputs, ran.execution_count
        nb.metadata["language_info"] = executed.metadata.get("language_info", {})
        return nb, resources
