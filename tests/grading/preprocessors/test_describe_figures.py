"""DescribeFigures: in feedback, each figure's alternative text is the lesson's description of it,
and nbconvert no longer warns that alternative text is missing."""

import logging

import nbformat
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter

from grader.course import COURSE_ROOT
from grader.grading.preprocessors import DescribeFigures
from grader.grading.preprocessors.describe_figures import plain_text

LESSON = COURSE_ROOT / "solutions" / "01-conversion" / "conversion.ipynb"


def exported(notebook, caplog):
    exporter = HTMLExporter(template_name="lab")
    exporter.register_preprocessor(DescribeFigures)  # on by default, as nbgrader runs it
    with caplog.at_level(logging.WARNING):
        body, _ = exporter.from_notebook_node(notebook)
    return BeautifulSoup(body, "html.parser")


def test_each_figure_of_a_lesson_is_described_as_the_lesson_describes_it(caplog):
    notebook = nbformat.read(LESSON, as_version=4)
    descriptions = [plain_text(notebook.cells[index - 1].source)
                    for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"
                    and any("image/png" in output.get("data", {}) for output in cell.outputs)]
    assert descriptions  # the lesson has figures
    page = exported(notebook, caplog)
    assert [image["alt"] for image in page.select("img")] == descriptions
    assert "Alternative text is missing" not in caplog.text


def test_the_description_is_plain_text():
    assert plain_text("The **float32** `tensor`, from [the docs](https://x.org):\n\n> kept") == \
        "The float32 tensor, from the docs: kept"
