"""Imports run one way (docs/architecture.md, "Layers"): read from the source with `ast`,
so that an import hidden inside a function counts as much as one at the top."""

import ast
from pathlib import Path

import pytest

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


def test_selectors_never_import_services():
    """Reads never write: a selector that imports a service could start writing unseen."""
    assert offending("courses.selectors", ("courses.services",)) == []


@pytest.mark.parametrize("app", ["courses", "certificates"])
def test_cms_knows_nothing_of_enrollments_or_certificates(app):
    """Content pages are the bottom of the domain: courses reads the curriculum, never the
    other way round (what a lesson page shows of a learner's progress is handed to it)."""
    assert offending("cms", (app,)) == []


def test_courses_does_not_import_certificates():
    """Certificates react to completions (a signal); courses does not call them."""
    assert offending("courses", ("certificates",)) == []


def test_the_project_package_sits_below_the_apps():
    """`lms` (settings, users, roles) is the bottom layer; only the demo and its command,
    which sit on top of everything, may import the apps."""
    apps = ("cms", "courses", "certificates")
    allowed = ("lms/demo/", "lms/management/commands/seed_demo.py")
    assert offending("lms", apps, allowed=allowed) == []


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


@pytest.mark.parametrize("app", ["lms", "cms", "courses", "certificates", "seminars", "outbox"])
def test_nothing_below_imports_xapi(app):
    """xAPI listens to the rows the services save (docs/xapi.md); the services never call it."""
    assert offending(app, ("xapi",)) == []
