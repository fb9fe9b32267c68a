"""The kernel the sandbox starts: ipykernel, with a cap on the processes student code may start.

The sandbox's hard limit (a cgroup or RLIMIT_NPROC) counts threads too, so a notebook that
exhausts it would leave its own kernel unable to start a thread and lose every later exercise.
This softer cap counts only new processes, through an audit hook (PEP 578) that code running
later cannot remove, and refuses the one too many with a PermissionError in the cell that asked.

The judge kernel (`grader.judge`, GRADER_JUDGE=1) forks once per call of a student's function, so
it gets no cap itself: each forked child installs the cap before it runs any student code.
"""

import os
import runpy
import sys

# What the judge says when a student's function ends its child process; grader.problems names it.
# Here, in a module without heavy imports, so the grader's own processes need not load the judge.
ENDED_ITS_PROCESS = "ended the process it ran in before returning"
PROCESS_EVENTS = {"os.fork", "os.forkpty", "os.posix_spawn", "os.spawn", "os.system",
                  "subprocess.Popen", "pty.spawn"}


def cap_processes(limit: int):
    """An audit hook that refuses the process start after the first `limit`."""
    started = 0

    def hook(event, args):
        nonlocal started
        if event in PROCESS_EVENTS:
            started += 1
            if started > limit:
                raise PermissionError(
                    f"the grading sandbox lets a notebook start at most {limit} processes")

    return hook


def main() -> None:
    limit = os.environ.pop("GRADER_MAX_PROCESSES")
    if os.environ.pop("GRADER_JUDGE", "") == "1":
        os.environ["GRADER_CHILD_MAX_PROCESSES"] = limit
    else:
        sys.addaudithook(cap_processes(int(limit)))
    sys.argv[0] = "ipykernel_launcher"
    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
