# Correct: ask CUDA, then MPS, then fall back to the CPU, each time the function is called.
def pick_device() -> torch.device:
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")
