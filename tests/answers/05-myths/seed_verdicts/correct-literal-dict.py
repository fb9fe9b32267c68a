# The verdicts written out: only C5 (.numpy() refuses a CUDA tensor) holds.
def seed_verdicts() -> dict:
    return {"C1": False, "C2": False, "C3": False, "C4": False,
            "C5": True, "C6": False, "C7": False}
