# Wrong: flags.c_contiguous is True for (1, 2, 3)[::-1], whose stride on the length-1 axis is negative, and False
# for writable strided views that from_numpy could share.
def tensor_from_any_array(a):
    if a.flags.c_contiguous and a.flags.writeable:
        return torch.from_numpy(a)
    return torch.from_numpy(a.copy())
