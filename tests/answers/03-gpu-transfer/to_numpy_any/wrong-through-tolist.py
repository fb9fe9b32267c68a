# Wrong: .tolist() works on any device, but rebuilding an array from Python numbers loses the dtype (float32 -> float64).
def to_numpy_any(t: torch.Tensor) -> np.ndarray:
    return np.array(t.tolist())
