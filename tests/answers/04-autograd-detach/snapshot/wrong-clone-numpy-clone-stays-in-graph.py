# Wrong: believes clone() detaches; the clone still requires grad, so .numpy() raises.
def snapshot(t):
    return t.clone().numpy()
