# Correct: share exactly when the array is writable with non-negative strides; otherwise copy first (a.copy() is C-ordered and writable).
def tensor_from_any_array(a):
    if a.flags.writeable and all(stride >= 0 for stride in a.strides):
        return torch.from_numpy(a)
    return torch.from_numpy(a.copy())
