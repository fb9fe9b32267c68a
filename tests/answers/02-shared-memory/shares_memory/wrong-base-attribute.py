# Wrong: a.base only says whether a is a view of something, not of what; an array that owns its memory can still be shared by a tensor.
def shares_memory(t, a):
    return a.base is not None
