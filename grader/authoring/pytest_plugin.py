"""pytest plugin: CUDA-only tests and notebook cells run where CUDA is, and only there.

A test marked `@pytest.mark.cuda`, or a notebook cell tagged `requires-cuda` (collected by nbval),
is skipped with a reason where PyTorch sees no CUDA device. With REQUIRE_CUDA=1 in the environment
it fails instead, so a CUDA runner that lost its GPU cannot pass by skipping everything that
matters. Loaded by the `-p grader.authoring.pytest_plugin` option in pyproject.toml.
"""

import os

import pytest

CUDA_CELL_TAG = "requires-cuda"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "cuda: needs a CUDA device (skipped without one; failed if REQUIRE_CUDA=1)")


def needs_cuda(item) -> bool:
    if item.get_closest_marker("cuda"):
        return True
    cell = getattr(item, "cell", None)  # nbval's notebook cell items carry their cell
    return cell is not None and CUDA_CELL_TAG in cell.get("metadata", {}).get("tags", [])


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if not needs_cuda(item):
        return
    import torch  # only when a CUDA item runs: the plugin loads in every pytest process

    if torch.cuda.is_available():
        return
    if os.environ.get("REQUIRE_CUDA") == "1":
        pytest.fail("REQUIRE_CUDA=1 but PyTorch sees no CUDA device "
                    f"(torch {torch.__version__}, CUDA build: {torch.version.cuda or 'no'}): "
                    "check nvidia-smi and that the CUDA build of torch is installed", pytrace=False)
    pytest.skip("needs a CUDA device; run on a CUDA runner with REQUIRE_CUDA=1 to require it")
