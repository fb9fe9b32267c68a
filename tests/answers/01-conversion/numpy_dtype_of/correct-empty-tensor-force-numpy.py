# Correct: an empty tensor of that dtype through NumPy; numpy(force=True) raises TypeError for dtypes NumPy lacks.
def numpy_dtype_of(dtype):
    return np.asarray(torch.empty(0, dtype=dtype).numpy(force=True)).dtype
