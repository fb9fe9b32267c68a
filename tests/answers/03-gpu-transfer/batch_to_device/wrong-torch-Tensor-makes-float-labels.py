# Wrong: torch.Tensor(...) always makes float32, which is right for x but turns the labels into floats.
def batch_to_device(batch: dict, device: torch.device) -> dict:
    return {"x": torch.Tensor(batch["x"]).to(device), "y": torch.Tensor(batch["y"]).to(device)}
