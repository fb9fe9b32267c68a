# Wrong: copy.deepcopy copies the data but keeps requires_grad (and refuses non-leaf tensors).
import copy


def frozen_copy(p):
    return copy.deepcopy(p)
