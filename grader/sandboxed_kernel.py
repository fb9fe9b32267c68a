"""The kernel the sandbox starts: ipykernel, with a cap on the processes student code may start.

The sandbox's hard limit (a cgroup or RLIMIT_NPROC) counts threads too, so a notebook that
exhausts it would leave its own kernel unable to start a thread and lose every later exercise.
This softer cap counts only new processes, through an audit hook (PEP 578) that code running
later cannot remove, and refuses the one too many with a PermissionError in the cell that asked.
"""

import os
import runpy
import sys

PROCESS_EVENTS = {"os.fork", "os.forkpty", "os.posix_spawn", "os.spawn", "os.system",
                  "subprocess.Popen", "pty.spawn"}


def main() -> None:
    limit = int(os.environ.pop("GRADER_MAX_PROCESSES"))
    started = 0

    def cap_processes(event, args):
        nonlocal started
        if event in PROCESS_EVENTS:
            started += 1
            if started > limit:
                raise PermissionError(
                    f"the grading sandbox lets a notebook start at most {limit} processes")

    sys.addaudithook(cap_processes)
    sys.argv[0] = "ipykernel_launcher"
    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
