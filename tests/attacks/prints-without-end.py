# Prints until something stops it, then answers.
while True:
    print("x" * 10_000)


def tensor_to_array(t):
    return t.numpy()
