# Wrong: the byte-level logic is exact, but np.isin(...).any() returns np.bool_, not the Python bool the contract asks for.
def _byte_addresses(start, shape, byte_strides, itemsize):
    offsets = np.zeros((), dtype=np.int64)
    for size, stride in zip(shape, byte_strides):
        offsets = offsets[..., None] + np.arange(size, dtype=np.int64) * stride
    return ((start + offsets.reshape(-1))[:, None] + np.arange(itemsize)).reshape(-1)


def shares_memory(t, a):
    size = t.element_size()
    tensor_bytes = _byte_addresses(t.data_ptr(), t.shape, [s * size for s in t.stride()], size)
    array_bytes = _byte_addresses(a.ctypes.data, a.shape, a.strides, a.itemsize)
    return np.isin(tensor_bytes, array_bytes).any()
