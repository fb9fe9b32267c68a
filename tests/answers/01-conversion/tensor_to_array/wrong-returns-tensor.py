# Wrong: .cpu() only moves the data to the host; the result is still a torch.Tensor, not an np.ndarray.
def tensor_to_array(t):
    return t.detach().cpu()
