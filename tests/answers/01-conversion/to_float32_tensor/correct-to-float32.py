# Correct: keep the dtype first, then .to(torch.float32); shape and values unchanged.
def to_float32_tensor(a):
    return torch.as_tensor(a).to(torch.float32)
