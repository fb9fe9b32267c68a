"""The exporter of feedback pages: nbgrader's HTML export, with the course's template.

The template (templates/course_feedback/) is nbgrader's feedback page with each exercise named in
its table of contents. It extends nbgrader's own template by name ('feedback/index.html.j2'),
which nbconvert finds only in a folder it searches by name: this exporter adds nbgrader's template
folder to those (`template_data_paths`, which nbconvert does not take from configuration).
`nbgrader_config.py` makes it the exporter of `nbgrader generate_feedback`.
"""

import os

import nbgrader
from jupyter_core.paths import jupyter_path
from nbconvert import HTMLExporter
from traitlets import default

NBGRADER_TEMPLATES = os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions",
                                  "formgrader", "templates")
COURSE_TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")


class FeedbackExporter(HTMLExporter):
    @default("template_data_paths")
    def _template_data_paths_default(self):
        return [*jupyter_path("nbconvert", "templates"), NBGRADER_TEMPLATES]
