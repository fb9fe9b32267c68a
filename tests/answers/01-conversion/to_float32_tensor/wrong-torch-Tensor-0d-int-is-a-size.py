# Wrong: torch.Tensor(a) makes float32, but reads a 0-d integer array as a size: np.array(5) gives 5 uninitialized values.
def to_float32_tensor(a):
    return torch.Tensor(a)
