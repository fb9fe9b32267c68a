def tensor_to_array(t):
    return np.asarray(t)
