# Wrong: torch.from_numpy raises ValueError for negative strides (a[::-1], np.flip) and shares read-only arrays.
def tensor_from_any_array(a):
    return torch.from_numpy(a)
