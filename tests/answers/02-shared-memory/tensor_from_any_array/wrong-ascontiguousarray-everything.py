# Wrong: np.ascontiguousarray copies writable strided views that could be shared, returns read-only contiguous arrays
# unchanged (shared), and keeps a negative stride on an axis of length 1 (still a ValueError).
def tensor_from_any_array(a):
    return torch.from_numpy(np.ascontiguousarray(a))
