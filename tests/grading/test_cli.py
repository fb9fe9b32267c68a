"""Each `grader` verb passes its flags to its module's function unchanged."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from grader.authoring import generate
from grader.course import COURSE_ROOT
from grader.grading import autograde, collect, export, feedback, report
from grader.grading.cli import main
from support.class_scenarios import LESSON
from support.grading import CourseCopy


@pytest.fixture
def calls(monkeypatch):
    recorded = []

    def recorder(*args, **kwargs):
        recorded.append((args, kwargs))
        return {} if "workers" in kwargs else ([], []) if "source" in kwargs else "out"
    for module in (autograde, collect, export, feedback, generate, report):
        name = module.__name__.rpartition(".")[2]
        monkeypatch.setattr(module, name, recorder)
    return recorded


@pytest.fixture
def course(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    return tmp_path


def test_autograde_flags(calls, course):
    tmp_path = course
    main(["--course", str(tmp_path), "--db", "postgresql://h/db", "autograde", "01-conversion",
          "--student", "ana", "--student", "bo", "--workers", "3", "--force"])
    assert calls == [((), dict(course_root=tmp_path, lessons=["01-conversion"],
                               students=["ana", "bo"], workers=3, db_url="postgresql://h/db",
                               force=True, sandbox=True, judge=True))]


def test_autograde_defaults_to_one_worker_per_core_and_this_course_and_opts_out(calls,
                                                                               monkeypatch):
    monkeypatch.chdir(COURSE_ROOT)
    main(["autograde", "--no-sandbox", "--no-judge"])
    assert calls == [((), dict(course_root=COURSE_ROOT, lessons=None, students=None,
                               workers=os.cpu_count(), db_url=None, force=False,
                               sandbox=False, judge=False))]


def test_collect_report_export_feedback_and_generate_flags(calls, course):
    tmp_path = course
    main(["--course", str(tmp_path), "collect", "class.zip"])
    main(["--course", str(tmp_path), "report", "--output", "r.html"])
    main(["--course", str(tmp_path), "--db", "sqlite:///g.db", "export", "--output", "g.csv"])
    main(["--course", str(tmp_path), "feedback", "01-conversion"])
    main(["--course", str(tmp_path), "generate", "02-shared-memory"])
    assert calls == [((), dict(course_root=tmp_path, source=Path("class.zip"))),
                     ((), dict(course_root=tmp_path, output=Path("r.html"), db_url=None)),
                     ((), dict(course_root=tmp_path, output=Path("g.csv"),
                               db_url="sqlite:///g.db")),
                     ((), dict(course_root=tmp_path, lessons=["01-conversion"], db_url=None)),
                     ((), dict(course_root=tmp_path, lessons=["02-shared-memory"]))]


def test_an_unknown_verb_lists_the_verbs(capsys):
    with pytest.raises(SystemExit):
        main(["grade-everything"])
    assert "generate" in capsys.readouterr().err


def test_the_course_is_the_current_folder_and_elsewhere_the_verb_says_so(calls, course, tmp_path,
                                                                        monkeypatch, capsys):
    monkeypatch.chdir(course)
    main(["report"])
    assert calls == [((), dict(course_root=course, output=None, db_url=None))]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    with pytest.raises(SystemExit, match="is not a course folder .* --course FOLDER"):
        main(["report"])


def test_two_clones_with_one_environment_each_grade_their_own_course(tmp_path):
    first, second = CourseCopy(tmp_path / "first", LESSON), CourseCopy(tmp_path / "second", LESSON)
    before = (first.root / "gradebook.db").read_bytes()
    (second.root / "notebooks" / LESSON / "conversion.ipynb").unlink()
    # The installed `grader` belongs to this clone, not to either course copy.
    run = subprocess.run([sys.executable, "-m", "grader.grading.cli", "generate", LESSON],
                         cwd=second.root, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (second.root / "notebooks" / LESSON / "conversion.ipynb").exists()
    assert (first.root / "gradebook.db").read_bytes() == before
