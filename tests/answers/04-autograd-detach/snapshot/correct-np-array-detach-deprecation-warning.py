# Correct: np.array copies the detached tensor; its NumPy 2 DeprecationWarning must not cost the point.
def snapshot(t):
    return np.array(t.detach())
