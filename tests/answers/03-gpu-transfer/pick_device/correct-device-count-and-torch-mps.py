# Correct: other documented checks, torch.cuda.device_count() and torch.mps.is_available(); cuda:0 is the same GPU.
def pick_device() -> torch.device:
    if torch.cuda.device_count() > 0:
        return torch.device("cuda", 0)
    if torch.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")
