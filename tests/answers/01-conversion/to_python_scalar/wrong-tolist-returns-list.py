# Wrong: .tolist() keeps the nesting: [2.5] for a 1-element 1-d tensor, a list and not a float.
def to_python_scalar(t):
    return t.tolist()
