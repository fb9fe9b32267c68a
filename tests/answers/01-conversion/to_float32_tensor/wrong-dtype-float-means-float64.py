# Wrong: the Python type float stands for torch.float64, not float32.
def to_float32_tensor(a):
    return torch.as_tensor(a, dtype=float)
