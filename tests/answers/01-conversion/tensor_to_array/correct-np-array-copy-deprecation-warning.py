# Correct: np.array(t) copies with the same dtype and shape; its NumPy 2 DeprecationWarning must not cost the point.
def tensor_to_array(t):
    return np.array(t)
