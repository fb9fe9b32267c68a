# Correct: numpy(force=True) detaches for you; on a CPU tensor it still shares memory.
def grad_safe_numpy(t):
    return t.numpy(force=True)
