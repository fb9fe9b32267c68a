# Wrong: comparing the first and last byte each one reaches is what may_share_memory does; interleaved slices overlap in bounds only.
def _bounds(start, shape, byte_strides, itemsize):
    low = start + sum((n - 1) * s for n, s in zip(shape, byte_strides) if s < 0)
    high = start + sum((n - 1) * s for n, s in zip(shape, byte_strides) if s > 0) + itemsize
    return low, high


def shares_memory(t, a):
    size = t.element_size()
    t_low, t_high = _bounds(t.data_ptr(), t.shape, [s * size for s in t.stride()], size)
    a_low, a_high = _bounds(a.ctypes.data, a.shape, a.strides, a.itemsize)
    return t_low < a_high and a_low < t_high
