# Correct: a 1-D tensor over the bytes the array spans, then torch.as_strided with the strides converted from
# bytes to elements: the same view, rebuilt by hand, with no copy.
def zero_copy_tensor(a):
    element_strides = [stride // a.itemsize for stride in a.strides]
    span = 1 + sum((size - 1) * stride for size, stride in zip(a.shape, element_strides))
    flat = np.lib.stride_tricks.as_strided(a, shape=(span,), strides=(a.itemsize,))
    return torch.from_numpy(flat).as_strided(a.shape, element_strides)
