# Wrong: equal values do not mean shared memory; torch.tensor(x) equals x but is a copy.
def shares_memory(t, a):
    return t.shape == a.shape and bool(np.array_equal(t.numpy(), a))
