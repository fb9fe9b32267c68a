# Wrong: reducing with sum() first promotes a bool tensor to int64, so True comes back as 1.
def to_python_scalar(t):
    return t.sum().item()
