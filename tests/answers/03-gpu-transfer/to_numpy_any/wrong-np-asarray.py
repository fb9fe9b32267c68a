# Wrong: np.asarray calls .numpy() for you, so it refuses a CUDA tensor with the same TypeError.
def to_numpy_any(t: torch.Tensor) -> np.ndarray:
    return np.asarray(t.detach())
