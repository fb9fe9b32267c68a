# Wrong: .data is a detached tensor over p's own storage, not a copy.
def frozen_copy(p):
    return p.data
