# Wrong: np.may_share_memory compares bounds only, so interleaved slices such as x[::2] and x[1::2] come out True.
def shares_memory(t, a):
    return np.may_share_memory(t.numpy(), a)
