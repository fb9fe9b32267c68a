# Correct: torch.tensor(p) copies and detaches, keeping the dtype; its UserWarning must not cost the point.
def frozen_copy(p):
    return torch.tensor(p)
