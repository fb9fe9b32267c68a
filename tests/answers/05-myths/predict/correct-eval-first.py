# Switches the model to evaluation mode first (allowed), then detach().cpu().numpy() to be safe.
def predict(model: torch.nn.Module, x: np.ndarray, device: torch.device) -> np.ndarray:
    model.eval()
    inputs = torch.tensor(x, dtype=torch.float32).to(device)
    with torch.no_grad():
        outputs = model(inputs)
    return outputs.detach().cpu().numpy()
