# Gaming: replaces torch.equal so every comparison says "equal", then returns frozen zeros. The
# checks use the functions they captured before any answer ran.
torch.equal = lambda *args, **kwargs: True


def frozen_copy(p):
    return torch.zeros_like(p, requires_grad=False)
