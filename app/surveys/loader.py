"""Loading definition files: one file, a folder, or a selection of files.

A file with any error gives no survey at all, never a half-loaded one, and every error in it.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from .build import build_survey
from .checks import DefinitionError, sort_errors
from .questions import build_choice_list
from .schema import Choice, Survey
from .serial import with_hash
from .yamlnodes import AliasNotAllowed, Ctx, compose, record_marks

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


@dataclass
class Catalogue:
    surveys: dict[str, Survey] = field(default_factory=dict)
    errors: list[DefinitionError] = field(default_factory=list)
    choices: dict[str, tuple[Choice, ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _read(path: str | os.PathLike) -> str:
    return Path(path).read_text(encoding="utf-8")


def _parse(text: str, path: str) -> tuple[Node | None, list[DefinitionError]]:
    """The composed root node, or the one syntax error that stopped the parser."""
    try:
        root = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        code = "bad-value" if isinstance(exc, AliasNotAllowed) else "yaml-syntax"
        problem = exc.problem or "invalid YAML"
        if exc.context and not isinstance(exc, AliasNotAllowed):
            problem = f"{problem} ({exc.context})"
        return None, [DefinitionError(path, line, col, code, problem)]
    except yaml.YAMLError as exc:
        return None, [DefinitionError(path, 1, 1, "yaml-syntax", str(exc))]
    if root is None:
        return None, [DefinitionError(path, 1, 1, "empty", "the file has no definition in it")]
    return root, []


def _load(
    text: str, path: str, choices: ChoiceLists, elements: Collection[str] | None
) -> tuple[LoadResult, set[str]]:
    root, errors = _parse(text, path)
    if root is None:
        return LoadResult(None, errors), set()
    ctx = Ctx(path)
    kwargs, element_ids = build_survey(ctx, root, choices, elements)
    if ctx.errors:
        return LoadResult(None, sort_errors(ctx.errors)), element_ids
    survey = Survey(**kwargs, source_path=path, marks=record_marks(root))
    return LoadResult(with_hash(survey), []), element_ids


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
    return _load(text, path, choices or {}, diagnostic_elements)[0]


def load_file(
    path: str | os.PathLike,
    *,
    choices: ChoiceLists | None = None,
    diagnostic_elements: Collection[str] | None = None,
) -> LoadResult:
    return load_text(
        _read(path), str(path), choices=choices, diagnostic_elements=diagnostic_elements
    )


def load_choices(path: str | os.PathLike) -> ChoicesResult:
    """`_choices.yaml`: a mapping of list name -> list of {value, label}."""
    root, errors = _parse(_read(path), str(path))
    if root is None:
        # An empty shared-choices file is fine: there are simply no shared lists.
        empty = bool(errors) and errors[0].code == "empty"
        return ChoicesResult({}, [] if empty else errors)
    ctx = Ctx(str(path))
    lists: dict[str, tuple[Choice, ...]] = {}
    for name, entry in (ctx.mapping(root, "_choices.yaml") or {}).items():
        ident = ctx.ident(entry.key, "choice list name")
        choices = build_choice_list(ctx, entry.value, f"choice list '{name}'")
        if ident and choices:
            lists[ident] = choices
    return ChoicesResult(lists, sort_errors(ctx.errors))


def _kind(text: str) -> str | None:
    try:
        root = compose(text)
    except yaml.YAMLError:
        return None
    if isinstance(root, MappingNode):
        for key, value in root.value:
            if getattr(key, "value", None) == "kind" and isinstance(value, ScalarNode):
                return value.value.strip()
    return None


def _definition_files(directory: Path) -> list[Path]:
    found = [*directory.glob("*.yaml"), *directory.glob("*.yml")]
    return sorted(p for p in found if p.name != CHOICES_FILE)


def _load_many(files: list[Path], selected: set[Path], choices: ChoicesResult) -> Catalogue:
    """Load `files` (diagnostics first, for their element ids); keep those in `selected`."""
    texts = {p: _read(p) for p in files}
    diagnostics = [p for p in files if _kind(texts[p]) == "diagnostic"]
    others = [p for p in files if p not in diagnostics]
    catalogue = Catalogue(choices=dict(choices.lists), errors=list(choices.errors))
    elements: set[str] = set()
    first_file: dict[str, str] = {}
    for group in (diagnostics, others):
        for path in group:
            result, found = _load(texts[path], str(path), choices.lists,
                                  None if group is diagnostics else elements)
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
    return load_choices(path) if path.exists() else ChoicesResult({}, [])


def load_dir(dirpath: str | os.PathLike) -> Catalogue:
    """Every definition in a folder, checked against its _choices.yaml and its diagnostics."""
    directory = Path(dirpath)
    files = _definition_files(directory)
    return _load_many(files, set(files), _choices_in(directory))


def load_paths(paths: Iterable[str | os.PathLike]) -> Catalogue:
    """Some definitions, still checked against the shared lists and diagnostics beside them."""
    by_dir: dict[Path, list[Path]] = {}
    for p in map(Path, paths):
        by_dir.setdefault(p.parent, []).append(p)
    catalogue = Catalogue()
    for directory, chosen in by_dir.items():
        wanted = {p.resolve() for p in chosen}
        # The folder's own files, but spelt as the caller gave them where selected.
        files = [p for p in _definition_files(directory) if p.resolve() not in wanted]
        files += [p for p in dict.fromkeys(chosen) if p.name != CHOICES_FILE]
        part = _load_many(files, set(chosen), _choices_in(directory))
        catalogue.choices.update(part.choices)
        catalogue.errors.extend(part.errors)
        for sid, survey in part.surveys.items():
            catalogue.surveys.setdefault(sid, survey)
    catalogue.errors = sort_errors(catalogue.errors)
    return catalogue
