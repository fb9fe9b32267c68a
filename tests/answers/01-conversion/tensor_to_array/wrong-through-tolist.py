def tensor_to_array(t):
    return np.array(t.tolist())
