# Wrong: np.array copies the detached tensor's data; the exercise asks for shared memory.
def grad_safe_numpy(t):
    return np.array(t.detach())
