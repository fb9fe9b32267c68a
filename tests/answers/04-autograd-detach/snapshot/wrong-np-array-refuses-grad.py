# Wrong: np.array copies, but it calls .numpy() first, which refuses a tensor that requires grad.
def snapshot(t):
    return np.array(t)
