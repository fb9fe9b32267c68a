# Wrong: the detour through NumPy fails for bfloat16 (TypeError: Got unsupported ScalarType BFloat16).
def to_python_scalar(t):
    return t.detach().numpy().item()
