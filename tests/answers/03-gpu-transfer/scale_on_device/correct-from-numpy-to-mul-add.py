# Correct: .to(device, dtype) moves and casts in one call; mul/add run on the device; numpy(force=True) copies back.
def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    x = torch.from_numpy(a).to(device, torch.float32)
    return x.mul(2).add(1).numpy(force=True)
