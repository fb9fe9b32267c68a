# Wrong: .cuda() ignores the device it was given, so asking for the CPU still gives GPU tensors (or fails without CUDA).
def batch_to_device(batch: dict, device: torch.device) -> dict:
    return {"x": torch.from_numpy(batch["x"]).float().cuda(),
            "y": torch.from_numpy(batch["y"]).long().cuda()}
