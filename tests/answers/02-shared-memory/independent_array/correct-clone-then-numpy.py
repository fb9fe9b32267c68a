# Correct: clone() copies on the PyTorch side, and .numpy() of that new tensor shares only with the clone.
def independent_array(t: torch.Tensor) -> np.ndarray:
    return t.clone().numpy()
