"""Property tests: any valid definition, written as YAML, loads and reflects what was written."""

from __future__ import annotations

import copy

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.surveys import Choice, load_text, survey_from_data, to_data
from app.surveys.yamlnodes import DefinitionLoader

ELEMENTS = ("environment", "relationships", "data_insights")
SHARED = {"agree3": [{"value": "agree", "label": "Agree"}, {"value": "no", "label": "No"}]}
CHOICE_TYPES = ("single_choice", "multiple_choice", "select", "likert")
OTHER_TYPES = ("text", "textarea", "number", "date", "email", "band", "organisation")

idents = st.from_regex(r"[a-z][a-z0-9]{0,6}(_[a-z0-9]{1,4}){0,2}", fullmatch=True)
# Values YAML 1.1 would read as booleans, numbers or dates are included on purpose.
values = st.one_of(
    st.sampled_from(["yes", "no", "on", "off", "y", "n", "1", "08", "2020-02-28", "true", "null"]),
    st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True),
)
texts = st.text(
    st.characters(categories=("L", "N", "P", "S"), exclude_characters="\x85"), min_size=1,
    max_size=30,
).map(str.strip).filter(bool) | st.sampled_from(["yes", "No", "off", "~", "1.5", "true"])


@st.composite
def choice_lists(draw):
    vals = draw(st.lists(values, min_size=1, max_size=5, unique=True))
    return [{"value": v, "label": draw(texts)} for v in vals]


@st.composite
def definitions(draw):
    kind = draw(st.sampled_from(["consultation", "staff_voice"]))
    qids = draw(st.lists(idents, min_size=1, max_size=8, unique=True))
    questions = []
    for i, qid in enumerate(qids):
        qtype = draw(st.sampled_from(CHOICE_TYPES + OTHER_TYPES))
        q = {"id": qid, "type": qtype, "label": draw(texts)}
        if qtype in CHOICE_TYPES:
            q["choices"] = draw(st.one_of(choice_lists(), st.just("agree3")))
        if qtype in ("text", "textarea") and draw(st.booleans()):
            q["max_length"] = draw(st.integers(1, 10_000))
        if draw(st.booleans()):
            q["optional"] = draw(st.booleans())
        if draw(st.booleans()):
            q["evidence_for"] = draw(st.lists(st.sampled_from(ELEMENTS), max_size=2))
        earlier = [e for e in questions[:i] if "choices" in e]
        if earlier and draw(st.booleans()):
            target = draw(st.sampled_from(earlier))
            options = [c["value"] for c in target["choices"]] if isinstance(
                target["choices"], list) else ["agree", "no"]
            cond = {"question": target["id"],
                    "in": draw(st.lists(st.sampled_from(options), min_size=1, unique=True))}
            wrap = draw(st.sampled_from(["plain", "all", "any", "not"]))
            q["show_if"] = cond if wrap == "plain" else {wrap: cond if wrap == "not" else [cond]}
        questions.append(q)
    cut = draw(st.integers(1, len(questions)))
    pages = [{"id": "first", "title": draw(texts), "questions": questions[:cut]}]
    if questions[cut:]:
        pages.append({"id": "second", "questions": questions[cut:]})
    return {"schema": 1, "id": draw(idents), "version": draw(st.integers(1, 3000)),
            "kind": kind, "title": draw(texts), "pages": pages}


class Yaml12Dumper(yaml.SafeDumper):
    """Quotes only what YAML 1.2 would misread, so yes/no/on/off are written bare."""

    yaml_implicit_resolvers = DefinitionLoader.yaml_implicit_resolvers


def dump(definition, flow=False):
    dumper = Yaml12Dumper if flow else yaml.SafeDumper
    return yaml.dump(definition, Dumper=dumper, default_flow_style=flow, allow_unicode=True,
                     sort_keys=flow)


def load(definition, flow=False):
    return load_text(dump(definition, flow), "gen.yaml", choices=SHARED_CHOICES,
                     diagnostic_elements=ELEMENTS)


SHARED_CHOICES = {name: tuple(Choice(**c) for c in items) for name, items in SHARED.items()}
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(definitions())
def test_valid_definitions_load_and_reflect_the_dict(definition):
    result = load(definition)
    assert result.errors == []
    survey = result.survey
    assert (survey.id, survey.kind, survey.version) == (
        definition["id"], definition["kind"], definition["version"])
    written = [q for page in definition["pages"] for q in page["questions"]]
    assert [q.id for q in survey.questions()] == [q["id"] for q in written]
    assert [q.type for q in survey.questions()] == [q["type"] for q in written]
    for q, w in zip(survey.questions(), written, strict=True):
        assert q.label == w["label"]
        assert q.optional is w.get("optional", False)
        if isinstance(w.get("choices"), list):
            assert [(c.value, c.label) for c in q.choices] == [
                (c["value"], c["label"]) for c in w["choices"]]
        assert (q.show_if is None) == ("show_if" not in w)
        assert q.evidence_for == tuple(w.get("evidence_for", ()))


@SETTINGS
@given(definitions())
def test_hash_is_stable_across_reloads_and_layouts(definition):
    # The second layout is flow style with YAML 1.1 words like yes/no/on/off left unquoted.
    first = load(definition).survey
    assert load(definition).survey.content_hash == first.content_hash
    assert load(definition, flow=True).survey.content_hash == first.content_hash
    rebuilt = survey_from_data(to_data(first))
    assert rebuilt == first and rebuilt.content_hash == first.content_hash


@SETTINGS
@given(definitions(), st.data())
def test_hash_changes_when_content_changes(definition, data):
    before = load(definition).survey.content_hash
    changed = copy.deepcopy(definition)
    question = data.draw(st.sampled_from(
        [q for page in changed["pages"] for q in page["questions"]]))
    question["label"] = question["label"] + " (changed)"
    assert load(changed).survey.content_hash != before


@SETTINGS
@given(definitions(), st.data())
def test_damaged_files_give_errors_not_exceptions(definition, data):
    lines = dump(definition).splitlines()
    i = data.draw(st.integers(0, len(lines) - 1))
    junk = data.draw(st.sampled_from(["", "  oops: 1", "- x", "[", "id: Bad", "type: matrix"]))
    lines[i] = data.draw(st.sampled_from([junk, lines[i] + junk, lines[i][: len(lines[i]) // 2]]))
    result = load_text("\n".join(lines), "gen.yaml", choices=SHARED_CHOICES)
    assert (result.survey is None) == bool(result.errors)
    assert all(e.line >= 1 and e.col >= 1 for e in result.errors)
