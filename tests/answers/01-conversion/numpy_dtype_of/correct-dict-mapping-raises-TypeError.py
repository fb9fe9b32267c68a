# Correct: an explicit table of the dtypes NumPy shares with torch; anything else raises TypeError.
_TORCH_TO_NUMPY = {
    torch.bool: np.dtype(np.bool_),
    torch.uint8: np.dtype(np.uint8), torch.uint16: np.dtype(np.uint16),
    torch.uint32: np.dtype(np.uint32), torch.uint64: np.dtype(np.uint64),
    torch.int8: np.dtype(np.int8), torch.int16: np.dtype(np.int16),
    torch.int32: np.dtype(np.int32), torch.int64: np.dtype(np.int64),
    torch.float16: np.dtype(np.float16), torch.float32: np.dtype(np.float32),
    torch.float64: np.dtype(np.float64),
    torch.complex64: np.dtype(np.complex64), torch.complex128: np.dtype(np.complex128),
}


def numpy_dtype_of(dtype):
    if dtype not in _TORCH_TO_NUMPY:
        raise TypeError(f"NumPy has no dtype for {dtype}")
    return _TORCH_TO_NUMPY[dtype]
