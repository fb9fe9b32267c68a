# Correct: flatten to one element and take it with .item(), for any shape.
def to_python_scalar(t):
    return t.reshape(-1)[0].item()
