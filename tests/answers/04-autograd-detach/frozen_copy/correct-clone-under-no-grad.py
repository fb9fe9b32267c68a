# Correct: under torch.no_grad() nothing is recorded, so the clone does not require grad.
def frozen_copy(p):
    with torch.no_grad():
        return p.clone()
