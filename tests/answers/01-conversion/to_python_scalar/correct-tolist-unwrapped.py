# Correct: .tolist() yields Python int/float/bool (bfloat16 too); unwrap the nested one-element lists.
def to_python_scalar(t):
    value = t.detach().tolist()
    while isinstance(value, list):
        value = value[0]
    return value
