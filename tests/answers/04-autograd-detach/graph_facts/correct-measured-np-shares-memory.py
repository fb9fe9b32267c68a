# Correct: measures sharing with np.shares_memory on arrays taken under torch.no_grad().
def measure(expression):
    leaf = torch.zeros(2, 3, requires_grad=True)
    result = expression(leaf)
    with torch.no_grad():
        shares = np.shares_memory(result.numpy(), leaf.numpy())
    return {"shares_memory": bool(shares), "requires_grad": bool(result.requires_grad)}


def graph_facts():
    return {
        "detach": measure(torch.Tensor.detach),
        "clone": measure(torch.Tensor.clone),
        "detach_clone": measure(lambda t: t.detach().clone()),
        "clone_detach": measure(lambda t: t.clone().detach()),
    }
