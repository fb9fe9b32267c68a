# Correct: detach() leaves the graph, clone() copies the data: independent and frozen.
def frozen_copy(p):
    return p.detach().clone()
