# Correct: one call converts to float32 and creates the tensor on the device; compute there; copy back once.
def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    x = torch.as_tensor(a, dtype=torch.float32, device=device)
    return (2 * x + 1).cpu().numpy()
