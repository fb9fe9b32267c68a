# Correct: reverse the negative axes in NumPy (a forward view of the same memory), wrap it, then let torch.flip
# restore the order; torch.flip always copies, so a reversed input ends up sharing nothing.
def tensor_from_any_array(a):
    if not a.flags.writeable:
        a = a.copy()
    backwards = [axis for axis, stride in enumerate(a.strides) if stride < 0]
    if not backwards:
        return torch.from_numpy(a)
    forward = a[tuple(slice(None, None, -1) if axis in backwards else slice(None) for axis in range(a.ndim))]
    return torch.from_numpy(forward).flip(backwards)
