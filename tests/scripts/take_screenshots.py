"""Regenerate the README's screenshots: `make screenshots` (needs Debian's chromium).

Runs the same browser flow as tests/lessons/test_browser.py on a throwaway copy of the course and writes
PNG files into docs/screenshots/.
"""

import sys
import tempfile
from pathlib import Path

from grader.course import COURSE_ROOT
from grader.grading.autograde import autograde
from grader.grading.report import report

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for its support helpers
from support.browser import CHROMIUM, Lab, chromium_page, course_server  # noqa: E402
from support.class_scenarios import LESSON, submit_class, synthetic_class  # noqa: E402

OUT = COURSE_ROOT / "docs" / "screenshots"


def cell_with_id(lab: Lab, cell_id: str) -> int:
    return next(index for index, cell in enumerate(lab.notebook.cells) if cell.get("id") == cell_id)


def main():
    if CHROMIUM is None:
        sys.exit("Chromium is not installed: `sudo apt-get install chromium`, then run this again.")
    OUT.mkdir(parents=True, exist_ok=True)
    # The instructor's JupyterLab, since the last screenshot is formgrader's.
    with tempfile.TemporaryDirectory() as root, \
            course_server(Path(root), instructor=True) as (url, token), chromium_page() as page:
        lab = Lab(page, url, token, Path(root))
        lab.open("work/01-conversion/conversion.ipynb")
        lab.run_every_cell()
        figure = lab.cells.nth(cell_with_id(lab, "precision-figure"))
        figure.scroll_into_view_if_needed()
        page.screenshot(path=OUT / "lesson-figure.png")
        print("wrote docs/screenshots/lesson-figure.png")

        answer = lab.cell_index("tensor_to_array")
        lab.replace_cell_source(answer, "def tensor_to_array(t):\n    return t.numpy()\n")
        lab.run_cell(answer)
        test = lab.cell_index("test_tensor_to_array")
        lab.run_cell(test)
        lab.cells.nth(answer).scroll_into_view_if_needed()
        page.screenshot(path=OUT / "visible-test-passes.png")
        print("wrote docs/screenshots/visible-test-passes.png")

        lab.save()
        lab.validate()
        page.screenshot(path=OUT / "validate-dialog.png")
        lab.close_dialog()
        print("wrote docs/screenshots/validate-dialog.png")

        lab.nbgrader_menu("Formgrader")
        page.frame_locator("iframe").last.get_by_text("Manage Assignments").first.wait_for()
        page.wait_for_timeout(1000)
        page.screenshot(path=OUT / "formgrader.png")
        print("wrote docs/screenshots/formgrader.png")

        class_report(page, Path(root) / "class")


def class_report(page, root: Path) -> None:
    """Grade a synthetic class, with some of the broken submissions, and show its report."""
    root.mkdir()
    courses = synthetic_class(root, per_lesson=6)
    submit_class(courses[LESSON], ["kernel-dies", "malformed-file", "test-cell-edited"])
    autograde(course_root=root)
    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(report(course_root=root, output=root / "class-report.html").as_uri())
    page.screenshot(path=OUT / "class-report.png", full_page=True)
    print("wrote docs/screenshots/class-report.png")


if __name__ == "__main__":
    main()
