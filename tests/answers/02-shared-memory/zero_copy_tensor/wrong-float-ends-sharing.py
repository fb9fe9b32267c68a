# Wrong: .float() converts to float32, and a dtype change is a copy: sharing ends silently (and the dtype is wrong).
def zero_copy_tensor(a):
    return torch.from_numpy(a).float()
