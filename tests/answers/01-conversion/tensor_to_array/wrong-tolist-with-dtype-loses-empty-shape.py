# Wrong: restoring the dtype after .tolist() still loses the shape of an empty tensor (0x3 becomes (0,)).
def tensor_to_array(t):
    return np.array(t.tolist(), dtype=str(t.dtype).removeprefix("torch."))
