# Correct: leave the graph, copy to the host (a no-op on the CPU), then view as an array.
def to_numpy_any(t: torch.Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()
