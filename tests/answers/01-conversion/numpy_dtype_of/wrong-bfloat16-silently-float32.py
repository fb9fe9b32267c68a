# Wrong: NumPy has no bfloat16; mapping it to float32 substitutes another dtype instead of raising TypeError.
_TORCH_TO_NUMPY = {
    torch.bool: np.dtype(bool), torch.uint8: np.dtype(np.uint8), torch.uint16: np.dtype(np.uint16),
    torch.int8: np.dtype(np.int8), torch.int16: np.dtype(np.int16),
    torch.int32: np.dtype(np.int32), torch.int64: np.dtype(np.int64),
    torch.float16: np.dtype(np.float16), torch.bfloat16: np.dtype(np.float32),
    torch.float32: np.dtype(np.float32), torch.float64: np.dtype(np.float64),
    torch.complex64: np.dtype(np.complex64), torch.complex128: np.dtype(np.complex128),
}


def numpy_dtype_of(dtype):
    if dtype not in _TORCH_TO_NUMPY:
        raise TypeError(f"NumPy has no dtype for {dtype}")
    return _TORCH_TO_NUMPY[dtype]
