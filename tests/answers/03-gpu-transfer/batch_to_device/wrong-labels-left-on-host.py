# Wrong: moves the features but leaves the labels on the host; the loss would mix devices.
def batch_to_device(batch: dict, device: torch.device) -> dict:
    return {"x": torch.as_tensor(batch["x"], dtype=torch.float32, device=device),
            "y": torch.as_tensor(batch["y"], dtype=torch.int64)}
