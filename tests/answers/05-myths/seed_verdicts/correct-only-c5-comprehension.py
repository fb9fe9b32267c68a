# Built with a comprehension: every claim is false except C5.
def seed_verdicts() -> dict:
    return {f"C{number}": number == 5 for number in range(1, 8)}
