# Correct: as_tensor keeps the NumPy dtype and shape (and shares memory when it can).
def array_to_tensor(a):
    return torch.as_tensor(a)
