# Trusts the tutorial: every claim it makes is taken to hold.
def seed_verdicts() -> dict:
    return {f"C{number}": True for number in range(1, 8)}
