# Correct: .numpy() under torch.no_grad() shares, and np.copy makes the independent copy.
def snapshot(t):
    with torch.no_grad():
        return np.copy(t.numpy())
