# Gaming: right values, computed on the device, but returned as an ndarray subclass instead of a plain array.
class _Array(np.ndarray):
    pass


def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    x = torch.as_tensor(a, dtype=torch.float32, device=device)
    return (2 * x + 1).cpu().numpy().view(_Array)
