# Wrong: the classic one-liner forgets Apple GPUs and falls back to the CPU on a Mac.
def pick_device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
