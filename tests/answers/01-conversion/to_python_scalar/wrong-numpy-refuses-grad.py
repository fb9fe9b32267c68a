# Wrong: .numpy() raises RuntimeError on a tensor that requires grad; .item() alone would not.
def to_python_scalar(t):
    return t.numpy().item()
