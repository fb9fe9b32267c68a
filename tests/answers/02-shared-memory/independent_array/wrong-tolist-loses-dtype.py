# Wrong: going through Python lists is independent, but float32 comes back float64 and int32 comes back int64.
def independent_array(t):
    return np.array(t.tolist())
