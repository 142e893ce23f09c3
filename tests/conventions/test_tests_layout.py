"""Tests mirror app/ (tests/README.md): a newcomer finds the test of app/<pkg>/<module>.py at
tests/<pkg>/test_<module>.py (or test_<module>_<topic>.py); the cross-cutting folders hold suites
that span modules. Shared fixtures live only in conftest.py files: no test module imports from
another test module or from a conftest, and helper modules define no fixtures."""

from __future__ import annotations

import ast
from pathlib import Path, PurePosixPath

import pytest

from tests.support.paths import APP, TESTS

# Folders of tests that span modules, and of helpers; everything else mirrors app/.
CROSS_CUTTING = {"browser", "security", "reliability", "bench", "conventions"}
SUPPORT = "support"
# app/migrations is a folder of Alembic scripts, not a package: its tests name a script.
MIGRATIONS = "migrations"


def app_names(package: Path) -> set[str]:
    """What a test file in the mirror of `package` may be named after: its modules, its
    subpackages, and the package itself (a test of its __init__ or of it as a whole)."""
    names = {package.name}
    for child in package.iterdir():
        if child.suffix == ".py" and child.name != "__init__.py":
            names.add(child.stem)
        elif (child / "__init__.py").exists():
            names.add(child.name)
    return names


def misplaced(test_file: PurePosixPath, app: Path = APP) -> str | None:
    """Why a test file (its path inside tests/) is not where the layout says, or None."""
    folders = test_file.parts[:-1]
    if folders and folders[0] in CROSS_CUTTING:
        return None
    if folders and folders[0] == SUPPORT:
        return f"tests/{test_file}: tests/support/ holds helpers, not tests"
    package = app.joinpath(*folders)
    if folders == (MIGRATIONS,):
        names = {script.stem for script in (package / "versions").glob("*.py")}
    elif not (package / "__init__.py").exists():
        return f"tests/{test_file}: app/{'/'.join(folders)} is not a package of app/"
    else:
        names = app_names(package)
    name = test_file.stem.removeprefix("test_")
    if not any(name == m or name.startswith(m + "_") for m in names):
        where = "/".join(("app", *folders))
        return (f"tests/{test_file}: names no module of {where}/ "
                f"(test_<module>.py or test_<module>_<topic>.py)")
    return None


def imported_test_modules(path: PurePosixPath, source: str) -> list[str]:
    """The test modules and conftests that the module at `path` (inside tests/) imports."""
    package = ("tests", *path.parts[:-1])
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1]) if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            # `from tests.x import test_y` names a module too.
            targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            last = target.rsplit(".", 1)[-1]
            if target.startswith("tests.") and (last.startswith("test_") or last == "conftest"):
                found.append(target)
    return found


def defines_fixtures(source: str) -> bool:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                call = decorator.func if isinstance(decorator, ast.Call) else decorator
                if getattr(call, "attr", getattr(call, "id", "")) == "fixture":
                    return True
    return False


def python_files() -> list[PurePosixPath]:
    return sorted(PurePosixPath(p.relative_to(TESTS).as_posix()) for p in TESTS.rglob("*.py")
                  if "__pycache__" not in p.parts)


def test_every_test_file_names_a_module_of_app_or_sits_in_a_cross_cutting_folder():
    wrong = [why for path in python_files() if path.name.startswith("test_")
             if (why := misplaced(path))]
    assert wrong == []


def test_no_test_module_imports_from_another_or_from_a_conftest():
    wrong = {str(path): found for path in python_files()
             if (found := imported_test_modules(path, (TESTS / path).read_text()))}
    assert wrong == {}


def test_helper_modules_define_no_fixtures():
    helpers = [path for path in python_files()
               if not path.name.startswith("test_") and path.name != "conftest.py"]
    assert [str(p) for p in helpers if defines_fixtures((TESTS / p).read_text())] == []


def test_every_folder_of_tests_is_a_package():
    """Several folders have a test_routes.py: as packages their modules keep distinct names."""
    folders = {TESTS / p.parent for p in python_files()}
    assert sorted(str(f) for f in folders if not (f / "__init__.py").exists()) == []


@pytest.mark.parametrize("test_file, expected", [
    ("test_clock.py", None),
    ("test_app.py", None),
    ("surveys/test_logic.py", None),
    ("surveys/test_loader_hostile.py", None),
    ("surveys/types/test_types.py", None),
    ("views/admin/test_people.py", None),
    ("security/test_anything.py", None),
    ("test_admin.py", "names no module of app/"),
    ("surveys/test_survey_logic.py", "names no module of app/surveys/"),
    ("views/admin/test_nothing_here.py", "names no module of app/views/admin/"),
    ("ics/test_pages.py", "app/ics is not a package of app/"),
    ("support/test_helper.py", "tests/support/ holds helpers, not tests"),
    ("migrations/test_0001_foundation.py", None),
    ("migrations/test_0999_nothing.py", "names no module of app/migrations/"),
])
def test_a_misplaced_test_file_is_named(test_file, expected):
    why = misplaced(PurePosixPath(test_file))
    assert (why is None) if expected is None else (expected in why)


@pytest.mark.parametrize("source, expected", [
    ("from tests.support.clients import PASSWORD", []),
    ("from tests.surveys.test_loader import GOOD", ["tests.surveys.test_loader"]),
    ("from tests.conftest import PASSWORD", ["tests.conftest"]),
    ("from tests.views import test_access", ["tests.views.test_access"]),
    ("import tests.security.test_fuzz", ["tests.security.test_fuzz"]),
    ("from .test_loader_hostile import GOOD", ["tests.surveys.test_loader_hostile"]),
    ("from .conftest import assess", ["tests.surveys.conftest"]),
    ("from ..support.paths import ROOT", []),
])
def test_an_import_from_a_test_module_or_a_conftest_is_found(source, expected):
    assert imported_test_modules(PurePosixPath("surveys/test_x.py"), source) == expected


def test_a_fixture_in_a_helper_module_is_found():
    assert defines_fixtures("import pytest\n@pytest.fixture\ndef wave():\n    pass\n")
    assert defines_fixtures("from pytest import fixture\n@fixture(scope='session')\ndef w():\n"
                            "    pass\n")
    assert not defines_fixtures("def wave():\n    pass\n")
