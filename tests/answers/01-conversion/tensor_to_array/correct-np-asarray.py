# Correct: np.asarray(t) calls t.numpy() on a CPU tensor; same dtype, shape and values, no copy.
def tensor_to_array(t):
    return np.asarray(t)
