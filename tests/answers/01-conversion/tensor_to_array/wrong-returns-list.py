# Wrong: .tolist() gives nested Python lists (or a bare number for a 0-d tensor), not an array.
def tensor_to_array(t):
    return t.tolist()
