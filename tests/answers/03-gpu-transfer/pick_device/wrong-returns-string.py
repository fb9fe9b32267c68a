# Wrong: returns the device's name as a string; .to() accepts it, but it has no .type and never equals a torch.device.
def pick_device():
    if torch.cuda.is_available():
        return "cuda"
    if torch.backends.mps.is_available():
        return "mps"
    return "cpu"
