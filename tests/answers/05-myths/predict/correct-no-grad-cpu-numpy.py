# float32 on the device in one call, the forward pass under torch.no_grad(), then .cpu().numpy().
def predict(model: torch.nn.Module, x: np.ndarray, device: torch.device) -> np.ndarray:
    inputs = torch.as_tensor(x, dtype=torch.float32, device=device)
    with torch.no_grad():
        return model(inputs).cpu().numpy()
