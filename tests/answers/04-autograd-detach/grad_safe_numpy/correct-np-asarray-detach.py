# Correct: np.asarray calls .numpy() on the detached tensor, which shares t's memory.
def grad_safe_numpy(t):
    return np.asarray(t.detach())
