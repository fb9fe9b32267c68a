"""Course tools for "PyTorch tensors and NumPy arrays".

- `grader.contract`: the lessons, graded functions and points every notebook must follow.
- `grader.checks`: the helpers that notebook test cells import.
- `grader.release`: regenerates the student notebooks from the instructor sources.
- `grader.outputs`: re-executes the instructor sources to store reproducible outputs.
- `grader.nbval_plugin`: the pytest plugin that runs CUDA-only cells and tests only on CUDA.
"""
