# Correct: cast on the NumPy side with astype(np.float32), then wrap the new array.
def to_float32_tensor(a: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(a.astype(np.float32))
