# Correct: .item() gives int, float or bool following the dtype; detach() first is harmless.
def to_python_scalar(t):
    return t.detach().item()
