# Wrong: keeps NumPy's float64 for the features; models want float32 (and MPS has no float64).
def batch_to_device(batch: dict, device: torch.device) -> dict:
    return {"x": torch.from_numpy(batch["x"]).to(device),
            "y": torch.from_numpy(batch["y"]).to(device, torch.int64)}
