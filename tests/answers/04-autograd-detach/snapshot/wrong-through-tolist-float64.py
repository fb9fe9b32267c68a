# Wrong: .tolist() makes Python floats, so the copy is float64 whatever the tensor's dtype was.
def snapshot(t):
    return np.array(t.tolist())
