# Wrong: np.float32 is a scalar type (a class), not an np.dtype instance; np.dtype(np.float32) is.
def numpy_dtype_of(dtype):
    return getattr(np, str(dtype).removeprefix("torch."))
