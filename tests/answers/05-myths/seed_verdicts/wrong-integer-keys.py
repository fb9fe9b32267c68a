# Right verdicts keyed by claim number instead of the claim ids "C1" to "C7".
def seed_verdicts() -> dict:
    return {number: number == 5 for number in range(1, 8)}
