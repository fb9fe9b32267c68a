"""grader.grading.limits alone: the notebook's time budget and its output budgets."""

from grader.grading import vocabulary
from grader.grading.limits import OutputBudget, TimeBudget, output_size


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def stream(text):
    return {"msg_type": "stream", "content": {"name": "stdout", "text": text}}


def display(**data):
    return {"msg_type": "display_data", "content": {"data": data, "metadata": {}}}


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


def test_every_kind_of_output_counts_with_its_metadata():
    assert output_size({"text": "abc"}) == 3
    content = {"data": {"text/html": "<b>x</b>", "image/png": "QUJD", "application/json": {"a": 1}},
               "metadata": {"isolated": True}}
    assert output_size(content) == 8 + 4 + len('{"a": 1}') + len('{"isolated": true}')


def test_output_within_the_budget_passes_unchanged():
    budget = OutputBudget(10, 100)
    message = stream("0123456789")
    assert budget.admit(message, "cell") == (message, None)


def test_the_message_that_passes_the_cell_budget_is_cut_and_noted_and_later_ones_dropped():
    budget = OutputBudget(10, 100)
    budget.admit(stream("0123"), "cell")
    kept, note = budget.admit(stream("456789abcdef"), "cell")
    assert kept["content"]["text"] == "456789"
    assert note.metadata == {vocabulary.OUTPUT_TRUNCATED: 10}
    assert budget.admit(stream("more"), "cell") == (None, None)
    assert budget.admit(stream("next"), "other cell")[0]["content"]["text"] == "next"


def test_rich_output_past_the_budget_is_dropped_whole_and_errors_always_pass():
    budget = OutputBudget(5, 100)
    failure = {"msg_type": "error", "content": {"ename": "ValueError"}}
    assert budget.admit(display(**{"text/html": "x" * 8}), "cell") == (None, budget.truncation_note())
    assert budget.admit(failure, "cell") == (failure, None)


def test_the_notebook_budget_bounds_the_sum_of_the_cells():
    budget = OutputBudget(10, 25)
    for cell in range(2):
        assert budget.admit(stream("x" * 10), cell)[1] is None
    kept, note = budget.admit(stream("y" * 10), 2)
    assert kept["content"]["text"] == "y" * 5
    assert note.data["text/plain"].startswith("... output truncated: the notebook printed more")
    assert budget.admit(stream("z"), 3) == (None, None)


def test_display_updates_count_for_every_output_they_rewrite():
    budget = OutputBudget(10, 30)
    assert budget.admit_update(display(**{"text/plain": "x" * 10}), outputs=2)
    assert not budget.admit_update(display(**{"text/plain": "x" * 10}), outputs=2)
