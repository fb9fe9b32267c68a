# Wrong: computes in float64 (or int64) and casts at the end: the values differ from float32 arithmetic.
def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    x = torch.as_tensor(a, device=device)
    return (2 * x + 1).float().cpu().numpy()
