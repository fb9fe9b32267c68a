"""`ValidateLikeGrading`: a student's Validate runs the notebook as grading does.

nbgrader's Validate runs every cell in one kernel, so a helper defined in a cell the student added
makes the tests pass there, and grading then fails them: it runs only the read-only and answer
cells, and the tests in the judge (`grader.grading.judge`). This step is grading's own execution,
with the judge, so that Validate applies the same rule and gives the same messages (a name defined
outside the answer cells gets the same hint). It runs unsandboxed by default: students validate
their own code on their own machine, where bubblewrap may not exist.
"""

from traitlets import Bool

from grader.grading.preprocessors.execute_with_limits import ExecuteWithLimits


class ValidateLikeGrading(ExecuteWithLimits):
    """Execute a notebook for Validate as grading executes it: the tests run in the judge."""

    sandbox = Bool(
        False, help="Run each kernel in a bubblewrap sandbox while validating (off by default: "
        "students validate their own code, on machines that may lack bubblewrap)."
    ).tag(config=True)
