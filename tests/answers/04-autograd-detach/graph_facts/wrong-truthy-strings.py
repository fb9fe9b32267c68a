# Wrong: "yes"/"no" strings instead of Python bools (and "no" is truthy).
def graph_facts():
    return {
        "detach": {"shares_memory": "yes", "requires_grad": "no"},
        "clone": {"shares_memory": "no", "requires_grad": "yes"},
        "detach_clone": {"shares_memory": "no", "requires_grad": "no"},
        "clone_detach": {"shares_memory": "no", "requires_grad": "no"},
    }
