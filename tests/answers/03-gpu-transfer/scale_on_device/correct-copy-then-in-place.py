# Correct: torch.tensor copies, so in-place arithmetic on the device cannot touch the caller's array.
def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    x = torch.tensor(a, dtype=torch.float32).to(device)
    x.mul_(2).add_(1)
    return x.detach().cpu().numpy()
