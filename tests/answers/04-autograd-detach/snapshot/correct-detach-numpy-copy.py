# Correct: the detached view is copied by NumPy, so later updates of t cannot reach it.
def snapshot(t):
    return t.detach().numpy().copy()
