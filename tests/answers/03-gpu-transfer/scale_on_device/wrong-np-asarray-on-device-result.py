# Wrong: np.asarray of a GPU tensor is the same refusal as .numpy().
def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    x = torch.as_tensor(a, dtype=torch.float32, device=device)
    return np.asarray(2 * x + 1)
