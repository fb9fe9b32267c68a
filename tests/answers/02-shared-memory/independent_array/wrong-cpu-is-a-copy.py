# Wrong: on a CPU tensor, t.cpu() returns t itself (no copy), so the array shares memory with t.
def independent_array(t):
    return t.cpu().numpy()
