# Wrong: on the CPU, as_tensor of a float32 array shares its memory, so the in-place update changes the caller's array.
def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    x = torch.as_tensor(a, dtype=torch.float32).to(device)
    x.mul_(2).add_(1)
    return x.cpu().numpy()
