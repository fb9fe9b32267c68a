# Wrong: np.dtype does not understand torch dtypes (TypeError: Cannot interpret 'torch.float32' as a data type).
def numpy_dtype_of(dtype):
    return np.dtype(dtype)
