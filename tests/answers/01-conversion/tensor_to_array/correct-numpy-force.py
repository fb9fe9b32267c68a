# Correct: numpy(force=True) = detach().cpu().resolve_conj().resolve_neg().numpy(); same dtype, shape, values.
def tensor_to_array(t):
    return t.numpy(force=True)
