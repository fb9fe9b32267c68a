# Wrong: squeeze() leaves a 0-d tensor, which prints like a number but is not a Python scalar.
def to_python_scalar(t):
    return t.squeeze()
