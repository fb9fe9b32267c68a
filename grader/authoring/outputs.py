"""Re-execute the instructor sources and store their outputs: `make outputs`.

nbval later re-runs the same notebooks and compares against what is stored here, so the stored
outputs must be reproducible: each notebook runs in a fresh kernel, in its own folder, exactly as
nbval runs it (a lesson with random demonstrations seeds them in its first cell), and the run fails
when an output holds something that varies from run to run or machine to machine (addresses,
paths, warnings) outside a cell tagged for nbval to ignore.
"""

import argparse
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from grader.authoring.pytest_plugin import CUDA_CELL_TAG
from grader.course import COURSE_ROOT

# Tags under which nbval ignores or skips a cell's output; such cells may vary freely.
VARYING_OUTPUT_TAGS = {"nbval-ignore-output", "nbval-skip", "requires-cuda"}

UNSTABLE_PATTERNS = {
    "a memory address": re.compile(r"0x[0-9a-fA-F]{6,}"),
    "an absolute path": re.compile(r"(?<![\w.])/(?:home|root|tmp|usr|work|Users|opt|var)/"),
    "a process id": re.compile(r"\bpid\b", re.IGNORECASE),
}


def output_problems(notebook) -> list[str]:
    """Describe every stored output that would not reproduce: one string per problem."""
    problems = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or VARYING_OUTPUT_TAGS & set(cell.metadata.get("tags", [])):
            continue
        where = f"cell {index} (id {cell.get('id')})"
        for output in cell.get("outputs", []):
            if output.output_type == "stream" and output.name == "stderr":
                problems.append(f"{where} writes to stderr (a warning?): {output.text[:200]!r}")
            if output.output_type == "error":
                problems.append(f"{where} raises {output.ename}: catch the exception and print "
                                "its message, so the stored output holds no traceback paths")
            texts = [output.get("text", "")]
            texts += [value for key, value in output.get("data", {}).items()
                      if key.startswith("text/")]
            for text in texts:
                text = "".join(text) if isinstance(text, list) else text
                for name, pattern in UNSTABLE_PATTERNS.items():
                    if match := pattern.search(text):
                        problems.append(f"{where} output contains {name}: {match.group(0)!r}")
    return problems


def execute(path: Path, timeout: int = 600) -> list[str]:
    """Execute the notebook at `path` in place, in its own folder; return its output problems.

    Cells tagged `requires-cuda` run only where PyTorch has CUDA; elsewhere they keep no output,
    as nbval skips them there.
    """
    import torch  # only to know whether CUDA-only cells can run here

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            if CUDA_CELL_TAG in cell.metadata.get("tags", []) and not torch.cuda.is_available():
                cell.outputs, cell.execution_count = [], None
            else:
                client.execute_cell(cell, index)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)  # timings written by older runs
    # The kernel writes its exact Python version here, which differs between machines.
    notebook.metadata["language_info"] = {"name": "python"}
    nbformat.write(notebook, path)
    return output_problems(notebook)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to execute (default: every solutions/*/*.ipynb)")
    paths = parser.parse_args(argv).notebooks or sorted(COURSE_ROOT.glob("solutions/*/*.ipynb"))
    failed = False
    for path in paths:
        print(f"executing {path} ...", flush=True)
        for problem in execute(path.resolve()):
            failed = True
            print(f"  not reproducible: {problem}")
    if failed:
        sys.exit("Fix the cells above (or tag them nbval-ignore-output) and run this again.")


if __name__ == "__main__":
    main()
