"""Put a class's submissions where nbgrader expects them: `grader collect SOURCE`.

SOURCE is a folder or a zip file, laid out in one of these ways (they may be mixed):

- a folder per student: `<student>/<notebook>.ipynb` or `<student>/<lesson>/<notebook>.ipynb`;
  Moodle's folders (`<full name>_<participant>_assignsubmission_file_/`) give the participant
  number as the student id;
- one file per student and notebook, as Canvas downloads them:
  `<student>_<anything>_<notebook>.ipynb`; the student id is what comes before the first `_`,
  and a resubmission suffix such as `conversion-2.ipynb` is understood.

Each notebook goes to `submitted/<student>/<lesson>/<notebook>.ipynb` with a `timestamp.txt` (the
file's time in the zip or on disk), so nbgrader's late penalties and re-grading work. Every other
file is listed with its reason and left out: no student in its name, a student id nbgrader cannot
use, no lesson's notebook, a browser's second copy of a download (`conversion (1).ipynb`), or an
earlier copy when one student has several copies of a notebook (the latest resubmission wins).
"""

import re
import shutil
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from grader.contract import LESSONS

NOTEBOOK_LESSONS = {Path(lesson.notebook).stem: lesson.folder for lesson in LESSONS}
STUDENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.@+-]*")
RESUBMISSION = re.compile(r"^(?P<name>.+?)(?:-(?P<attempt>\d+))?$")
BROWSER_COPY = re.compile(r"^(?P<name>.+) \(\d+\)$")  # what a browser names a second download
MOODLE_FOLDER = re.compile(r"^.+_(?P<participant>\d+)_(?:assignsubmission|onlinetext)_\w*$")
LAYOUTS = ("<student>_<anything>_<notebook>.ipynb (as Canvas names them), "
           "<student>/<notebook>.ipynb or <student>/<lesson>/<notebook>.ipynb")
NOTEBOOKS = ", ".join(f"{notebook}.ipynb" for notebook in NOTEBOOK_LESSONS)


@dataclass(frozen=True)
class Found:
    """One notebook file of the source, and where it belongs."""
    name: str  # its path inside the source, for messages
    student: str
    lesson: str
    attempt: int
    modified: datetime
    read: callable


def place(name: str) -> tuple[str, str, int] | str:
    """(student, lesson, attempt) for a file's path in the source, or why it does not fit."""
    path = PurePosixPath(name)
    if copy := BROWSER_COPY.match(path.stem):
        return (f"a browser's second copy of a download: remove it, or rename it to "
                f"{copy['name']}.ipynb if it is the one to grade")
    if len(path.parts) > 1:  # a folder per student
        student, notebook = path.parts[0], path.stem
        if moodle := MOODLE_FOLDER.match(student):
            student = moodle["participant"]
    else:  # <student>_<anything>_<notebook>
        student, underscore, notebook = path.stem.partition("_")
        if not (underscore and student and notebook):
            return f"names no student: expected {LAYOUTS}"
    if not STUDENT_ID.fullmatch(student):
        return f"'{student}' is not a usable student id (letters, digits, . @ + - only)"
    attempt = int(RESUBMISSION.match(notebook)["attempt"] or 0)
    stem = RESUBMISSION.match(notebook)["name"]
    lesson = next((NOTEBOOK_LESSONS[known] for known in NOTEBOOK_LESSONS
                   if stem == known or stem.endswith("_" + known)), None)
    if lesson is None:
        return f"names no lesson's notebook ({NOTEBOOKS})"
    return student, lesson, attempt


def notebooks_in(source: Path):
    """(path inside the source, modification time, reader) for every .ipynb of a folder or zip."""
    if zipfile.is_zipfile(source):
        archive = zipfile.ZipFile(source)
        for entry in archive.infolist():
            if entry.filename.endswith(".ipynb") and not entry.is_dir():
                yield (entry.filename, datetime(*entry.date_time, tzinfo=timezone.utc),
                       lambda entry=entry: archive.read(entry))
    elif source.is_dir():
        for path in sorted(source.rglob("*.ipynb")):
            modified = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
            yield path.relative_to(source).as_posix(), modified, path.read_bytes
    else:
        raise SystemExit(f"{source} is neither a folder nor a zip file: give the folder or the "
                         "zip that holds the students' notebooks")


def collect(*, course_root: Path, source: Path) -> tuple[list[str], list[str]]:
    """Copy the notebooks into submitted/; return (what was placed, what was left out and why)."""
    chosen: dict[tuple[str, str], Found] = {}
    left_out = []
    for name, modified, read in notebooks_in(Path(source)):
        if "__MACOSX" in name or PurePosixPath(name).name.startswith("."):
            continue
        where = place(name)
        if isinstance(where, str):
            left_out.append(f"{name}: {where}")
            continue
        found = Found(name, *where, modified, read)
        key = (found.student, found.lesson)
        if key in chosen:
            older, found = sorted([chosen[key], found], key=lambda f: (f.attempt, f.modified))
            left_out.append(f"{older.name}: an earlier copy of {found.name}")
        chosen[key] = found
    placed = []
    for (student, lesson), found in sorted(chosen.items()):
        try:
            data = found.read()
        except (OSError, zipfile.BadZipFile, zlib.error) as error:
            left_out.append(f"{found.name}: cannot be read ({type(error).__name__}: {error})")
            continue
        folder = Path(course_root) / "submitted" / student / lesson
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        notebook = next(lesson_.notebook for lesson_ in LESSONS if lesson_.folder == lesson)
        (folder / notebook).write_bytes(data)
        (folder / "timestamp.txt").write_text(found.modified.strftime("%Y-%m-%d %H:%M:%S %Z"))
        placed.append(f"{found.name} -> submitted/{student}/{lesson}/{notebook}")
    return placed, left_out
