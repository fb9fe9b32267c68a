"""The zygote (grader/grading/judge/zygote.py): every judge's answer process is forked from one
warm process per grading process, and nothing one submission's answers do reaches the next one.

A first submission leaves traces wherever its answer process can (files in its work folder, HOME
and /dev/shm, a System V shared-memory segment, a process of its own session); the next one,
judged by the same zygote, fails if it finds any, and earns exactly what it earns alone. With a
zygote that does not clean up between submissions, it does find them: the test proves something.
"""

import signal
import sys

import pytest

from grader.grading.judge.launch import PACKAGE_PARENT
from grader.grading.sandbox import answer_zygote
from support.grading import SANDBOXED
from support.judging import judged

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not SANDBOXED, reason="the zygote serves sandboxed grading only")]

LEAVES_TRACES = """
import ctypes, os, subprocess

open("trace-in-the-work-folder", "w").write("x")
open(os.path.join(os.environ["HOME"], "trace-in-home"), "w").write("x")
open("/dev/shm/trace-in-shared-memory", "w").write("x")
ctypes.CDLL(None).shmget(0x7ace, 4096, 0o1600)  # IPC_CREAT, read-write for its owner
subprocess.Popen(["sleep", "600"], start_new_session=True)


def answer():
    return 1
"""

FINDS_NO_TRACE = """
import glob, os


def answer():
    found = (glob.glob("**/trace-*", recursive=True, include_hidden=True)
             + glob.glob(os.environ["HOME"] + "/**/trace-*", recursive=True, include_hidden=True)
             + glob.glob("/dev/shm/trace-*"))
    if len(open("/proc/sysvipc/shm").read().splitlines()) > 1:
        found.append("a System V shared-memory segment")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if open(f"/proc/{pid}/cmdline", "rb").read().startswith(b"sleep"):
                found.append(f"process {pid}")
        except OSError:
            pass
    if found:
        raise RuntimeError(f"traces of an earlier submission: {found}")
    return 1
"""

TEST = "assert answer() == 1\nprint('answer: passed')"
PASSED = {"answer": ([], "answer: passed\n")}


def test_the_next_submission_finds_nothing_of_the_previous_one():
    assert judged([("answer", LEAVES_TRACES, TEST)]) == PASSED  # the traces were left
    zygote = answer_zygote.current()
    assert judged([("answer", FINDS_NO_TRACE, TEST)]) == PASSED
    assert answer_zygote.current() is zygote  # the same warm zygote served both


def test_a_zygote_that_died_is_replaced():
    judged([("answer", LEAVES_TRACES, TEST)])
    answer_zygote.current().process.send_signal(signal.SIGKILL)
    assert judged([("answer", FINDS_NO_TRACE, TEST)]) == PASSED


def test_without_cleaning_up_the_next_submission_finds_the_traces(monkeypatch):
    weakened = ["import sys", f"sys.path.insert(0, {PACKAGE_PARENT!r})",
                "import grader.grading.judge.zygote as zygote",
                "zygote.clean = lambda files=True: None", "zygote.main()"]
    monkeypatch.setattr(answer_zygote, "zygote_command",
                        lambda: [sys.executable, "-I", "-c", "; ".join(weakened)])
    answer_zygote.stop()
    try:
        judged([("answer", LEAVES_TRACES, TEST)])
        (errors, _), = judged([("answer", FINDS_NO_TRACE, TEST)]).values()
    finally:
        answer_zygote.stop()  # the next test gets a zygote that cleans up
    assert "traces of an earlier submission" in errors[0]
    assert "trace-in-the-work-folder" in errors[0] and "System V" in errors[0]
