# Correct: t.numpy() views the tensor's memory and np.shares_memory answers exactly (not bounds only); it returns a bool.
def shares_memory(t, a):
    return np.shares_memory(t.numpy(), a)
