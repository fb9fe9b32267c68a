# Correct: from_numpy on a contiguous version of a; dtype, shape and values are unchanged.
def array_to_tensor(a):
    return torch.from_numpy(np.ascontiguousarray(a))
