# Correct on CUDA and CPU (not on MPS, which has no float64): move first, then cast on the device.
def batch_to_device(batch: dict, device: torch.device) -> dict:
    return {"x": torch.from_numpy(batch["x"]).to(device).to(torch.float32),
            "y": torch.from_numpy(batch["y"]).to(device).long()}
