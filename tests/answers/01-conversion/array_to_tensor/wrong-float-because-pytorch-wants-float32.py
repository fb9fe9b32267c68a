# Wrong: converting to float32 "because PyTorch wants it" changes the dtype the exercise asks to keep.
def array_to_tensor(a):
    return torch.from_numpy(a).float()
