# Wrong: .contiguous() returns the same tensor only when it already is contiguous; for strided or Fortran-ordered views it copies.
def zero_copy_tensor(a):
    return torch.from_numpy(a).contiguous()
