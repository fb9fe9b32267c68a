# Wrong: "write through one, look at the other" is a consequence of sharing, not an exact test: adding 1 to a
# float64 changes only some of its bytes, so an array over the other bytes sees nothing.
def shares_memory(t, a):
    before = a.copy()
    t += 1
    changed = not np.array_equal(a, before)
    t -= 1
    return changed
