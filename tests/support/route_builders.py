"""Every test builds its own Flask app (about 1,400 a run, twice in CI), and Werkzeug compiles
two URL builders per route for each app, from an ast: most of create_app's time (~0.25 s of
~0.4 s on two cores). A builder depends only on the rule's parsed parts, its defaults and
whether it appends unknown arguments (converters are looked up on the rule it is bound to), so
one compiled builder per distinct rule serves every app. Tests only: a deployment builds its
app once per worker."""

from __future__ import annotations

from werkzeug.routing import rules

_compiled: dict[tuple, object] = {}


def share_compiled_builders() -> None:
    original = getattr(rules.Rule, "_compile_builder", None)
    if original is None or getattr(original, "shared", False):
        return  # another Werkzeug, or done already: apps are built the slow way

    def compile_builder(self, append_unknown: bool = True):
        key = (self.rule, tuple(self._trace), repr(sorted((self.defaults or {}).items())),
               append_unknown)
        builder = _compiled.get(key)
        if builder is None:
            builder = _compiled[key] = original(self, append_unknown)
        return builder

    compile_builder.shared = True
    rules.Rule._compile_builder = compile_builder
