# Believes .to("cpu") always copies, even a tensor already on the CPU (C7).
def seed_verdicts() -> dict:
    return {"C1": False, "C2": False, "C3": False, "C4": False,
            "C5": True, "C6": False, "C7": True}
