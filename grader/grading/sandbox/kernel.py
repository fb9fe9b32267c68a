"""The kernel the sandbox starts: ipykernel, with a cap on the processes student code may start.

The sandbox's hard limit (a cgroup or RLIMIT_NPROC) counts threads too, so a notebook that
exhausts it would leave its own kernel unable to start a thread and lose every later exercise.
This softer cap counts only new processes, through an audit hook (PEP 578) that code running
later cannot remove, and refuses the one too many with `ProcessLimitExceeded` in the cell that
asked.

The judge kernel (`grader.grading.judge`) runs no student code and gets no cap; its answer
process gets the cap for each call's child (vocabulary.CHILD_MAX_PROCESSES).
"""

import os
import runpy
import sys

from grader.grading import vocabulary

PROCESS_EVENTS = {"os.fork", "os.forkpty", "os.posix_spawn", "os.spawn", "os.system",
                  "subprocess.Popen", "pty.spawn"}


class ProcessLimitExceeded(PermissionError):
    """A cell started more processes than allowed (vocabulary.PROCESS_LIMIT names it)."""


def cap_processes(limit: int):
    """An audit hook that refuses the process start after the first `limit`."""
    started = 0

    def hook(event, args):
        nonlocal started
        if event in PROCESS_EVENTS:
            started += 1
            if started > limit:
                raise ProcessLimitExceeded(
                    f"the grading sandbox lets a notebook start at most {limit} processes")

    return hook


def main() -> None:
    limit = os.environ.pop(vocabulary.MAX_PROCESSES)
    if os.environ.pop(vocabulary.JUDGE, "") != "1":
        sys.addaudithook(cap_processes(int(limit)))
    sys.argv[0] = "ipykernel_launcher"
    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
