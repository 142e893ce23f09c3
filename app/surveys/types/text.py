"""text: a short typed answer (a name, a role), at most max_length characters (250)."""

from __future__ import annotations

from .families import TextKind
from .registry import register


@register
class Text(TextKind):
    name = "text"
    default_max_length = 250
    is_free_text = True
