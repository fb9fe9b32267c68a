"""`HideHiddenTests`: feedback that says what failed without handing out the hidden tests.

Feedback is the autograded notebook as HTML, and autograding restores every test cell from the
gradebook, hidden tests included (nbgrader issues #917 and #1363): a student who reads their
feedback could read the hidden tests, and so could next year's class. In the feedback pipeline
(`c.GenerateFeedback.preprocessors`), this step removes each test cell's hidden region, as
nbgrader's `ClearHiddenTests` does for the student versions, and shortens each error of a test
cell to its message: a traceback quotes the lines around the failing one, hidden or not, and the
frames of the course's check helpers. The message is what names the misconception.
"""

from nbgrader.preprocessors import ClearHiddenTests, GetGrades
from nbgrader.utils import is_grade, is_solution
from traitlets import Bool, List


class HideHiddenTests(ClearHiddenTests):
    """Remove the hidden tests from each test cell, and its errors' tracebacks."""

    # An answer cell that happens to hold the markers is the student's own text: leave it alone.
    enforce_metadata = Bool(False, help=ClearHiddenTests.enforce_metadata.help).tag(config=True)
    # The HTML exporter configures this for every step; nbgrader's GetGrades accepts it the same
    # way, where its base class would warn that it is not configurable.
    display_data_priority = List(GetGrades.display_data_priority.default_value).tag(config=True)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code" or not is_grade(cell) or is_solution(cell):
            return cell, resources
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        for output in cell.outputs:
            if output.output_type == "error":
                output.traceback = [f"{output.ename}: {output.evalue}"]
        return cell, resources
