# Believes NumPy starts its own copy once the shared array has been changed a lot (C1).
def seed_verdicts() -> dict:
    return {"C1": True, "C2": False, "C3": False, "C4": False,
            "C5": True, "C6": False, "C7": False}
