"""Course tools for "PyTorch tensors and NumPy arrays", grouped by who uses them.

What the notebooks import, here at the top: their import paths are stored in every gradebook and
every submitted notebook, so they never move.

- `grader.checks`: the helpers that test cells check answers with.
- `grader.cuda_standin`, `grader.device_log`, `grader.recorders`: a CUDA stand-in and a device
  recorder, so GPU exercises are graded alike with and without a GPU; `grader.device_in_judge`
  runs an answer's device work in the judge, where the test's device log records it.
- `grader.myths`: lesson 05's claims, the live demonstrations that decide them, its test helpers.

Shared by the other two: `grader.contract` (lessons, graded functions and points) and
`grader.course` (the course folder, and how to run nbgrader in it).

What course authors run, in `grader.authoring`: `generate` (student versions from the sources),
`outputs` (stored outputs), `contract_check`, `lab` (JupyterLab with the students' own copies) and
`pytest_plugin` (CUDA-only tests and cells).

The instructor's grading tool, `grader <verb>`, in `grader.grading`: one module per verb, the
nbgrader steps it adds, the sandbox, the judge, and the words it uses for what went wrong.
"""
