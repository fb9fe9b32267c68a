# Switches gradient tracking off for the whole program and never back on.
def predict(model: torch.nn.Module, x: np.ndarray, device: torch.device) -> np.ndarray:
    torch.set_grad_enabled(False)
    inputs = torch.as_tensor(x, dtype=torch.float32, device=device)
    return model(inputs).cpu().numpy()
