# Wrong: float(t) always gives a float, so an int tensor gives 3.0 and a bool tensor 1.0.
def to_python_scalar(t):
    return float(t)
