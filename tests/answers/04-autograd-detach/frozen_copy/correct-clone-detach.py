# Correct: the other order gives the same result (the clone is recorded, then detached).
def frozen_copy(p):
    return p.clone().detach()
