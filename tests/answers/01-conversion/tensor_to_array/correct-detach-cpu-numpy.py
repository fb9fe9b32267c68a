# Correct: the defensive chain; detach() and cpu() are no-ops on a CPU tensor without grad.
def tensor_to_array(t: torch.Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()
