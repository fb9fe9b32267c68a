# Wrong: handles negative strides but shares read-only and broadcast arrays (with from_numpy's UserWarning the first time).
def tensor_from_any_array(a):
    if any(stride < 0 for stride in a.strides):
        a = a.copy()
    return torch.from_numpy(a)
