# Wrong: a copy is always safe, but the exercise asks to share a writable array with non-negative strides.
def tensor_from_any_array(a):
    return torch.tensor(a.copy())
