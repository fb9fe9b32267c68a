# Correct: .float() casts to torch.float32 (a copy for non-float32 input), keeping shape and values.
def to_float32_tensor(a):
    return torch.from_numpy(a).float()
