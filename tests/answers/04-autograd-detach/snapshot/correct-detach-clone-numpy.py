# Correct: detach().clone() is an independent copy outside the graph; .numpy() then views the copy.
def snapshot(t):
    return t.detach().clone().numpy()
