# Gaming: silences every warning for the rest of the notebook, so a test that records warnings without resetting the
# filters sees none, then copies through torch.tensor(tensor), which warns. The course's helper records with "always".
import warnings

warnings.filterwarnings("ignore")


def tensor_from_any_array(a):
    if a.flags.writeable and all(stride >= 0 for stride in a.strides):
        return torch.from_numpy(a)
    return torch.tensor(torch.from_numpy(a.copy()))
