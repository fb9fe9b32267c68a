"""The instructor's grading tool: `grader <verb>`, on top of nbgrader and its gradebook.

- `cli`: the command line, a thin shell over one keyword-only function per verb, each in its own
  module: `collect`, `autograde`, `feedback`, `export`, `report` (and `generate`, from
  `grader.authoring`).
- `preprocessors`: the nbgrader steps this course adds, listed in `nbgrader_config.py`.
- `limits`: how a running notebook is held to its time and output budgets.
- `sandbox`: the bubblewrap sandbox every grading kernel runs in.
- `judge`: the second kernel, where test cells run out of the answers' reach.
- `problems`: why a submission lost points for reasons other than its answers.
- `vocabulary`: every kind of failure grading records, every variable passed into a sandbox, and
  every limit.
"""
