# Correct: torch.float is an alias of torch.float32 (unlike the Python type float, which means float64).
def to_float32_tensor(a):
    return torch.tensor(a, dtype=torch.float)
