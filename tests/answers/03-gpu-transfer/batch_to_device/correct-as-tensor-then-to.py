# Correct: cast on the host with as_tensor(dtype=...), then move each part to the device.
def batch_to_device(batch: dict, device: torch.device) -> dict:
    return {"x": torch.as_tensor(batch["x"], dtype=torch.float32).to(device),
            "y": torch.as_tensor(batch["y"], dtype=torch.int64).to(device)}
