"""The nbgrader steps this course adds to autograding; `nbgrader_config.py` lists them in order.

One step per module, as in nbgrader's own `preprocessors/`:

- `ExecuteWithLimits` (execute_with_limits.py) stands where nbgrader's `Execute` stands.
- `DeduplicateIdsCleanly` (deduplicate_ids_cleanly.py) stands where `DeduplicateIds` stands.
- `ReplayExecution` (replay_execution.py) stands where `ExecuteWithLimits` stands when
  `grader autograde` records a submission that a worker process has already executed.
- `HideHiddenTests` (hide_hidden_tests.py) and `DescribeFigures` (describe_figures.py) are steps
  of feedback, not of autograding: the first keeps the hidden tests out of the feedback, the
  second gives its figures the lesson's description of them as alternative text.
- `ValidateLikeGrading` (validate_like_grading.py) and `SummariseValidation`
  (summarise_validation.py) are steps of a student's Validate: the first runs the notebook as
  grading does, the second shortens what the Validate dialog shows.
"""

from grader.grading.preprocessors.deduplicate_ids_cleanly import DeduplicateIdsCleanly
from grader.grading.preprocessors.describe_figures import DescribeFigures
from grader.grading.preprocessors.execute_with_limits import ExecuteWithLimits
from grader.grading.preprocessors.hide_hidden_tests import HideHiddenTests
from grader.grading.preprocessors.replay_execution import ReplayExecution
from grader.grading.preprocessors.summarise_validation import SummariseValidation
from grader.grading.preprocessors.validate_like_grading import ValidateLikeGrading

__all__ = ["DeduplicateIdsCleanly", "DescribeFigures", "ExecuteWithLimits", "HideHiddenTests",
           "ReplayExecution", "SummariseValidation", "ValidateLikeGrading"]
