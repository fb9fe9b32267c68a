# Wrong: np.ascontiguousarray returns an array with ndim >= 1, so a 0-d array comes back with shape (1,).
def array_to_tensor(a):
    return torch.from_numpy(np.ascontiguousarray(a))
