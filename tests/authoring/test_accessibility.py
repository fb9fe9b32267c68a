"""Lessons are readable by everyone: figures have a title, labelled axes and a text description
before them (their alt text), and lessons are organised by headings (JupyterLab's table of
contents shows them)."""

import re

import nbformat
import pytest
from grader.course import COURSE_ROOT

SOURCES = sorted(COURSE_ROOT.glob("solutions/*/*.ipynb"))


def drawing_code(notebook, cell) -> str:
    """The cell's code, plus the earlier cells defining functions it calls (plot helpers)."""
    called = set(re.findall(r"\b(\w+)\(", cell.source))
    helpers = [other.source for other in notebook.cells if other.cell_type == "code"
               and called & set(re.findall(r"^def (\w+)\(", other.source, re.MULTILINE))]
    return "\n".join([cell.source, *helpers])


def draws_a_figure(cell) -> bool:
    return cell.cell_type == "code" and ("plt.show()" in cell.source or any(
        "image/png" in output.get("data", {}) for output in cell.get("outputs", [])))


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.parent.name)
def test_every_figure_has_a_title_labelled_axes_and_a_description(path):
    notebook = nbformat.read(path, as_version=4)
    figures = [index for index, cell in enumerate(notebook.cells) if draws_a_figure(cell)]
    assert figures, f"{path.parent.name} has no figure"
    for index in figures:
        code, where = drawing_code(notebook, notebook.cells[index]), f"{path.parent.name} cell {index}"
        assert re.search(r"\.(set_title|suptitle|title)\(", code), f"{where}: no title"
        assert re.search(r"\.(set_xlabel|xlabel)\(", code), f"{where}: no x-axis label"
        assert re.search(r"\.(set_ylabel|ylabel)\(", code), f"{where}: no y-axis label"
        before = notebook.cells[index - 1]
        assert before.cell_type == "markdown" and len(before.source.split()) >= 12, (
            f"{where}: describe the figure in the markdown cell just before it (its alt text)")


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.parent.name)
def test_lesson_is_organised_by_headings(path):
    notebook = nbformat.read(path, as_version=4)
    headings = [line for cell in notebook.cells if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if re.match(r"#{1,3} ", line)]
    assert headings[0].startswith("# "), "the lesson starts with its title"
    assert sum(heading.startswith("## ") for heading in headings) >= 3, headings
