# Wrong: going through Python lists loses the dtype (int32 becomes int64, float32 becomes float64).
def tensor_to_array(t):
    return np.array(t.tolist())
