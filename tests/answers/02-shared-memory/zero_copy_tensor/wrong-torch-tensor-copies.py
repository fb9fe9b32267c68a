# Wrong: torch.tensor(a) always copies, so writes no longer travel between the tensor and the array.
def zero_copy_tensor(a):
    return torch.tensor(a)
