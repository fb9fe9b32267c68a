# Correct: one conditional expression builds the device name, then one torch.device.
def pick_device() -> torch.device:
    return torch.device("cuda" if torch.cuda.is_available()
                        else "mps" if torch.backends.mps.is_available() else "cpu")
