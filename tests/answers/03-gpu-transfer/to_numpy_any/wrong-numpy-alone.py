# Wrong: .numpy() alone refuses GPU tensors (TypeError) and tensors that require grad (RuntimeError).
def to_numpy_any(t: torch.Tensor) -> np.ndarray:
    return t.numpy()
