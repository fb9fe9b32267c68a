# Wrong: computes on the device but returns the device tensor where a host array is asked for.
def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    x = torch.as_tensor(a, dtype=torch.float32, device=device)
    return 2 * x + 1
