# Wrong: indexing an array gives a NumPy scalar (np.int64, np.float32), not a Python int or float.
def to_python_scalar(t):
    return t.detach().numpy().reshape(-1)[0]
