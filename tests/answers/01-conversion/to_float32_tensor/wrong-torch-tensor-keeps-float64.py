# Wrong: torch.tensor(a) keeps NumPy's dtype, so a float64 array stays float64 (and ints stay ints).
def to_float32_tensor(a):
    return torch.tensor(a)
