# Wrong: detach().clone() copies, so the array no longer shares memory with t.
def grad_safe_numpy(t):
    return t.detach().clone().numpy()
