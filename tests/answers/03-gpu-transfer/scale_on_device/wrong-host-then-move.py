# Wrong: computes on the host in torch, then moves the result to the device and back: the arithmetic ran on the CPU.
def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    y = 2 * torch.from_numpy(a).float() + 1
    return y.to(device).cpu().numpy()
