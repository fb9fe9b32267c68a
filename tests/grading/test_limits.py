"""grader.grading.limits alone: the notebook's time budget and each cell's output budget."""

from grader.grading import vocabulary
from grader.grading.limits import OutputBudget, TimeBudget


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def stream(text):
    return {"msg_type": "stream", "content": {"name": "stdout", "text": text}}


def test_the_time_budget_starts_with_the_first_cell_and_is_spent_past_its_seconds():
    clock = Clock()
    budget = TimeBudget(10, clock=clock)
    clock.now += 60  # a slow kernel start-up spends nothing
    assert not budget.spent()
    budget.start()
    clock.now += 10
    budget.start()  # a second start (the judge's kernel) does not restart it
    assert not budget.spent()
    clock.now += 0.5
    assert budget.spent()


def test_output_within_the_budget_passes_unchanged():
    budget = OutputBudget(10)
    message = stream("0123456789")
    assert budget.admit(message, 0) == (message, None)


def test_the_message_that_passes_the_budget_is_cut_and_noted_and_later_ones_dropped():
    budget = OutputBudget(10)
    budget.admit(stream("0123"), 0)
    kept, note = budget.admit(stream("456789abcdef"), 0)
    assert kept["content"]["text"] == "456789"
    assert note.metadata == {vocabulary.OUTPUT_TRUNCATED: 10}
    assert budget.admit(stream("more"), 0) == (None, None)
    assert budget.admit(stream("next"), 1)[0]["content"]["text"] == "next"


def test_errors_always_pass_and_rich_output_counts_its_text():
    budget = OutputBudget(5)
    failure = {"msg_type": "error", "content": {"ename": "ValueError"}}
    display = {"msg_type": "display_data", "content": {"data": {"text/plain": "x" * 8}}}
    assert budget.admit(display, 0) == (None, budget.truncation_note())
    assert budget.admit(failure, 0) == (failure, None)
