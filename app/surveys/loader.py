"""Loading definition files: one file, a folder, or a selection of files and folders.

A file with any error gives no survey at all, never a half-loaded one, and every error in it.
Nothing raises for a bad file (sources.py): its errors are listed and the other files load.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from .build import build_survey
from .checks import DefinitionError, sort_errors
from .questions import build_choice_list
from .schema import Choice, Survey
from .serial import with_hash
from .sources import Source, parse_source, read_source
from .yamlnodes import Ctx, record_marks

CHOICES_FILE = "_choices.yaml"
ChoiceLists = Mapping[str, tuple[Choice, ...]]


@dataclass(frozen=True)
class LoadResult:
    survey: Survey | None
    errors: list[DefinitionError]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ChoicesResult:
    lists: dict[str, tuple[Choice, ...]]
    errors: list[DefinitionError]
    # How an unknown-list error names the shared lists: the file, and whether it is missing.
    where: str = CHOICES_FILE


@dataclass
class Catalogue:
    surveys: dict[str, Survey] = field(default_factory=dict)
    errors: list[DefinitionError] = field(default_factory=list)
    choices: dict[str, tuple[Choice, ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _crash(path: str, exc: Exception) -> DefinitionError:
    return DefinitionError(path, 1, 1, "check-failed",
                           f"the checker failed on this file ({type(exc).__name__}): please "
                           "report it; the other files are still checked")


def _build(
    source: Source, choices: ChoiceLists, elements: Collection[str] | None,
    choices_where: str = CHOICES_FILE,
) -> tuple[LoadResult, set[str]]:
    if source.root is None:
        return LoadResult(None, source.errors), set()
    ctx = Ctx(source.path, choices_where)
    try:
        kwargs, element_ids = build_survey(ctx, source.root, choices, elements)
        if ctx.errors:
            return LoadResult(None, sort_errors(ctx.errors)), element_ids
        survey = Survey(**kwargs, source_path=source.path, marks=record_marks(source.root))
        return LoadResult(with_hash(survey), []), element_ids
    except Exception as exc:  # noqa: BLE001 - a checker bug must not stop the other files
        return LoadResult(None, [_crash(source.path, exc)]), set()


def load_text(
    text: str,
    path: str = "<string>",
    *,
    choices: ChoiceLists | None = None,
    diagnostic_elements: Collection[str] | None = None,
) -> LoadResult:
    """Load a definition from text; `path` is only used in errors and source_path.

    diagnostic_elements=None skips the evidence_for check (no diagnostic to check against).
    """
    return _build(parse_source(text, path), choices or {}, diagnostic_elements)[0]


def load_file(
    path: str | os.PathLike,
    *,
    choices: ChoiceLists | None = None,
    diagnostic_elements: Collection[str] | None = None,
) -> LoadResult:
    return _build(read_source(path), choices or {}, diagnostic_elements)[0]


def load_choices(path: str | os.PathLike) -> ChoicesResult:
    """`_choices.yaml`: a mapping of list name -> list of {value, label}."""
    source = read_source(path)
    if source.root is None:
        # An empty shared-choices file is fine: there are simply no shared lists.
        empty = [e.code for e in source.errors] == ["empty"]
        return _choices_result({}, [] if empty else source.errors, source.path)
    ctx = Ctx(source.path)
    lists: dict[str, tuple[Choice, ...]] = {}
    try:
        for name, entry in (ctx.mapping(source.root, CHOICES_FILE) or {}).items():
            ident = ctx.ident(entry.key, "choice list name")
            choices = build_choice_list(ctx, entry.value, f"choice list '{name}'")
            if ident and choices:
                lists[ident] = choices
    except Exception as exc:  # noqa: BLE001 - as in _build
        ctx.errors.append(_crash(source.path, exc))
    return _choices_result(lists, sort_errors(ctx.errors), source.path)


def _choices_result(lists: dict[str, tuple[Choice, ...]], errors: list[DefinitionError],
                    path: str) -> ChoicesResult:
    where = f"{path} (which has errors, listed with it)" if errors else path
    return ChoicesResult(lists, errors, where)


def _kind(root: Node | None) -> str | None:
    if isinstance(root, MappingNode):
        for key, value in root.value:
            if getattr(key, "value", None) == "kind" and isinstance(value, ScalarNode):
                return value.value.strip()
    return None


def _definition_files(directory: Path) -> list[Path]:
    found = [*directory.glob("*.yaml"), *directory.glob("*.yml")]
    return sorted(p for p in found if p.name != CHOICES_FILE and not p.is_dir())


def _load_many(files: list[Path], selected: set[Path], choices: ChoicesResult) -> Catalogue:
    """Load `files` (diagnostics first, for their element ids); keep those in `selected`."""
    sources = {p: read_source(p) for p in files}
    diagnostics = [p for p in files if _kind(sources[p].root) == "diagnostic"]
    others = [p for p in files if p not in diagnostics]
    catalogue = Catalogue(choices=dict(choices.lists), errors=list(choices.errors))
    elements: set[str] = set()
    first_file: dict[str, str] = {}
    for group in (diagnostics, others):
        for path in group:
            result, found = _build(sources[path], choices.lists,
                                   None if group is diagnostics else elements, choices.where)
            elements |= found
            if path not in selected:
                continue
            catalogue.errors.extend(result.errors)
            survey = result.survey
            if survey is None:
                continue
            if survey.id in first_file:
                mark = survey.marks["id"].value
                catalogue.errors.append(DefinitionError(
                    str(path), mark.line, mark.col, "duplicate-id",
                    f"survey id '{survey.id}' is already used by {first_file[survey.id]}",
                ))
                continue
            first_file[survey.id] = str(path)
            catalogue.surveys[survey.id] = survey
    catalogue.errors = sort_errors(catalogue.errors)
    return catalogue


def _choices_in(directory: Path) -> ChoicesResult:
    path = directory / CHOICES_FILE
    if path.exists():
        return load_choices(path)
    return ChoicesResult({}, [], f"{path} (there is no such file)")


def load_dir(dirpath: str | os.PathLike) -> Catalogue:
    """Every definition in a folder, checked against its _choices.yaml and its diagnostics."""
    directory = Path(dirpath)
    if not directory.is_dir():
        return Catalogue(errors=[DefinitionError(str(directory), 1, 1, "unreadable",
                                                 "there is no such folder")])
    files = _definition_files(directory)
    return _load_many(files, set(files), _choices_in(directory))


def _defs_for(file: Path, defs: Path | None, default_defs: Path | None) -> Path:
    """The folder whose shared lists and diagnostics `file` is checked against.

    `defs` when given; else the file's own folder if it has a _choices.yaml (it is a definitions
    folder of its own); else `default_defs` (the app's survey_defs), falling back to its folder.
    """
    if defs is not None:
        return defs
    if default_defs is None or (file.parent / CHOICES_FILE).is_file():
        return file.parent
    return default_defs


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the spelling will do
        return path.absolute()


def load_paths(
    paths: Iterable[str | os.PathLike],
    *,
    defs: str | os.PathLike | None = None,
    default_defs: str | os.PathLike | None = None,
) -> Catalogue:
    """Some definitions (files, or every file in a folder), checked against the shared lists and
    diagnostics of the folder `_defs_for` picks. A path that cannot be read is an error."""
    catalogue = Catalogue()
    by_defs: dict[Path, list[Path]] = {}
    fixed, default = (Path(d) if d is not None else None for d in (defs, default_defs))
    for path in map(Path, paths):
        if path.is_dir():
            found = _definition_files(path)
            if not found:
                catalogue.errors.append(DefinitionError(
                    str(path), 1, 1, "empty", "no definition files (*.yaml, *.yml) in this folder"))
        elif path.name == CHOICES_FILE:
            catalogue.errors.extend(load_choices(path).errors)
            continue
        else:
            found = [path]
        for file in found:
            by_defs.setdefault(_defs_for(file, fixed, default), []).append(file)
    for directory, chosen in by_defs.items():
        wanted = {_identity(p) for p in chosen}
        # The folder's own files, but spelt as the caller gave them where selected.
        files = [p for p in _definition_files(directory) if _identity(p) not in wanted]
        files += list(dict.fromkeys(chosen))
        part = _load_many(files, set(chosen), _choices_in(directory))
        catalogue.choices.update(part.choices)
        catalogue.errors.extend(part.errors)
        for sid, survey in part.surveys.items():
            catalogue.surveys.setdefault(sid, survey)
    catalogue.errors = sort_errors(dict.fromkeys(catalogue.errors))
    return catalogue
