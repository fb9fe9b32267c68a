# Wrong: .numpy() on the result, which lives on the GPU: TypeError, copy to the host first.
def scale_on_device(a: np.ndarray, device: torch.device) -> np.ndarray:
    x = torch.as_tensor(a, dtype=torch.float32, device=device)
    return (2 * x + 1).numpy()
