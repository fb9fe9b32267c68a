"""The words grading uses: every kind of failure it records, every variable it passes into a
sandbox, and every limit, each with one line saying what it means.

When grading stops a cell, or a student's function breaks the process it was called in, the cell
gets an error output whose `ename` is one of the failure kinds below (an error output has no other
field that could carry it). `grader.grading.problems`, the class report and the judge recognise
each kind by that name alone, never by the wording of a message, which is free to improve.

This module imports nothing heavy: it is read inside every sandboxed kernel.
"""

from dataclasses import dataclass

# --- Failures: the `ename` of the error output that grading writes into a cell ----------------

KERNEL_DIED = "KernelDied"  # the kernel died or ignored the interrupt while it ran this cell
CELL_TIMED_OUT = "CellTimeoutError"  # the cell ran past c.Execute.timeout (nbgrader's name)
NOTEBOOK_TIME_LIMIT = "NotebookTimeLimit"  # the notebook's time budget ran out before this cell
NOT_RUN = "NotRun"  # not run: the kernel stopped, or the time ran out, in an earlier cell
JUDGE_FAILED = "JudgeFailed"  # the judge kernel could not start, so no test could be judged
ANSWER_ENDED_ITS_PROCESS = "AnswerEndedItsProcess"  # a student's function ended its process
PROCESS_LIMIT = "ProcessLimitExceeded"  # a cell started more processes than the sandbox allows
MEMORY_LIMIT = "MemoryLimitExceeded"  # the sandbox killed a process of this cell for memory

# The failures that grading itself writes in place of what a cell would have shown: they say why
# a cell earned nothing, not what the answer got wrong.
STOPPED_BY_GRADING = frozenset({KERNEL_DIED, CELL_TIMED_OUT, NOTEBOOK_TIME_LIMIT, NOT_RUN,
                                JUDGE_FAILED})

# Output that grading drops is replaced by one display output whose metadata carries this key.
OUTPUT_TRUNCATED = "grader_output_truncated"

# --- Environment variables set for a sandboxed kernel (sandbox/bubblewrap.py builds them) -------

SANDBOXED = "GRADER_SANDBOXED"  # "1" inside the bubblewrap sandbox
MAX_PROCESSES = "GRADER_MAX_PROCESSES"  # processes the kernel's code may start (sandbox/kernel.py)
JUDGE = "GRADER_JUDGE"  # "1" for the judge kernel, which runs no student code and has no cap
# For the judge: where to listen for its answer process (judge/answers.py), which its kernel
# manager has forked from the zygote (judge/zygote.py), in a sandbox of its own.
ANSWER_SOCKET = "GRADER_ANSWER_SOCKET"
ANSWER_TOKEN = "GRADER_ANSWER_TOKEN"  # what the zygote presents there (judge/kernel.py)
ZYGOTE_CONTROL = "GRADER_ZYGOTE_CONTROL"  # the descriptor of the zygote's socket to its manager
CHILD_MAX_PROCESSES = "GRADER_CHILD_MAX_PROCESSES"  # the cap each call's child installs (answers)
# Every other variable a sandboxed kernel sees, and why; nothing else of the grader's reaches it.
SANDBOX_ENVIRONMENT = {
    "PATH": "the Python environment's bin folder, then /usr/bin and /bin",
    "PYTHONPATH": "the folder of the grader package that the grading process imported",
    "LANG": "C.UTF-8, so that output is decoded the same everywhere",
    "HOME": "a folder inside the work folder, removed afterwards",
    "TMPDIR": "the same folder as HOME",
    "MPLCONFIGDIR": "matplotlib's folder inside HOME, seeded with the grader's font cache",
    "PYTHONHASHSEED": "0, so that set and dict orders are the same in every run",
}
# Variables passed on from the grader's environment: the GPU and thread settings.
PASSED_ON_PREFIXES = ("CUDA_", "NVIDIA_", "REQUIRE_CUDA", "OMP_", "MKL_")
# The judge sees no GPU: it forks, which CUDA does not survive, and every grade is then decided
# against the same CUDA stand-in (grader.cuda_standin), on a laptop as on a GPU server.
JUDGE_ENVIRONMENT = {JUDGE: "1", "CUDA_VISIBLE_DEVICES": ""}


# --- Limits: the defaults of the settings in nbgrader_config.py, and the judge's fixed ones -----

@dataclass(frozen=True)
class Limit:
    default: int
    meaning: str


NOTEBOOK_TIMEOUT = Limit(
    600, "Seconds a whole notebook may run; later cells are not run and earn nothing.")
MAX_OUTPUT_CHARS = Limit(
    100_000, "Characters of output kept per cell, of every kind (text, HTML, JSON, images as "
    "base64); the rest is dropped, with a note.")
MAX_NOTEBOOK_OUTPUT_CHARS = Limit(
    2_000_000, "Characters of output kept in a whole notebook, of every kind; the rest is dropped, "
    "with a note.")
MEMORY_LIMIT_MB = Limit(
    4096, "Memory (heap and anonymous mappings) a kernel may allocate, in MiB.")
MAX_PROCESSES_STARTED = Limit(
    32, "Processes a notebook may start (grader/grading/sandbox/kernel.py refuses more).")
MAX_TASKS = Limit(
    512, "Processes and threads the sandbox may hold at once: the hard backstop, from "
    "RLIMIT_NPROC or, for root, a pids cgroup where one can be made.")
MAX_FILE_MB = Limit(100, "Largest file a kernel may write, in MiB.")
SHARED_MEMORY_MB = Limit(64, "RAM-backed files a kernel may hold in /dev/shm, in MiB.")
WORK_FOLDER_MB = Limit(
    256, "Files a kernel may write in its work folder (HOME and TMPDIR included), in MiB: the "
    "folder is RAM-backed and starts with what the grader put there, read-only; 0 binds the real "
    "folder instead, with no cap on what is written to the disk.")
MAX_REPLY_BYTES = Limit(
    256 * 2**20, "Bytes a student's function may send back to the judge from one call.")
MAX_CALL_OUTPUT_CHARS = Limit(
    20_000, "Characters of what one call of a student's function printed that the judge keeps.")
