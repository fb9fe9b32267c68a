"""The contexts a test has running around a call of a student's function (the CUDA stand-in, a
simulated machine, the course's recorders), so that the judge (`grader.grading.judge`) can run
the call inside the same contexts in the answer process and carry their findings back. Any other
change a test makes to a module (a patched function, say) does not reach the answer process.

A class registered with `replayable` has:

- `judge_watched()`: the objects of the call's arguments it watches (a model, say), or ();
- optionally `judge_settings()`: its parameters, as a dict of plain data;
- `judge_replay(*watched, **settings)`: a context manager that starts the same context in the
  answer process, on the rebuilt `watched` objects, and yields its recorder there;
- `judge_state()`: the findings of that recorder, as plain data;
- `judge_merge(state)`: adds those findings to the test's recorder in the judge.

Outside grading nobody reads `ACTIVE`: recorders work as usual.
"""

ACTIVE: list = []
REPLAYABLE: dict = {}  # "module.qualname" -> class


def replayable(cls):
    """Register a recorder's class, so that the answer process may replay it (by name only)."""
    REPLAYABLE[kind_of(cls)] = cls
    return cls


def kind_of(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def observe(recorder) -> None:
    ACTIVE.append(recorder)


def forget(recorder) -> None:
    for index, active in enumerate(ACTIVE):
        if active is recorder:  # by identity: two recorders may hold equal findings
            del ACTIVE[index]
            return
