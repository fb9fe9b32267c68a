# Wrong: keeps NumPy's dtype on the device, so the result is float64 (or int64), not float32.
def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    x = torch.as_tensor(a, device=device)
    return (2 * x + 1).cpu().numpy()
