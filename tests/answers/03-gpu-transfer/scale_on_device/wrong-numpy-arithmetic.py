# Wrong: computes 2 * a + 1 in NumPy, on the host, and never uses the device.
def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    return (2 * a.astype(np.float32) + 1).astype(np.float32)
