# Correct: np.array(t) copies; NumPy 2's DeprecationWarning about __array__'s copy keyword must not cost the point.
def independent_array(t):
    return np.array(t)
