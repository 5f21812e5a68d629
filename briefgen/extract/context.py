"""The article being read, as the fact rules and the anaphora resolver see it."""

from __future__ import annotations

from dataclasses import dataclass

from ..articles.source import Source
from ..core.config import Config
from .dates import Reference
from .types import DateMention, Mention, QuantityMention, Sentence


@dataclass
class Context:
    """One article being read: its text, sentences and mentions, and what earlier sentences said."""

    cfg: Config
    source: Source
    text: str
    sents: list[Sentence]
    mentions: list[Mention]
    dates: list[DateMention]
    quantities: list[QuantityMention]
    ref: Reference | None
    role_spans: tuple[tuple[int, int], ...] = ()
    roles: dict = None  # person id → role the text gives
    theme_probs: dict | None = None  # theme id → probability from the learned classifier (None: cues only)

    def in_role(self, m: Mention) -> bool:
        """Whether the mention is part of someone's title (« … au département d'État »)."""
        return any(a <= m.start and m.end <= b for a, b in self.role_spans)

    def in_sent(self, items, i):
        return [x for x in items if x.sent == i]

    def before(self, pos: int, labels: tuple[str, ...]) -> Mention | None:
        prior = [m for m in self.mentions if m.end <= pos and m.label in labels]
        return prior[-1] if prior else None
