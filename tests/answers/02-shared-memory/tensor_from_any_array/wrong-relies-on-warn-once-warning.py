# Wrong: turns from_numpy's read-only UserWarning into an error to decide when to copy, but PyTorch emits that warning
# once per process, so later read-only arrays are shared silently.
import warnings


def tensor_from_any_array(a):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return torch.from_numpy(a)
        except (ValueError, UserWarning):
            return torch.from_numpy(a.copy())
