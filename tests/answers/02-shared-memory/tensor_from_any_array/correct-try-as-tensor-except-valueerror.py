# Correct: read-only arrays are copied up front; as_tensor then shares, and its ValueError for negative strides means "copy".
def tensor_from_any_array(a: np.ndarray) -> torch.Tensor:
    if not a.flags.writeable:
        return torch.tensor(a.copy())
    try:
        return torch.as_tensor(a)
    except ValueError:
        return torch.tensor(a.copy())
