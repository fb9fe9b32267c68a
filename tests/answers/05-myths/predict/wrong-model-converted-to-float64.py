# "Fixes" the dtype mismatch by converting the model to float64: the caller's model is changed.
def predict(model: torch.nn.Module, x: np.ndarray, device: torch.device) -> np.ndarray:
    model.double()
    with torch.no_grad():
        outputs = model(torch.from_numpy(x).to(device))
    return outputs.cpu().numpy().astype(np.float32)
