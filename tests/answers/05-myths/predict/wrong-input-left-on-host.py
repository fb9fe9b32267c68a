# Converts the input to float32 but leaves it on the host: a model on a GPU refuses it.
def predict(model: torch.nn.Module, x: np.ndarray, device: torch.device) -> np.ndarray:
    inputs = torch.as_tensor(x, dtype=torch.float32)
    with torch.no_grad():
        return model(inputs).cpu().numpy()
