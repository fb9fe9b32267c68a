# Wrong: adds a host tensor of ones to a device tensor: PyTorch refuses to mix devices.
def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    x = torch.as_tensor(a, dtype=torch.float32, device=device)
    return (2 * x + torch.ones(x.shape)).cpu().numpy()
