"""Read the demo's data files (`demo/content/`).

Programmes live one directory each (`<n>-<slug>/programme.yaml` plus one file per module,
`<number>-<slug>.yaml`); the numbers fix the order pages are created in, as migrations do.
The loaded programmes have the shape `cms.builders.build_programme` takes.
"""

from pathlib import Path

import yaml

CONTENT = Path(__file__).resolve().parent / "content"


def read(name: str) -> dict:
    """One YAML file of `content/`, e.g. `read("people.yaml")`."""
    return _load(CONTENT / name)


def programmes() -> list[dict]:
    """Every demo programme with its modules, lessons and knowledge checks, in order."""
    found = []
    for folder in _numbered((CONTENT / "programmes").iterdir()):
        programme = _load(folder / "programme.yaml")
        modules = [p for p in folder.iterdir() if p.name != "programme.yaml"]
        programme["modules"] = [_load(path) for path in _numbered(modules)]
        found.append(programme)
    return found


def _numbered(paths) -> list[Path]:
    """Paths named `<n>-...`, ordered by n (so that 10 comes after 9)."""
    return sorted(paths, key=lambda path: int(path.name.split("-", 1)[0]))


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as file:
        return yaml.safe_load(file)
