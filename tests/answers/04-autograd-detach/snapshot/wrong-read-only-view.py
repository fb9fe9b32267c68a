# Wrong: a read-only flag stops writes through the array, not writes into the tensor behind it.
def snapshot(t):
    view = t.detach().numpy()
    view.flags.writeable = False
    return view
