"""`DescribeFigures`: figures in feedback carry the description the lesson gives them.

Each lesson describes every figure in the markdown cell just before it (tests/authoring/
test_accessibility.py holds the lessons to it), but nbconvert's HTML templates give an image no
alternative text of its own: they put a placeholder on every one and warn "Alternative text is
missing" while feedback is generated. In the feedback pipeline (`c.GenerateFeedback.preprocessors`)
this step turns each PNG output into the same image as HTML, with that description as its `alt`.
"""

import html
import re

from nbconvert.preprocessors import Preprocessor
from traitlets import List, default

MARKDOWN_SYMBOLS = re.compile(r"[*_`#>]|\[([^\]]*)\]\([^)]*\)")


def plain_text(markdown: str) -> str:
    """`markdown` as one line of text: emphasis, code marks and headings dropped, links as text."""
    text = MARKDOWN_SYMBOLS.sub(lambda match: match.group(1) or "", markdown)
    return " ".join(text.split())


class DescribeFigures(Preprocessor):
    """Give each PNG output the text of the markdown cell before its cell as alternative text."""

    # The HTML exporter configures this for every step (see HideHiddenTests).
    display_data_priority = List(["text/html", "image/png", "text/plain"]).tag(config=True)

    @default("enabled")
    def _enabled_by_default(self):
        return True  # nbconvert's steps are off unless enabled; nbgrader's pipelines expect on

    def preprocess(self, nb, resources):
        description = ""
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                description = plain_text(cell.source)
            elif cell.cell_type == "code":
                for output in cell.get("outputs", []):
                    png = output.get("data", {}).pop("image/png", None)
                    if png is not None:
                        output.data["text/html"] = (
                            f'<img src="data:image/png;base64,{"".join(png.split())}" '
                            f'alt="{html.escape(description or "a figure")}">')
        return nb, resources
