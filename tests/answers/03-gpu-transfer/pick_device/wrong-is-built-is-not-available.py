# Wrong: is_built() says PyTorch was compiled with CUDA, not that this machine has a usable GPU.
def pick_device() -> torch.device:
    if torch.backends.cuda.is_built():
        return torch.device("cuda")
    if torch.backends.mps.is_built():
        return torch.device("mps")
    return torch.device("cpu")
