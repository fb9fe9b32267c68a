# Goes through .tolist(): NumPy stores the Python floats as float64, not float32.
def predict(model: torch.nn.Module, x: np.ndarray, device: torch.device) -> np.ndarray:
    inputs = torch.as_tensor(x, dtype=torch.float32, device=device)
    with torch.no_grad():
        return np.array(model(inputs).tolist())
