# Wrong: believes detach() makes a copy of the data.
def graph_facts():
    return {
        "detach": {"shares_memory": False, "requires_grad": False},
        "clone": {"shares_memory": False, "requires_grad": True},
        "detach_clone": {"shares_memory": False, "requires_grad": False},
        "clone_detach": {"shares_memory": False, "requires_grad": False},
    }
