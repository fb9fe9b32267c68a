# Wrong: believes a detach() at the end means the result shares the leaf's memory.
def graph_facts():
    return {
        "detach": {"shares_memory": True, "requires_grad": False},
        "clone": {"shares_memory": False, "requires_grad": True},
        "detach_clone": {"shares_memory": False, "requires_grad": False},
        "clone_detach": {"shares_memory": True, "requires_grad": False},
    }
