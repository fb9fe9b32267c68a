# Right verdicts, but computed with NumPy: the values are np.bool_, not Python bools.
def seed_verdicts() -> dict:
    holds = np.arange(1, 8) == 5
    return dict(zip(["C1", "C2", "C3", "C4", "C5", "C6", "C7"], holds))
