# Wrong: torch.zeros cannot fill a quantized dtype and raises NotImplementedError for quint8, not TypeError.
def numpy_dtype_of(dtype):
    return torch.zeros(1, dtype=dtype).numpy().dtype
