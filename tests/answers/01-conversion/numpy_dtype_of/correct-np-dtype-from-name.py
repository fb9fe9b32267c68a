# Correct: torch and NumPy share the names of common dtypes; np.dtype raises TypeError for names it lacks (bfloat16, float8_*, quint8).
def numpy_dtype_of(dtype):
    return np.dtype(str(dtype).removeprefix("torch."))
