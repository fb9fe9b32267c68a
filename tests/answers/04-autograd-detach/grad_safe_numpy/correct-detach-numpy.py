# Correct: detach() leaves the graph without copying, so .numpy() shares t's memory.
def grad_safe_numpy(t):
    return t.detach().numpy()
