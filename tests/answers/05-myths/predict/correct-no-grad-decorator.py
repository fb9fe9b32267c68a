# torch.no_grad() as a decorator: the whole function runs with tracking off, and it comes back on.
@torch.no_grad()
def predict(model: torch.nn.Module, x: np.ndarray, device: torch.device) -> np.ndarray:
    inputs = torch.from_numpy(x.astype(np.float32)).to(device)
    return np.asarray(model(inputs).cpu())
