# Wrong: equal data pointers only mean "starts at the same byte"; a view at an offset (x[3:]) shares memory with another start.
def shares_memory(t, a):
    return t.data_ptr() == a.ctypes.data
