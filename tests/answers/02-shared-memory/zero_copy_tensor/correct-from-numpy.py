# Correct: torch.from_numpy never copies; it wraps the array's buffer with its dtype, shape and strides.
def zero_copy_tensor(a):
    return torch.from_numpy(a)
