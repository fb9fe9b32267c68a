# Starts from "all false" and marks the one claim that holds.
def seed_verdicts() -> dict:
    verdicts = dict.fromkeys(["C1", "C2", "C3", "C4", "C5", "C6", "C7"], False)
    verdicts["C5"] = True
    return verdicts
