# Correct: as_tensor shares when it can, and for a writable CPU array with non-negative strides and no dtype request it always can.
def zero_copy_tensor(a: np.ndarray) -> torch.Tensor:
    return torch.as_tensor(a)
