# Correct: measures sharing by writing through the result and looking at the leaf.
def graph_facts():
    facts = {}
    for name in ("detach", "clone", "detach_clone", "clone_detach"):
        leaf = torch.zeros(3, requires_grad=True)
        result = leaf
        for method in name.split("_"):
            result = getattr(result, method)()
        requires_grad = result.requires_grad
        with torch.no_grad():
            result[0] = 7.0
        facts[name] = {"shares_memory": leaf[0].item() == 7.0, "requires_grad": requires_grad}
    return facts
