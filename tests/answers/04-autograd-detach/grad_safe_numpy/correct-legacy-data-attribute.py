# Correct: the legacy .data attribute is a detached tensor over the same storage, so it shares too.
def grad_safe_numpy(t):
    return t.data.numpy()
