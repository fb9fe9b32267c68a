# Correct: measures each expression on a fresh leaf, comparing storage pointers.
def graph_facts():
    expressions = {
        "detach": lambda t: t.detach(),
        "clone": lambda t: t.clone(),
        "detach_clone": lambda t: t.detach().clone(),
        "clone_detach": lambda t: t.clone().detach(),
    }
    facts = {}
    for name, expression in expressions.items():
        leaf = torch.randn(5, requires_grad=True)
        result = expression(leaf)
        facts[name] = {
            "shares_memory": result.untyped_storage().data_ptr() == leaf.untyped_storage().data_ptr(),
            "requires_grad": result.requires_grad,
        }
    return facts
