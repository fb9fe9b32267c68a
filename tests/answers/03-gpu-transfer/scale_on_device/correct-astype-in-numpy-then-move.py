# Correct: the cast may happen in NumPy (it is not arithmetic); the arithmetic itself runs on the device.
def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    x = torch.from_numpy(a.astype(np.float32)).to(device)
    y = x * 2 + 1
    return y.to("cpu").numpy()
