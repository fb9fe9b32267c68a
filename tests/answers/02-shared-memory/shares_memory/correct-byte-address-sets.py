# Correct: list every byte address each one uses (start + index . strides, for each byte of each element) and intersect.
def _byte_addresses(start, shape, byte_strides, itemsize):
    offsets = np.zeros((), dtype=np.int64)
    for size, stride in zip(shape, byte_strides):
        offsets = offsets[..., None] + np.arange(size, dtype=np.int64) * stride
    element_starts = start + offsets.reshape(-1)
    return set((element_starts[:, None] + np.arange(itemsize)).reshape(-1).tolist())


def shares_memory(t, a):
    size = t.element_size()
    tensor_bytes = _byte_addresses(t.data_ptr(), t.shape, [s * size for s in t.stride()], size)
    array_bytes = _byte_addresses(a.ctypes.data, a.shape, a.strides, a.itemsize)
    return not tensor_bytes.isdisjoint(array_bytes)
