# Correct: torch.tensor copies straight into a new tensor of the requested dtype on the device.
def batch_to_device(batch: dict, device: torch.device) -> dict:
    return {"x": torch.tensor(batch["x"], dtype=torch.float32, device=device),
            "y": torch.tensor(batch["y"], dtype=torch.int64, device=device)}
