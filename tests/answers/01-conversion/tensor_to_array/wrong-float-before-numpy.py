# Wrong: casting with .float() "for NumPy" turns int32, bool, float16 ... tensors into float32 arrays.
def tensor_to_array(t):
    return t.float().numpy()
