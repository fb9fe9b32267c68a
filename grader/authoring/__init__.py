"""What course authors and maintainers run.

- `generate`: the student versions in notebooks/ from the instructor sources in solutions/
  (`make generate`, `grader generate`).
- `outputs`: re-executes the sources and stores reproducible outputs (`make outputs`).
- `contract_check`: what a lesson notebook breaks of the exercise contract (`grader.contract`).
- `lab`: the students' own copies of the lessons in work/, opened in JupyterLab (`make lab`).
- `pytest_plugin`: CUDA-only tests and notebook cells run where CUDA is, and only there.
"""
