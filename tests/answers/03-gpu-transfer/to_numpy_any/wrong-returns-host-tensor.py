# Wrong: brings the tensor to the host but never converts it: a CPU tensor is not an np.ndarray.
def to_numpy_any(t: torch.Tensor) -> np.ndarray:
    return t.detach().cpu()
