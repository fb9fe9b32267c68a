# Correct: under torch.no_grad() the host copy is not recorded and .numpy() accepts a tensor that requires grad.
def to_numpy_any(t: torch.Tensor) -> np.ndarray:
    with torch.no_grad():
        return t.cpu().numpy()
