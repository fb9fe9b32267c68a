# Brings the outputs to the host but returns them as a tensor, not a NumPy array.
def predict(model: torch.nn.Module, x: np.ndarray, device: torch.device) -> np.ndarray:
    inputs = torch.as_tensor(x, dtype=torch.float32, device=device)
    with torch.no_grad():
        return model(inputs).cpu()
