"""The bubblewrap sandbox every grading kernel runs in.

- `bubblewrap`: whether bubblewrap works here (`check_sandbox`), and the arguments that confine a
  kernel to its work folder, with a clean environment.
- `kernel_manager`: `SandboxedKernelManager`, the jupyter_client kernel manager that starts each
  kernel inside bubblewrap, with its limits (the settings `c.SandboxedKernelManager.*`).
- `kernel`: the program the sandbox runs, ipykernel with a cap on the processes code may start.

Its modules import nothing from the rest of the grading tool but `grader.grading.vocabulary`.
"""
