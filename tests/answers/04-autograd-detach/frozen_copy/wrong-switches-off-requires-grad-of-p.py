# Wrong: switching off p.requires_grad makes the clone frozen, but freezes the parameter p too.
def frozen_copy(p):
    if p.is_leaf:
        p.requires_grad_(False)
    return p.clone()
