# Correct: np.from_dlpack(t) also views a CPU tensor's memory without a copy; bool() makes the answer a Python bool.
def shares_memory(t: torch.Tensor, a: np.ndarray) -> bool:
    return bool(np.shares_memory(np.from_dlpack(t), a, max_work=None))
