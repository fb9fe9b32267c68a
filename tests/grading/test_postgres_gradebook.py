"""`grader autograde --db postgresql://...` grades into a real PostgreSQL server, as into SQLite.

The test starts its own throwaway server from the installed PostgreSQL (Debian's `postgresql`
package, which `bash .ci/run` installs), on a Unix socket only, and stops it afterwards.
"""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from grader.course import nbgrader
from grader.grading.autograde import autograde
from support.class_scenarios import EXPECTED, LESSON, all_scores, submit_class
from support.grading import SANDBOXED, CourseCopy

pytestmark = pytest.mark.slow  # grades whole classes

HONEST = ("correct", "untouched", "partly-wrong")


def postgres_bin() -> Path | None:
    found = shutil.which("pg_ctl") or next(iter(sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)), None)
    return Path(found).resolve().parent if found else None


@pytest.fixture
def postgres_url():
    bin_dir = postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed: `apt-get install postgresql` (bash .ci/run "
                    "does it) to run the PostgreSQL gradebook test")
    run_as = []
    folder = Path(tempfile.mkdtemp(prefix="gradebook-postgres-"))
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no `postgres` user to run PostgreSQL as")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]

    def run(tool, *args):
        subprocess.run([*run_as, str(bin_dir / tool), *args], check=True,
                       capture_output=True, text=True)

    data, port = folder / "data", str(20000 + os.getpid() % 10000)
    run("initdb", "-D", str(data), "-U", "grader", "--auth=trust")
    run("pg_ctl", "-D", str(data), "-w", "-l", str(folder / "server.log"), "start",
        "-o", f"-k {folder} -p {port} -c listen_addresses=''")
    try:
        run("createdb", "-h", str(folder), "-p", port, "-U", "grader", "gradebook")
        yield f"postgresql://grader@/gradebook?host={folder}&port={port}"
    finally:
        run("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def test_a_postgresql_gradebook_gets_the_same_grades_as_sqlite(tmp_path, postgres_url):
    course = CourseCopy(tmp_path, LESSON)
    nbgrader("generate_assignment", LESSON, "--force", f"--db={postgres_url}",
             "--log-level=WARN", course_root=course.root, quiet=True)
    submit_class(course, {student: EXPECTED[student] for student in HONEST})
    found = autograde(course_root=course.root, db_url=postgres_url, workers=2,
                      sandbox=SANDBOXED, progress=False)
    assert {submission.student for submission in found} == set(HONEST)
    in_postgres = all_scores(course.root, postgres_url)
    assert {student: sum(scores.values()) for student, scores in in_postgres.items()} == {
        student: EXPECTED[student][0] for student in HONEST}
    assert all_scores(course.root) == {}  # the course's SQLite gradebook got nothing
    autograde(course_root=course.root, force=True, workers=2, sandbox=SANDBOXED,
              progress=False)
    assert all_scores(course.root) == in_postgres
