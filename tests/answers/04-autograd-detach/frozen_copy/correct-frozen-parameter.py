# Correct: a Parameter that does not require grad, holding an independent copy, is a frozen copy too.
def frozen_copy(p):
    return torch.nn.Parameter(p.detach().clone(), requires_grad=False)
