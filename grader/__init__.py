"""Course tools for "PyTorch tensors and NumPy arrays".

- `grader.contract`: the lessons, graded functions and points every notebook must follow;
  `grader.contract_check` checks a notebook against it.
- `grader.checks`: the helpers that notebook test cells import.
- `grader.cuda_standin`, `grader.device_log`: a CUDA stand-in and a device recorder, so GPU
  exercises are graded alike with and without a GPU.
- `grader.myths`: lesson 05's claims, the live demonstrations that decide them, and its test
  helpers.
- `grader.release`: regenerates the student notebooks from the instructor sources.
- `grader.outputs`: re-executes the instructor sources to store reproducible outputs.
- The instructor's grading tool, `grader <verb>` (`grader.cli`): `grader.collect` puts a class's
  submissions in place, `grader.autograde` grades them in parallel through nbgrader with the steps
  in `grader.preprocessors`, each kernel in the bubblewrap sandbox of `grader.sandbox` (started
  through `grader.sandboxed_kernel`), `grader.problems` says why a submission could not be graded as
  submitted, and `grader.report` writes the class report.
- `grader.lab`: gives students their own copies of the lessons and opens JupyterLab.
- `grader.pytest_plugin`: runs CUDA-only tests and notebook cells only where CUDA is.
"""
