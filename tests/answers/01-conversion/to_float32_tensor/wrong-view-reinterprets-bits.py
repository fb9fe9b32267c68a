# Wrong: .view(dtype) reinterprets the bytes instead of converting values (float64 [0.5] becomes two float32s).
def to_float32_tensor(a):
    return torch.from_numpy(a).view(torch.float32)
