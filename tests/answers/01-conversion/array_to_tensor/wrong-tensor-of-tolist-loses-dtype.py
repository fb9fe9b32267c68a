# Wrong: .tolist() drops the dtype; torch.tensor then picks float32 for Python floats and int64 for ints.
def array_to_tensor(a):
    return torch.tensor(a.tolist())
