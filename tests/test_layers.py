"""Imports run one way (docs/architecture.md, "Layers"): read from the source with `ast`,
so that an import hidden inside a function counts as much as one at the top."""

import ast
from pathlib import Path

import pytest

from tests.layers import BEGIN, END, UNITS, markdown_table, unit_of

ROOT = Path(__file__).resolve().parent.parent


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every module a file imports, relative imports made absolute. `from x import y` counts
    as both `x` and `x.y`, since y may be a module."""
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def offending(
    package: str, forbidden: tuple[str, ...], *, root: Path = ROOT, allowed: tuple[str, ...] = ()
) -> list[str]:
    """`file: module` for each import under `package` of a module in `forbidden` (or below);
    files under the folders in `allowed` are not looked at."""
    broken = []
    for path in sorted((root / package.replace(".", "/")).rglob("*.py")):
        where = path.relative_to(root).as_posix()
        if any(where.startswith(folder) for folder in allowed):
            continue
        for module in sorted(imported_modules(path, root)):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                broken.append(f"{where}: {module}")
    return broken


def test_the_checker_sees_relative_and_nested_imports(tmp_path):
    """The test below must be able to fail: a relative import inside a function is found."""
    package = tmp_path / "courses" / "selectors"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sneaky.py").write_text("def f():\n    from ..services.progress import x\n")
    assert offending("courses.selectors", ("courses.services",), root=tmp_path) == [
        "courses/selectors/sneaky.py: courses.services.progress",
        "courses/selectors/sneaky.py: courses.services.progress.x",
    ]


def selector_modules(root: Path = ROOT) -> list[str]:
    """Every selectors module or package of every app, as a dotted name."""
    found = [path.parent.name + ".selectors" for path in root.glob("*/selectors.py")]
    found += [p.parent.parent.name + ".selectors" for p in root.glob("*/selectors/__init__.py")]
    return sorted(found)


def test_selectors_never_import_services():
    """Reads never write: a selector that imports a service (of any app) could start writing
    unseen."""
    services = tuple(f"{unit.name}.services" for unit in UNITS)
    assert "courses.selectors" in selector_modules()
    assert [bad for s in selector_modules() for bad in offending(s, services)] == []


def app_folders(root: Path = ROOT) -> set[str]:
    """The top-level Django apps of the repository: the folders with an `apps.py`."""
    return {path.parent.name for path in root.glob("*/apps.py")}


def layer_violations(root: Path = ROOT) -> list[str]:
    """`file (unit, layer n): module (unit, layer m)` for each import of a project module
    that is not in the same unit or a lower layer (tests/layers.py)."""
    broken = []
    for app in sorted(app_folders(root)):
        for path in sorted((root / app).rglob("*.py")):
            here = unit_of(_module_name(path, root))
            assert here is not None, f"{path} is in no unit of tests/layers.py"
            for module in sorted(imported_modules(path, root)):
                there = unit_of(module)
                if there is None or there == here or there.layer < here.layer:
                    continue
                broken.append(
                    f"{path.relative_to(root).as_posix()} ({here.name}, layer {here.layer}): "
                    f"{module} ({there.name}, layer {there.layer})"
                )
    return broken


def test_the_layer_checker_sees_an_upward_import_and_lets_the_demo_reach_down(tmp_path):
    """The test below must be able to fail: `cms` importing `courses` (inside a function),
    `courses` importing an app above it, the floor importing accounts and `cms` importing
    `accounts` (same layer) are found; the demo, on top, may import every app."""
    for app in ("core", "accounts", "cms", "courses", "demo"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "apps.py").write_text("")
    (tmp_path / "cms" / "pages.py").write_text(
        "def f():\n    from courses import models\nfrom accounts import models\n"
    )
    (tmp_path / "demo" / "seed.py").write_text("import courses.services\nfrom core import x\n")
    (tmp_path / "core" / "boot.py").write_text("from accounts.models import User\n")
    (tmp_path / "courses" / "links.py").write_text("from missions import x\nimport core\n")
    assert layer_violations(tmp_path) == [
        "cms/pages.py (cms, layer 2): accounts (accounts, layer 2)",
        "cms/pages.py (cms, layer 2): accounts.models (accounts, layer 2)",
        "cms/pages.py (cms, layer 2): courses (courses, layer 3)",
        "cms/pages.py (cms, layer 2): courses.models (courses, layer 3)",
        "core/boot.py (core, layer 0): accounts.models (accounts, layer 2)",
        "core/boot.py (core, layer 0): accounts.models.User (accounts, layer 2)",
        "courses/links.py (courses, layer 3): missions (missions, layer 5)",
        "courses/links.py (courses, layer 3): missions.x (missions, layer 5)",
    ]


def test_every_app_is_in_the_layer_table():
    """No app escapes the check: every folder with an `apps.py` and every project app in
    INSTALLED_APPS is a unit of tests/layers.py, and every unit exists."""
    from django.conf import settings

    top_level = {unit.name for unit in UNITS if unit.modules == (unit.name,)}
    installed = {
        name.split(".")[0]
        for name in settings.INSTALLED_APPS
        if (ROOT / name.split(".")[0]).is_dir()
    }
    assert app_folders() == top_level
    assert installed <= top_level
    for unit in UNITS:
        for module in unit.modules:
            path = ROOT / module.replace(".", "/")
            assert path.is_dir() or path.with_suffix(".py").is_file(), module


def test_imports_follow_the_layer_table():
    """Imports run one way in every app: a package imports only packages of a lower layer
    (tests/layers.py; docs/architecture.md, "Layers"). Reach up with a string reference, a
    signal or a setting instead."""
    assert layer_violations() == []


def test_the_architecture_prints_the_layer_table():
    """docs/architecture.md prints the table this test checks, so the doc cannot drift:
    regenerate it with `python -m tests.layers`."""
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert BEGIN in doc and END in doc
    printed = doc[doc.index(BEGIN) : doc.index(END) + len(END)]
    assert printed == markdown_table()


MAX_LINES = 400
NOT_APP_CODE = {".venv", ".git", "tests", "bench", "migrations", "node_modules", "var"}


def long_modules(root: Path = ROOT, limit: int = MAX_LINES) -> list[str]:
    """`path: lines` for every Python file of the apps longer than `limit` lines; migrations,
    tests and benchmarks are not app code."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if NOT_APP_CODE.intersection(relative.parts[:-1]) or relative.parts[0].startswith("."):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found.append(f"{relative.as_posix()}: {lines}")
    return found


