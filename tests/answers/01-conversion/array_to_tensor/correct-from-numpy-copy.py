# Correct: an independent copy first, then from_numpy; same dtype, shape and values.
def array_to_tensor(a):
    return torch.from_numpy(a.copy())
