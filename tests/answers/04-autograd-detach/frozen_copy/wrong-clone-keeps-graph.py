# Wrong: believes clone() detaches like detach(); the clone requires grad and has grad_fn CloneBackward0.
def frozen_copy(p):
    return p.clone()
