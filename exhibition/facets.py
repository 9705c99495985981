"""Browse the exhibits by facets: room, AI role, digital source type, medium kind and decade.

A facet state is a plain set of choices, at most one value a facet; choices
combine (an exhibit must match every one). Its URL parameters come in one
canonical order, so each state has one address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FACETS = ("room", "role", "source", "kind", "decade")  # the parameters, in canonical order
KINDS = ("image", "audio", "video")


def values(exhibit) -> dict[str, set[str]]:
    """Return the values an exhibit has for each facet."""
    year = re.match(r"\d{4}", exhibit.year or "")
    return {
        "room": {exhibit.room_slug},
        "role": {exhibit.ai.role},
        "source": {exhibit.ai.source_type},
        "kind": {m.kind for m in exhibit.media},
        "decade": {year.group()[:3] + "0"} if year else set(),
    }


@dataclass(frozen=True)
class State:
    """The facets chosen, by parameter; a facet not chosen is absent."""

    chosen: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, args) -> State:
        """Return the state a request's parameters ask for: known facets only, one value each."""
        return cls(tuple((f, str(args[f])[:100]) for f in FACETS if args.get(f)))

    def get(self, facet: str) -> str:
        return dict(self.chosen).get(facet, "")

    def admits(self, exhibit) -> bool:
        """Return True if the exhibit has every value chosen."""
        found = values(exhibit)
        return all(value in found[facet] for facet, value in self.chosen)

    def toggled(self, facet: str, value: str) -> dict[str, str]:
        """Return the parameters of this state with a value chosen, or unchosen if it was."""
        chosen = dict(self.chosen)
        if chosen.get(facet) == value:
            del chosen[facet]
        else:
            chosen[facet] = value
        return {f: chosen[f] for f in FACETS if f in chosen}


def counts(exhibits, state: State) -> dict[str, dict[str, int]]:
    """Return, for each facet, how many exhibits each of its values would leave.

    A facet's counts apply every other facet's choice, not its own: a visitor
    sees how many they would find by choosing another value of it.
    """
    table: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for exhibit in exhibits:
        found = values(exhibit)
        for facet in FACETS:
            others = State(tuple(c for c in state.chosen if c[0] != facet))
            if not others.admits(exhibit):
                continue
            for value in found[facet]:
                table[facet][value] = table[facet].get(value, 0) + 1
    return table
