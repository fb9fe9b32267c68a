"""The contexts a test has running around a call of a student's function (the CUDA stand-in, a
simulated machine, the course's recorders), so that the judge (`grader.grading.judge`) can run
the call inside the same contexts in the answer process and carry their findings back. Any other
change a test makes to a module (a patched function, say) does not reach the answer process.

A class registered with `replayable` has:

- `judge_watched()`: the objects of the call's arguments it watches (a model, say), or ();
- optionally `judge_settings()`: its parameters, as a dict of plain data;
- `judge_replay(*watched, **settings)`: a context manager that starts the same context in the
  answer process, on the rebuilt `watched` objects, and yields its recorder there (or None);
- optionally `judge_state()`, on that recorder: its findings, as plain data, and
  `judge_merge(state)`, on the test's: adds them to the test's recorder in the judge. Findings
  made in the answer process can be rewritten by the answer, so a recorder that must be trusted
  keeps them in the judge instead:
- optionally `judge_serve(value)`: then `judge_replay` also receives `ask_judge`, a function
  that sends a value (data only) to the test's recorder in the judge and returns what its
  `judge_serve` returns (or raises what it raised). The watched work then runs in the judge,
  where the test's own recorder sees it: `grader.myths.ForwardWatch` has the model's forward
  passes run there, under the test's hooks; `grader.device_log.recorded_devices` has every
  PyTorch call that touches the device run there, on the judge's device.

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
