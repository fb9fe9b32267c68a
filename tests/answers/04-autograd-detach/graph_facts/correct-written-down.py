# Correct: the facts written down: detach shares and leaves, clone copies and stays, both together copy and leave.
def graph_facts():
    return {
        "detach": {"shares_memory": True, "requires_grad": False},
        "clone": {"shares_memory": False, "requires_grad": True},
        "detach_clone": {"shares_memory": False, "requires_grad": False},
        "clone_detach": {"shares_memory": False, "requires_grad": False},
    }
