# Wrong: .cpu() fixes the device but not autograd: .numpy() still refuses a tensor that requires grad.
def to_numpy_any(t: torch.Tensor) -> np.ndarray:
    return t.cpu().numpy()
