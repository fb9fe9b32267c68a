# Wrong: the common claim that clone() leaves the graph like detach() does.
def graph_facts():
    return {
        "detach": {"shares_memory": True, "requires_grad": False},
        "clone": {"shares_memory": False, "requires_grad": False},
        "detach_clone": {"shares_memory": False, "requires_grad": False},
        "clone_detach": {"shares_memory": False, "requires_grad": False},
    }
