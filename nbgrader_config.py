"""nbgrader configuration for this course; `nbgrader` commands run from this folder use it.

The instructor sources live in solutions/ and the generated student versions in notebooks/
(nbgrader's defaults are source/ and release/). Submissions, autograded notebooks, feedback and
gradebook.db use nbgrader's default places under this folder and are never committed.
"""

c = get_config()  # noqa: F821 -- provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "tensors-and-arrays"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"

# Stored outputs of the instructor sources must not leak into the student versions.
c.ClearOutput.enabled = True

# A course-local exchange (never committed), so that nbgrader's Assignment List, release and
# collect work on a single machine without a shared system-wide exchange folder.
import os  # noqa: E402

c.Exchange.root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "exchange")

# Autograding with two of nbgrader's steps mended (grader/grading/preprocessors/): a copied graded
# cell no longer fails the submission, and execution runs each kernel in a sandbox, runs the test
# cells in a separate judge kernel, and lets a dead kernel, an endless cell or endless output cost
# the submission its remaining tests instead of stopping the grading run. The other steps are
# nbgrader's defaults, in nbgrader's order.
from nbconvert.preprocessors import (  # noqa: E402
    ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor)
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties, CheckCellMetadata, ClearOutput, GetGrades, IgnorePattern, LimitOutput,
    OverwriteCells, OverwriteKernelspec, SaveAutoGrades)

from grader.grading.preprocessors import (  # noqa: E402
    DeduplicateIdsCleanly, DescribeFigures, ExecuteWithLimits, HideHiddenTests)

c.Autograde.sanitize_preprocessors = [
    ClearOutput, DeduplicateIdsCleanly, OverwriteKernelspec, OverwriteCells, CheckCellMetadata]
c.Autograde.autograde_preprocessors = [
    ExecuteWithLimits, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
    AssignLatePenalties, CheckCellMetadata]

# Feedback as nbgrader makes it, without the hidden tests (they are restored in every autograded
# notebook, and would otherwise reach every student who reads their feedback), and with the
# lesson's description of each figure as its alternative text.
c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, DescribeFigures,
                                   CSSHTMLHeaderPreprocessor]
# Feedback pages: nbgrader's template, with each exercise named in the table of contents
# (grader/grading/feedback_page.py), and no execution counts: the test cells ran in the judge, so
# their counts interleave with the student's.
from grader.grading.feedback_page import (  # noqa: E402
    COURSE_TEMPLATES, NBGRADER_TEMPLATES, FeedbackExporter)
c.GenerateFeedback.exporter_class = FeedbackExporter
c.FeedbackExporter.template_name = "course_feedback"
c.FeedbackExporter.extra_template_basedirs = [NBGRADER_TEMPLATES, COURSE_TEMPLATES]
c.FeedbackExporter.exclude_input_prompt = True
c.FeedbackExporter.exclude_output_prompt = True

# A student's Validate (the notebook toolbar's button, and `nbgrader validate`) runs the notebook as
# grading does, with the tests in the judge, so that a helper outside the answer cells fails there
# too; its dialog then names each failing exercise with its message. nbgrader's Validator does
# not let configuration change its steps, unlike Autograde: tagging its trait configurable, once,
# is the smallest change that does (the steps are those of nbgrader, with Execute replaced).
from nbgrader.validator import Validator  # noqa: E402

from grader.grading.preprocessors import SummariseValidation, ValidateLikeGrading  # noqa: E402

Validator.preprocessors.tag(config=True)
c.Validator.preprocessors = [CheckCellMetadata, ClearOutput, ValidateLikeGrading,
                             SummariseValidation]
