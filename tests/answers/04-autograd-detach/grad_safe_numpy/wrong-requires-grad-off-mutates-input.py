# Wrong: switching off t's requires_grad lets .numpy() work but changes t (a parameter would stop training).
def grad_safe_numpy(t):
    if t.requires_grad:
        t.requires_grad_(False)
    return t.numpy()
