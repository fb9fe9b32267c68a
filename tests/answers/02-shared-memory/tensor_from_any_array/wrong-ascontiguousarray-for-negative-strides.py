# Wrong: the common advice "use np.ascontiguousarray for negative strides" fails when the negative stride is on an
# axis of length 1: NumPy already calls that array contiguous and returns it unchanged, so from_numpy still raises.
def tensor_from_any_array(a):
    if not a.flags.writeable:
        return torch.from_numpy(a.copy())
    if any(stride < 0 for stride in a.strides):
        return torch.from_numpy(np.ascontiguousarray(a))
    return torch.from_numpy(a)
