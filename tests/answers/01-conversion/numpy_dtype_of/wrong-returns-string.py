# Wrong: a dtype name such as "float32" is a string, not an np.dtype instance.
def numpy_dtype_of(dtype):
    return str(dtype).removeprefix("torch.")
