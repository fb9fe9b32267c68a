# Wrong: detach() leaves the graph but shares p's storage, so training p changes the "copy".
def frozen_copy(p):
    return p.detach()
