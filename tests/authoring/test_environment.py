"""The three dependency files agree: pyproject.toml (bounds), requirements.txt (exact pins for
pip) and environment.yml (conda-forge). A change to one without the others fails here."""

import re
import tomllib

import yaml

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version
from grader.course import COURSE_ROOT

CONDA_NAMES = {"torch": "pytorch"}  # pip name -> conda-forge name, where they differ


def pyproject_requirements() -> dict[str, Requirement]:
    project = tomllib.loads((COURSE_ROOT / "pyproject.toml").read_text())["project"]
    return {canonicalize_name(r.name): r for r in map(Requirement, project["dependencies"])}


def pinned_versions() -> dict[str, Version]:
    pins = {}
    for line in (COURSE_ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"requirements.txt: {line!r} is not an exact pin (name==version)"
            pins[canonicalize_name(name)] = Version(version)
    return pins


def conda_dependencies() -> dict[str, SpecifierSet]:
    """package name -> version bounds, from environment.yml's conda and pip dependency lists."""
    deps = {}
    entries = yaml.safe_load((COURSE_ROOT / "environment.yml").read_text())["dependencies"]
    pip_entries = [entry["pip"] for entry in entries if isinstance(entry, dict)]
    for entry in [e for e in entries if isinstance(e, str)] + sum(pip_entries, []):
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[A-Za-z0-9_,-]+\])?\s*([<>=!~].*)?", entry)
        assert match, f"environment.yml: cannot read the dependency {entry!r}"
        deps[match.group(1)] = SpecifierSet(match.group(2) or "")
    return deps


def test_every_dependency_is_pinned_within_its_bounds():
    pins = pinned_versions()
    for name, requirement in pyproject_requirements().items():
        assert name in pins, f"requirements.txt lacks {name}: run `make lock`"
        assert requirement.specifier.contains(pins[name]), (
            f"requirements.txt pins {name}=={pins[name]}, outside pyproject.toml's "
            f"{requirement.specifier}: run `make lock`")


def test_torch_is_pinned_to_the_version_the_facts_were_checked_on():
    assert str(pyproject_requirements()["torch"].specifier) == "==2.13.0"
    assert pinned_versions()["torch"] == Version("2.13.0")


def test_environment_yml_names_the_same_packages_and_bounds():
    listed = {name: spec for name, spec in conda_dependencies().items()
              if name not in ("python", "pip")}
    expected = {CONDA_NAMES.get(name, name): requirement.specifier
                for name, requirement in pyproject_requirements().items()}
    assert listed == expected


def test_environment_yml_python_admits_pyproject_python():
    requires_python = tomllib.loads((COURSE_ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert conda_dependencies()["python"] & SpecifierSet(requires_python) == conda_dependencies()["python"]
