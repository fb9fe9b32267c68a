# Wrong: t.numpy() is a view of the tensor's memory, not a copy: a change to t shows in the array.
def independent_array(t):
    return t.numpy()
