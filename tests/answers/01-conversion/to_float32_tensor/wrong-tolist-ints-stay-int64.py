# Wrong: torch.tensor of Python floats is float32, but of Python ints (and bools) it is int64 (bool): not always float32.
def to_float32_tensor(a):
    return torch.tensor(a.tolist())
