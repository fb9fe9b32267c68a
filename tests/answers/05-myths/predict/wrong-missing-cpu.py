# Calls .numpy() on the outputs directly: fine on the CPU, a TypeError for a CUDA tensor.
def predict(model: torch.nn.Module, x: np.ndarray, device: torch.device) -> np.ndarray:
    inputs = torch.as_tensor(x, dtype=torch.float32, device=device)
    with torch.no_grad():
        return model(inputs).numpy()
