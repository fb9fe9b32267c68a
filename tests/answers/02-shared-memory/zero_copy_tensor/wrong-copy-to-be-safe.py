# Wrong: copying "to be safe" before from_numpy gives the tensor its own memory; the exercise asks for shared memory.
def zero_copy_tensor(a):
    return torch.from_numpy(a.copy())
