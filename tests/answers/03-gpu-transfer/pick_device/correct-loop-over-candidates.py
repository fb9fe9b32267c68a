# Correct: a table of candidates in order of preference, each with its availability check.
def pick_device() -> torch.device:
    candidates = (("cuda", torch.cuda.is_available), ("mps", torch.backends.mps.is_available))
    for name, available in candidates:
        if available():
            return torch.device(name)
    return torch.device("cpu")
