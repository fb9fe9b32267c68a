# Wrong: torch.set_grad_enabled(False) outside a with-block switches gradient recording off for good.
def grad_safe_numpy(t):
    torch.set_grad_enabled(False)
    return t.numpy()
