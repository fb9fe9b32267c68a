# Switches off requires_grad on the parameters: tracking stays on, and the caller's model changed.
def predict(model: torch.nn.Module, x: np.ndarray, device: torch.device) -> np.ndarray:
    model.requires_grad_(False)
    inputs = torch.as_tensor(x, dtype=torch.float32, device=device)
    return model(inputs).cpu().numpy()
