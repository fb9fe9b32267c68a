# Wrong: detach() leaves the autograd graph but keeps the same storage; the array still shares memory with t.
def independent_array(t):
    return t.detach().numpy()
