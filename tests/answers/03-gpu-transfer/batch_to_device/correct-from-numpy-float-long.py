# Correct: from_numpy shares, .float() and .long() cast on the host (copies), .to(device) moves.
def batch_to_device(batch: dict, device: torch.device) -> dict:
    x = torch.from_numpy(batch["x"]).float()
    y = torch.from_numpy(batch["y"]).long()
    return {"x": x.to(device), "y": y.to(device)}
