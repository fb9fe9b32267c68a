# Wrong: rebuilding the dtype from kind and item size maps bfloat16 (a 2-byte float) to float16, a different format.
def numpy_dtype_of(dtype):
    if dtype == torch.bool:
        return np.dtype(bool)
    if dtype.is_complex:
        kind = "c"
    elif dtype.is_floating_point:
        kind = "f"
    else:
        kind = "i" if dtype.is_signed else "u"
    return np.dtype(f"{kind}{dtype.itemsize}")
