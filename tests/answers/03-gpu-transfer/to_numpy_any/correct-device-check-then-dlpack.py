# Correct: copy only when the tensor is on a GPU, then share the host memory through DLPack.
def to_numpy_any(t: torch.Tensor) -> np.ndarray:
    t = t.detach()
    if t.device.type != "cpu":
        t = t.cpu()
    return np.from_dlpack(t)
