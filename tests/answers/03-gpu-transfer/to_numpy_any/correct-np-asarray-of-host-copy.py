# Correct: np.asarray is fine once the tensor is detached and on the host.
def to_numpy_any(t: torch.Tensor) -> np.ndarray:
    return np.asarray(t.detach().to("cpu"))
