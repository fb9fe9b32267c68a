# Wrong: from_numpy keeps int32 (or uint8, int16) labels as they are; cross_entropy wants int64.
def batch_to_device(batch: dict, device: torch.device) -> dict:
    return {"x": torch.from_numpy(batch["x"]).float().to(device),
            "y": torch.from_numpy(batch["y"]).to(device)}