def test_the_length_checker_sees_a_long_module_and_skips_migrations(tmp_path):
    """The test below must be able to fail: a long app module is found, a long migration
    is not."""
    (tmp_path / "courses" / "migrations").mkdir(parents=True)
    (tmp_path / "courses" / "long.py").write_text("x = 1\n" * 401)
    (tmp_path / "courses" / "short.py").write_text("x = 1\n" * 400)
    (tmp_path / "courses" / "migrations" / "0001_initial.py").write_text("x = 1\n" * 900)
    assert long_modules(tmp_path) == ["courses/long.py: 401"]


def test_no_app_module_is_longer_than_400_lines():
    """A module that grows past 400 lines mixes jobs: split it into a package along them
    (CONTRIBUTING.md)."""
    assert long_modules() == []


@pytest.mark.parametrize("app", sorted(app_folders() - {"xapi"}))
def test_nothing_imports_xapi(app):
    """xAPI listens to the rows the services save (docs/xapi.md); no app calls it."""
    assert offending(app, ("xapi",)) == []


def services_and_selectors(root: Path = ROOT) -> set[str]:
    """Every app's services and selectors, as the paths mypy is given (a module or a
    package folder)."""
    found = set()
    for app in app_folders(root):
        for name in ("services", "selectors"):
            for path in (root / app / f"{name}.py", root / app / name):
                if path.exists():
                    found.add(path.relative_to(root).as_posix())
    return found


def test_make_typecheck_covers_every_services_and_selectors_module():
    """`make typecheck` (mypy's `files` in pyproject.toml, globs as mypy expands them)
    reaches the services and selectors of every app, so a new app's are typed too."""
    import glob
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    checked = {
        match
        for pattern in config["tool"]["mypy"]["files"]
        for match in glob.glob(pattern, root_dir=ROOT, recursive=True)
    }
    assert {"courses/services", "reports/selectors.py"} <= services_and_selectors()
    assert services_and_selectors() - checked == set()
