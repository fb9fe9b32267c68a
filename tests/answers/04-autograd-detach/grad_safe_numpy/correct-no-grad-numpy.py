# Correct: inside torch.no_grad(), .numpy() accepts a tensor that requires grad and shares its memory.
def grad_safe_numpy(t):
    with torch.no_grad():
        return t.numpy()
