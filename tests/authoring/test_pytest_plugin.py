"""grader.authoring.pytest_plugin: CUDA-only cells and tests skip with a reason, or fail with REQUIRE_CUDA=1.

Each case runs pytest in a subprocess on a tiny notebook and test file, with CUDA hidden from the
plugin, so the outcome is the same on a CPU machine and on a CUDA runner.
"""

import nbformat
import pytest

HIDE_CUDA = "import torch\ntorch.cuda.is_available = lambda: False\n"


@pytest.fixture
def project(pytester):
    pytester.makeconftest(HIDE_CUDA)
    pytester.makepyfile(test_gpu="""
        import pytest

        @pytest.mark.cuda
        def test_needs_gpu():
            pass

        def test_runs_anywhere():
            pass
    """)
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("import torch\ntorch.ones(1, device='cuda')",
                                  metadata={"tags": ["requires-cuda"]}),
        nbformat.v4.new_code_cell("x + 1"),
    ])
    nbformat.write(notebook, pytester.path / "lesson.ipynb")
    return pytester


def run(project, monkeypatch, require_cuda):
    if require_cuda:
        monkeypatch.setenv("REQUIRE_CUDA", "1")
    else:
        monkeypatch.delenv("REQUIRE_CUDA", raising=False)
    return project.runpytest_subprocess("-p", "grader.authoring.pytest_plugin", "--nbval-lax",
                                        "--nbval-current-env", "-rs", "-p", "no:cacheprovider")


def test_cuda_items_are_skipped_with_a_reason_without_cuda(project, monkeypatch):
    result = run(project, monkeypatch, require_cuda=False)
    result.assert_outcomes(passed=3, skipped=2)
    result.stdout.fnmatch_lines(["*needs a CUDA device; run on a CUDA runner with REQUIRE_CUDA=1*"])


def test_cuda_items_fail_without_cuda_when_required(project, monkeypatch):
    result = run(project, monkeypatch, require_cuda=True)
    result.assert_outcomes(passed=3, errors=2)
    result.stdout.fnmatch_lines(["*REQUIRE_CUDA=1 but PyTorch sees no CUDA device*"])
