# Correct: t.numpy() is a view of the tensor's memory; .copy() gives the array its own buffer, same dtype and shape.
def independent_array(t):
    return t.numpy().copy()
