# Believes .numpy() refuses a tensor that requires grad even inside torch.no_grad() (C6).
def seed_verdicts() -> dict:
    return {"C1": False, "C2": False, "C3": False, "C4": False,
            "C5": True, "C6": True, "C7": False}
