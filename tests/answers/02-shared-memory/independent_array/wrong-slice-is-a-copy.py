# Wrong: a full slice [...] (like a[:]) is a view in NumPy, not a copy as it is for Python lists.
def independent_array(t):
    return t.numpy()[...]
