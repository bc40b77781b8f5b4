"""Fake callers and call-takers: names and 08xx numbers drawn from the scenario's lists.

They exist so that privacy redaction downstream has something real-looking to hide.
"""

from __future__ import annotations

import random

from wallboard.model import Caller
from wallboard.simulator.scenario import People


class PeopleFactory:
    """Draws names and phone numbers from the scenario with the engine's RNG."""

    def __init__(self, people: People, rng: random.Random) -> None:
        self._people = people
        self._rng = rng

    def name(self) -> str:
        p, rng = self._people, self._rng
        return f"{rng.choice(p.first_names)} {rng.choice(p.last_names)}"

    def phone(self) -> str:
        digits = self._rng.randint(7, 8)
        number = "".join(str(self._rng.randint(0, 9)) for _ in range(digits))
        return self._rng.choice(self._people.phone_prefixes) + number

    def caller(self, named: bool = True) -> Caller:
        phone = self.phone()
        return Caller(name=self.name() if named else "", phone=phone)
