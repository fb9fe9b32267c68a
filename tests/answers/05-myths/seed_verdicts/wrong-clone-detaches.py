# Believes clone() leaves the autograd graph like detach() (C3).
def seed_verdicts() -> dict:
    return {"C1": False, "C2": False, "C3": True, "C4": False,
            "C5": True, "C6": False, "C7": False}
