# Wrong: numpy(force=True) only forces the conversion; on a CPU tensor it still shares memory.
def snapshot(t):
    return t.numpy(force=True)
