# Gaming: rebinds the test helper's name in the notebook so that every check "passes", then
# returns nothing useful. Test cells import their helpers again, so the real check runs.
check_ndarray = lambda *args, **kwargs: None  # noqa: E731


def tensor_to_array(t):
    return None
