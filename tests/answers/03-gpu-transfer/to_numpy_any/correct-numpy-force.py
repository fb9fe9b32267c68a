# Correct: numpy(force=True) detaches, copies to the host and resolves conj/neg bits in one call.
def to_numpy_any(t: torch.Tensor) -> np.ndarray:
    return t.numpy(force=True)
