# Waits forever, then answers.
import time

time.sleep(10**9)


def tensor_to_array(t):
    return t.numpy()
