"""The API's OpenAPI 3.1 document, made by apispec from the routes' docstrings, and a page that
reads it out for people."""

from __future__ import annotations

import inspect

from apispec import APISpec
from apispec.yaml_utils import load_operations_from_docstring
from flask import current_app, render_template

from app.views.api.blueprint import OPEN, bp

PARAMETERS = {
    "page": {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
    "per_page": {"name": "per_page", "in": "query",
                 "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
    "format": {"name": "format", "in": "query",
               "schema": {"type": "string", "enum": ["json", "csv"]}},
}


def spec() -> dict:
    doc = APISpec(title="NHS health and wellbeing platform API", version="1",
                  openapi_version="3.1.0", info={"description": (
                      "Read-only. Send a personal token (made at /account/tokens) as "
                      "Authorization: Bearer <token>; it acts with exactly its owner's access. "
                      "Tables page with page and per_page, and come as CSV with format=csv.")})
    doc.components.security_scheme("token", {"type": "http", "scheme": "bearer"})
    for name, parameter in PARAMETERS.items():
        doc.components.parameter(name, parameter["in"], parameter)
    for rule in sorted(current_app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint.split(".")[0] != bp.name or rule.endpoint in OPEN:
            continue
        view = current_app.view_functions[rule.endpoint]
        operations = load_operations_from_docstring(view.__doc__ or "")
        path_parameters = [
            {"name": name, "in": "path", "required": True,
             "schema": {"type": "integer" if f"<int:{name}>" in rule.rule else "string"}}
            for name in sorted(rule.arguments)]
        for operation in operations.values():
            operation["security"] = [{"token": []}]
            operation["parameters"] = path_parameters + operation.get("parameters", []) + (
                list(PARAMETERS)
                if "output.table(" in inspect.getsource(view) else [])
            operation.setdefault("responses", {}).setdefault(
                401, {"description": "No valid token"})
        path = rule.rule.replace("<int:", "<").replace("<", "{").replace(">", "}")
        doc.path(path=path, operations=operations)
    return doc.to_dict()


@bp.get("/openapi.json")
def openapi():
    return spec()


@bp.get("/")
def reference():
    return render_template("api/reference.html", spec=spec())
