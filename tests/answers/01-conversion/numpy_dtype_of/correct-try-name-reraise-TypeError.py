# Correct: look the name up on the numpy module and turn a miss into the TypeError the contract asks for.
def numpy_dtype_of(dtype):
    name = str(dtype).split(".")[-1]
    scalar_type = getattr(np, name, None)
    if not (isinstance(scalar_type, type) and issubclass(scalar_type, np.generic)):
        raise TypeError(f"NumPy cannot represent {dtype}")
    return np.dtype(scalar_type)
