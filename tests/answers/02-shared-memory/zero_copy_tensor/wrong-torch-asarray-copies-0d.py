# Wrong: torch.asarray shares most arrays but silently copies a 0-d array (torch 2.13, even with copy=False).
def zero_copy_tensor(a):
    return torch.asarray(a)
