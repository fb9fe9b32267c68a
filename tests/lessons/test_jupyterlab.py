"""The JupyterLab that `make lab` starts has nbgrader's student and instructor extensions."""

import re
import subprocess
import sys

NBGRADER_SERVER_EXTENSIONS = ["validate_assignment", "assignment_list", "course_list", "formgrader"]


def jupyter(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "jupyter", *args], capture_output=True,
                          text=True, check=True)
    return re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)  # drop colours


def test_nbgrader_server_extensions_are_enabled_and_load():
    listing = jupyter("server", "extension", "list")
    for extension in NBGRADER_SERVER_EXTENSIONS:
        assert re.search(rf"nbgrader\.server_extensions\.{extension} enabled", listing), listing
        assert re.search(rf"nbgrader\.server_extensions\.{extension}\s+OK", listing), listing


def test_nbgrader_lab_extension_is_enabled_and_compatible():
    listing = jupyter("labextension", "list")
    assert re.search(r"@jupyter/nbgrader v\S+ enabled OK", listing), listing
