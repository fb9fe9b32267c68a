"""The recorders a test has running, so that the judge (`grader.judge`) can carry their findings
back from the child process in which a student's function ran.

A recorder has `judge_state()`, its findings as plain data, and `judge_merge(state)`, which adds
findings from a child. Outside grading nobody reads this list: recorders work as usual.
"""

ACTIVE: list = []


def observe(recorder) -> None:
    ACTIVE.append(recorder)


def forget(recorder) -> None:
    for index, active in enumerate(ACTIVE):
        if active is recorder:  # by identity: two recorders may hold equal findings
            del ACTIVE[index]
            return
