"""How far two coders agree on which texts have which theme: per theme, F1 and Cohen's kappa
over the texts both coded, and their means (macro) over themes.

F1 is the harmonic mean of precision and recall when one coder is taken as the reference; it is
symmetric, so it does not matter which. Kappa corrects the share of texts on which they agree
for the agreement two coders tagging at those rates would reach by chance: 1 is perfect, 0 no
better than chance. When both coders gave a theme to every text, or to none, kappa cannot be
worked out (None) and F1 is 1 if they agree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ThemeAgreement:
    theme: str
    both: int  # texts both coders gave the theme
    only_a: int
    only_b: int
    neither: int

    @property
    def f1(self) -> float:
        given = 2 * self.both + self.only_a + self.only_b
        return 1.0 if given == 0 else 2 * self.both / given

    @property
    def kappa(self) -> float | None:
        n = self.both + self.only_a + self.only_b + self.neither
        if n == 0:
            return None
        observed = (self.both + self.neither) / n
        a_yes, b_yes = (self.both + self.only_a) / n, (self.both + self.only_b) / n
        chance = a_yes * b_yes + (1 - a_yes) * (1 - b_yes)
        return None if chance >= 1 else (observed - chance) / (1 - chance)


@dataclass(frozen=True)
class Agreement:
    texts: int  # coded by both
    themes: tuple[ThemeAgreement, ...]

    @property
    def macro_f1(self) -> float | None:
        return (sum(t.f1 for t in self.themes) / len(self.themes)) if self.themes else None

    @property
    def macro_kappa(self) -> float | None:
        values = [t.kappa for t in self.themes if t.kappa is not None]
        return sum(values) / len(values) if values else None


def agreement(a: dict, b: dict, themes: list[str]) -> Agreement:
    """`a`, `b`: text key -> the set of theme ids each coder gave. Only texts both coded count."""
    shared = sorted(set(a) & set(b))
    rows = []
    for theme in themes:
        both = only_a = only_b = neither = 0
        for key in shared:
            in_a, in_b = theme in a[key], theme in b[key]
            both += in_a and in_b
            only_a += in_a and not in_b
            only_b += in_b and not in_a
            neither += not in_a and not in_b
        rows.append(ThemeAgreement(theme, both, only_a, only_b, neither))
    return Agreement(len(shared), tuple(rows))
