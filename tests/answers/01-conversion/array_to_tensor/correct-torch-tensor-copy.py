# Correct: torch.tensor(a) copies, keeping the NumPy dtype (float64 stays float64, uint8 stays uint8).
def array_to_tensor(a: np.ndarray) -> torch.Tensor:
    return torch.tensor(a)
