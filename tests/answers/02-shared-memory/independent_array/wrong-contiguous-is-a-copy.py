# Wrong: contiguous() copies only a non-contiguous tensor; for a contiguous one it returns t itself, shared.
def independent_array(t):
    return t.contiguous().numpy()
