"""Browse the exhibits by facets: room, AI role, digital source type, medium kind and decade.

A facet state is a plain set of choices, at most one value a facet; choices
combine (an exhibit must match every one). Its URL parameters come in one
canonical order, so each state has one address.

A Table holds every exhibit's values once, as sets of rows in Python integers
(bit n set for the exhibit of row n), so the counts a page shows take a few
bitwise ANDs however many exhibits a search finds.
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


def rows(numbers) -> int:
    """Return the set of rows numbered, as an integer with those bits set."""
    bits = bytearray(1)
    for n in numbers:
        if n >> 3 >= len(bits):
            bits.extend(bytes((n >> 3) + 1 - len(bits)))
        bits[n >> 3] |= 1 << (n & 7)
    return int.from_bytes(bits, "little")


def numbers(rows: int) -> list[int]:
    """Return the numbers of a set of rows, smallest first."""
    return [n for n, bit in enumerate(reversed(bin(rows)[2:])) if bit == "1"]


class Table:
    """The facet values of a list of exhibits, each value the set of rows that have it.

    Row n is the n-th exhibit given, counting from `first`.
    """

    def __init__(self, exhibits, first: int = 0):
        exhibits = list(exhibits)
        self.sets: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        members: dict[tuple[str, str], list[int]] = {}
        for n, exhibit in enumerate(exhibits, first):
            for facet, found in values(exhibit).items():
                for value in found:
                    members.setdefault((facet, value), []).append(n)
        for (facet, value), numbers in members.items():
            self.sets[facet][value] = rows(numbers)
        self.every = ((1 << len(exhibits)) - 1) << first  # every row

    def admitted(self, state: State, but: str = "") -> int:
        """Return the rows that have every value chosen, the choice of facet `but` left out."""
        found = self.every
        for facet, value in state.chosen:
            if facet != but:
                found &= self.sets[facet].get(value, 0)
        return found

    def counts(self, found: int, state: State) -> dict[str, dict[str, int]]:
        """Return, for each facet, how many of the rows found each of its values would leave.

        A facet's counts apply every other facet's choice, not its own: a visitor
        sees how many they would find by choosing another value of it.
        """
        table = {}
        for facet in FACETS:
            within = found & self.admitted(state, but=facet)
            counted = ((v, (s & within).bit_count()) for v, s in self.sets[facet].items())
            table[facet] = {value: count for value, count in counted if count}
        return table


def counts(exhibits, state: State) -> dict[str, dict[str, int]]:
    """Return, for each facet, how many of the exhibits each of its values would leave."""
    table = Table(exhibits)
    return table.counts(table.every, state)
