# Correct: allocate a fresh array of the right dtype and shape, then copy the values into it.
def independent_array(t):
    source = t.numpy()
    result = np.empty(source.shape, dtype=source.dtype)
    np.copyto(result, source)
    return result
