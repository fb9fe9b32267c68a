# Wrong: detach() fixes autograd but not the device: a GPU tensor still has to be copied to the host.
def to_numpy_any(t: torch.Tensor) -> np.ndarray:
    return t.detach().numpy()
