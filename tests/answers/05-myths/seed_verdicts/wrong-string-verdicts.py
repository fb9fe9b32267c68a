# Right verdicts written as strings: "False" is a non-empty string, so it is even truthy.
def seed_verdicts() -> dict:
    return {"C1": "False", "C2": "False", "C3": "False", "C4": "False",
            "C5": "True", "C6": "False", "C7": "False"}
