# Wrong: np.asarray(t) calls t.numpy() for a CPU tensor, so the array shares the tensor's memory.
def independent_array(t):
    return np.asarray(t)
