# Correct: pick the Python type from the dtype, bool before integers since bool is not floating point.
def to_python_scalar(t):
    t = t.detach()
    if t.dtype == torch.bool:
        return bool(t)
    if t.is_floating_point():
        return float(t)
    return int(t)
