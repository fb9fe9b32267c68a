# Wrong: torch.Tensor(a) is the legacy constructor and always makes float32, whatever the dtype of a.
def array_to_tensor(a):
    return torch.Tensor(a)
