"""Fact rules run over an article: per sentence, the rules of extract/kinds.py whose trigger words
(lemmas) it has, each filling its fact's roles; then what every kind shares: the date near the
trigger (or inherited), the quantities, quotes with their speaker, and theme classification from
the cue lexicons of config/brief.yaml, weighed by the learned article classifier when there is one
(extract.learned). Output: one Candidate per trigger, with its evidence sentence."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from spacy.attrs import IDX, LEMMA, LOWER

from ..core.config import Config
from ..facts.contract import REFERENCES
from ..facts.model import DateSpan, Evidence, Quantity, Quote
from . import dates as dates_mod
from .context import Context
from .kinds import RULES, Rule
from .learned import GATE, GATE_CUES, KEEP, LEAD, OFF_TOPIC, SURE, VETO
from .quantities import CURRENCIES, EQUIPMENT
from .site import NEAR, Site, Token, explicit_date, fold, in_a_clause_after, nearest, tok_dist, topics_in
from .types import Candidate, Mention

NEGATION = {"aucun", "aucune", "jamais"}
_QUOTE = re.compile(r"«\s*(.+?)\s*»", re.DOTALL)
_ATTRIB = re.compile(r"^\s*,?\s*(?:a|ont|avait)(?:-t-(il|elle))?\s+(\w+)", re.IGNORECASE)


@lru_cache(maxsize=64)
def _cue_patterns(cues: tuple[str, ...]) -> tuple[re.Pattern | None, tuple[tuple[str, re.Pattern], ...]]:
    """One pattern that finds whether any cue is there, and one per cue (with its folded text) to
    count them."""
    if not cues:
        return None, ()
    each = tuple((fold(cue), re.compile(r"\b" + re.escape(fold(cue)))) for cue in cues)
    return re.compile(r"\b(?:" + "|".join(re.escape(fold(cue)) for cue in cues) + ")"), each


def theme_scores(cfg: Config, text: str) -> dict[str, int]:
    """How many cue words of each configured theme ``text`` contains (word-prefix match)."""
    t = fold(text)
    scores = {}
    for theme in cfg.brief.themes:
        any_cue, each = _cue_patterns(tuple(theme.cues))
        if any_cue is None or not any_cue.search(t):
            continue
        # a cue absent as a plain substring cannot match: the substring test is far cheaper
        n = sum(len(p.findall(t)) for cue, p in each if cue in t)
        if n:
            scores[theme.id] = n
    return scores


def candidates(doc, ctx: Context) -> list[Candidate]:
    """Every candidate fact of one article, in text order."""
    out: list[Candidate] = []
    quote_sents: set[int] = set()
    doc_scores = theme_scores(ctx.cfg, ctx.text)
    quotes = [m for m in _QUOTE.finditer(ctx.text) if len(m.group(1).split()) >= 5]
    words = _words(doc)
    for i, s in enumerate(ctx.sents):
        for m in quotes:
            if _sent_of(ctx, m.start()) == i:
                q = _quote(m, doc, ctx, out)
                quote_sents.update(range(i, _sent_of(ctx, m.end() - 1) + 1))
                if q is not None:
                    out.append(_with_themes(q, ctx, doc_scores))
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            continue
        out.extend(_sentence(span, i, ctx, doc_scores, in_quote=i in quote_sents, previous=out,
                             words=words[span.start:span.end]))
    _orphan_quantities(ctx, out)
    lead = _lead(doc, ctx, out)
    if lead is not None:
        # a fact a rule read in that sentence, under no theme, takes the theme rather than a new one
        # (« l'ambassade de Chine a offert un lot de médicaments » is a delivery)
        ruled = next((c for c in out if c.sent == lead.sent and not c.themes), None)
        out = [replace(c, themes=lead.themes) if c is ruled else c for c in out] if ruled else out + [lead]
    out.sort(key=lambda c: (c.evidence.start, c.kind))
    if about_no_theme(ctx.theme_probs, doc_scores) or off_topic(doc, ctx.cfg, ctx.theme_probs):
        out = [replace(c, themes=()) for c in out]
    return out


def about_no_theme(probs: dict[str, float] | None, doc_scores: dict[str, int]) -> bool:
    """The classifier finds the article about none of the themes and its cue words are few
    (« la garde » of a festival, a stadium's « investissement »): its facts get no theme."""
    return bool(probs) and max(probs.values()) < GATE and sum(doc_scores.values()) <= GATE_CUES


def off_topic(doc, cfg: Config, probs: dict[str, float] | None) -> bool:
    """The article tells a story of the kinds the brief never reports (``off_topic`` of
    config/brief.yaml: sport, culture) in at least ``OFF_TOPIC`` of its words, and the classifier
    is not sure of any theme (an army's football tournament, its orchestra's concert)."""
    words = cfg.brief.off_topic
    if not words or (probs and max(probs.values()) >= SURE):
        return False
    tokens = [t for t in doc if t.is_alpha]
    return bool(tokens) and sum(t.lower_ in words for t in tokens) >= OFF_TOPIC * len(tokens)


def _parties(ctx: Context, i: int) -> list[str]:
    """The people, bodies, states and armed groups sentence ``i`` names (not inside a title)."""
    return list(dict.fromkeys(m.entity for m in ctx.in_sent(ctx.mentions, i)
                              if m.label in ("PER", "ORG", "STATE", "ARMED") and not ctx.in_role(m)))


def _lead(doc, ctx: Context, out: list[Candidate]) -> Candidate | None:
    """An article the classifier finds about a theme (p ≥ ``LEAD``) whose lead (its first sentence
    that names a party, and the next) gave no fact under a theme still proposes one: that sentence,
    as a fact of kind ``other`` under the likeliest theme, dated by what the sentence writes or the
    dateline. A news article says its main event first, often in words no rule knows (« un
    hélicoptère de l'armée est reparti avec une tonne d'or »), and other outlets tell that event:
    on the 229 dev articles, same-event groups merged 33/44 -> 37/44 with leads proposed also
    beside facts found further down (wrong joins 3 -> 4; approvable share 72 % either way).
    When a rule read a fact in that sentence but the fact got no theme, that fact takes the theme
    instead (see ``candidates``). An analyst discards a wrong proposal in a second; a missed one is
    never seen."""
    probs = ctx.theme_probs
    if not probs:
        return None
    first = next((i for i in range(len(ctx.sents)) if _parties(ctx, i)), None)
    if any(c.themes and (first is None or c.sent <= first + 1) for c in out):
        return None  # the lead already gave a fact
    top = max(probs, key=lambda t: probs[t])
    if probs[top] < LEAD:
        return None
    for i, s in enumerate(ctx.sents):
        ments = [m for m in ctx.in_sent(ctx.mentions, i) if not ctx.in_role(m)]
        parties = _parties(ctx, i)
        if not parties:
            continue
        d = explicit_date(ctx, i, s.start, doc)
        if d is None and (verb := _main_verb(doc, s)) is not None:
            # or just after its main verb (« Le chef de …, X, a présenté le 12 mai … »), not a
            # date of the subject's clauses (« arrivés en mai, ils font déjà leurs valises »)
            d = next((x for x in ctx.in_sent(ctx.dates, i) if x.start > verb and tok_dist(x.start, verb, doc) <= NEAR),
                     None)
        if d is not None:
            date, explicit = d.span, True
        elif ctx.ref is not None:
            date, explicit = (dates_mod.week_span(ctx.ref.day) if ctx.ref.precision == "day" else
                              dates_mod.month_span(ctx.ref.day.year, ctx.ref.day.month)), False
        else:
            date, explicit = None, False
        qty = [q.quantity for q in ctx.in_sent(ctx.quantities, i)]
        return Candidate(kind="other", source=ctx.source.id, sent=i, date=date, date_explicit=explicit,
                         evidence=Evidence(ctx.source.id, s.start, s.end, ctx.source.text[s.start:s.end]),
                         quantities=tuple(_with_role(q, qty) for q in qty), themes=(top,), actors=tuple(parties),
                         places=tuple(dict.fromkeys(m.entity for m in _event_places(ments, ctx))),
                         objects=tuple(dict.fromkeys(m.entity for m in ments if m.label == "PROG")))
    return None


_RELATIVE = frozenset(["qui", "que", "qu'", "qu’", "dont", "où", "lequel", "laquelle", "lesquels", "lesquelles"])


def _main_verb(doc, s) -> int | None:
    """Where the sentence's main verb is (its character offset): the first conjugated verb or
    auxiliary that no relative pronoun just before opens a clause of its own (the model's
    pipeline has no dependency parser)."""
    span = doc.char_span(s.start, s.end, alignment_mode="expand")
    if span is None:
        return None
    for t in span:
        if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") and not any(
                w.lower_ in _RELATIVE for w in doc[max(t.i - 3, span.start):t.i]):
            return t.idx
    return None


def _orphan_quantities(ctx: Context, out: list[Candidate]) -> None:
    """« Le camp compterait cependant près de 1 000 recrues » : a figure in a sentence without a
    trigger belongs to the fact told just before that counts the same thing."""
    covered = {c.sent for c in out}
    for i, s in enumerate(ctx.sents):
        if i in covered:
            continue
        _orphan_amount(ctx, out, i)
        qs = [q.quantity for q in ctx.in_sent(ctx.quantities, i) if q.quantity.unit in ("recruit", "person")]
        origins = ()
        if re.search(r"\b(?:viennent|venus|venues|issus|issues|originaires)\s+(?:de|d')", ctx.text[s.start:s.end]):
            origins = tuple(dict.fromkeys(m.entity for m in ctx.in_sent(ctx.mentions, i) if m.label == "LOC"))
        if not qs and not origins:
            continue
        prior = [c for c in out if c.sent < i and RULES[c.kind].later_figures]
        if not prior:
            continue
        c = prior[-1]
        between = ctx.text[ctx.sents[c.sent + 1].start:s.end] if c.sent + 1 <= i else ""
        if _ANOTHER.search(between):
            continue  # « Une deuxième session … Elle doit réunir vingt officiers »: not the same event
        out.append(replace(c, sent=i, date_explicit=False, quote=None,
                           evidence=Evidence(ctx.source.id, s.start, s.end, ctx.source.text[s.start:s.end]),
                           quantities=tuple(_with_role(q, qs) for q in qs), origins=origins, places=(),
                           objects=()))


def _orphan_amount(ctx: Context, out: list[Candidate], i: int) -> None:
    """« Le Mali a reçu des médicaments. Leur valeur est estimée à 165 millions de FCFA. »: a sum
    of money alone in the sentence right after a fact that counts figures, in its paragraph, is
    that fact's when the fact gives no sum of its own (the value of a donation, of a deal)."""
    money = [q.quantity for q in ctx.in_sent(ctx.quantities, i) if q.quantity.unit in CURRENCIES]
    if not money or i == 0 or ctx.sents[i].paragraph != ctx.sents[i - 1].paragraph:
        return
    for n, c in enumerate(out):
        if c.sent == i - 1 and c.source == ctx.source.id and RULES.get(c.kind) is not None and \
                RULES[c.kind].figures and not any(q.unit in CURRENCIES for q in c.quantities):
            out[n] = replace(c, quantities=c.quantities + tuple(_with_role(q, money) for q in money))


_ANOTHER = re.compile(r"\b(?:deuxième|seconde?|autre|nouvelle|prochaine|troisième)\s+"
                      r"(?:session|formation|promotion|campagne|vague|cohorte|contingent)\b", re.IGNORECASE)


def _sent_of(ctx: Context, pos: int) -> int:
    return max(j for j, s in enumerate(ctx.sents) if s.start <= pos or j == 0)


def _words(doc) -> list[tuple[str, str, int]]:
    """(lemma in lower case, word in lower case, character offset) of every token of ``doc``, read
    from its arrays: no Token object made per word."""
    strings = doc.vocab.strings
    lower: dict[int, str] = {}

    def low(key: int) -> str:
        if key not in lower:
            lower[key] = strings[key].lower()
        return lower[key]

    return [(low(lemma), strings[word], idx) for lemma, word, idx in doc.to_array([LEMMA, LOWER, IDX]).tolist()]


def _sentence(span, i: int, ctx: Context, doc_scores, *, in_quote: bool, previous,
              words: list[tuple[str, str, int]]) -> list[Candidate]:
    """The candidates of one sentence (``words``: its tokens as ``_words`` reads them): each rule
    whose trigger it has, in the rules' order."""
    s = ctx.sents[i]
    tokens = [Token(lemma, low, idx, words[j - 1][1] if j else "", words[j + 1][1] if j + 1 < len(words) else "",
                    tuple(w[1] for w in words[j + 1:j + 5]))
              for j, (lemma, low, idx) in enumerate(words)]
    said = {t.word for t in tokens}
    if said & NEGATION:
        return []
    ments = ctx.in_sent(ctx.mentions, i)
    units = {q.quantity.unit for q in ctx.in_sent(ctx.quantities, i)}
    lemmas = {t.lemma for t in tokens}
    triggered: list[tuple[str, int]] = []
    for rule in RULES.values():
        # a rule none of whose triggers the sentence has, as a word or a lemma, finds nothing in it
        if not (rule.not_in_quotes and in_quote) and not (rule.triggers.isdisjoint(said)
                                                          and rule.triggers.isdisjoint(lemmas)):
            triggered += _triggers(rule, tokens, ments, units)
    for rule in RULES.values():
        if rule.implied and rule.kind not in {k for k, _ in triggered} and rule.implied(lemmas, units):
            triggered.append((rule.kind, s.start))
    triggered.sort(key=lambda t: RULES[t[0]].last)  # stable: the rules tried last after the others
    people = [m for m in ments if m.label == "PER"]
    found: list[Candidate] = []
    claimed: dict[str, set[str]] = {}
    for kind, idx in triggered:
        rule = RULES[kind]
        if any(c.kind in rule.yields_to for c in found):
            continue
        c = _build(rule, idx, span, i, ctx, people, ments, claimed.setdefault(kind, set()), previous + found)
        if c is not None and not any(o.kind == c.kind and o.core() == c.core() for o in found):
            found.append(c)
    return [_with_themes(c, ctx, doc_scores) for c in found]


def _triggers(rule: Rule, tokens: list[Token], ments: list[Mention], units: set[str]) -> list[tuple[str, int]]:
    """(kind, offset) of the trigger words of ``rule`` in a sentence; a trigger inside a name does
    not count (« Chambre américaine de commerce » is no meeting) unless the rule allows it."""
    out = []
    for t in tokens:
        if t.lemma not in rule.triggers and t.word not in rule.triggers:
            continue
        meant = rule.reading(t, units) if rule.reading else rule.kind
        if meant is None:
            continue
        if meant != rule.kind:
            out.append((meant, t.idx))
            break
        inside = [m for m in ments if m.start <= t.idx < m.end]
        if not inside or all(m.label in rule.in_names for m in inside):
            out.append((rule.kind, t.idx))
            if not rule.every_trigger:
                break
    return out


def _event_places(ments, ctx: Context) -> list:
    """The places a sentence names, but a state's territory read by the state's own id (« les avoirs
    aux États-Unis », the gazetteer giving that state no place): where assets or embassies are, not
    where the event happened."""
    return [m for m in ments if m.label == "LOC" and not (m.known and m.entity in ctx.cfg.entities
                                                          and ctx.cfg.entities[m.entity].kind == "state")]


def _build(rule: Rule, idx: int, span, i: int, ctx: Context, people, ments, claimed: set[str], previous):
    """One candidate for the trigger at ``idx``: the rule fills the roles, the rest is shared."""
    doc = span.doc
    person = nearest([p for p in people if p.entity not in claimed], idx, doc)
    if person is not None and claimed and tok_dist(person.start, idx, doc) > NEAR + 6:
        person = None  # a second trigger of the same kind only takes someone named close to it
    site = Site(rule.kind, idx, span, i, ctx, people=people, places=_event_places(ments, ctx),
                mentions=[m for m in ments if not ctx.in_role(m)], person=person, claimed=claimed,
                previous=previous)
    r = rule.fill(site)
    if r is None:
        return None
    s = ctx.sents[i]
    date, explicit = _date_for(rule.kind, r.actors + r.targets + r.objects, ctx, i, idx, doc, previous)
    refs = {name: getattr(r, name) for name in REFERENCES}
    refs["topics"] = tuple(topics_in(ctx.cfg, site.low)) if "topics" in rule.roles else ()
    qty = site.quantities
    return Candidate(kind=rule.kind, source=ctx.source.id, sent=i, date=date, date_explicit=explicit,
                     evidence=Evidence(ctx.source.id, s.start, s.end, ctx.source.text[s.start:s.end]),
                     action=r.action, quantities=tuple(_with_role(q, qty) for q in qty) if rule.figures else (),
                     **refs)


def _with_role(q: Quantity, all_q: list[Quantity]) -> Quantity:
    if q.role:
        return q
    role = None
    if q.unit in ("recruit", "person", "young_person"):
        role = "participants"
    elif q.unit in CURRENCIES:
        role = "amount"
    elif q.unit in EQUIPMENT:
        role = "items"
    elif q.unit in ("month", "week", "day"):
        bigger = any(o.unit == q.unit and o.value > q.value for o in all_q)
        role = "phase" if bigger or re.search(r"premi|suivant|derni", q.text) else "duration"
    return replace(q, role=role)  # keeps ``approximate`` and the label


_LOOKING_BACK = re.compile(r"(?i)\b(?:derni(?:er|ère)s?|passée?s?|précédente?s?|auparavant|plus tôt)\b")
"""A date that looks back from the day of writing (« le mois dernier »): the sentence after the lead
that gives one, with no day or year written, tells what came before, not when the lead's event
happened (« depuis le 22 juillet dernier » names its day: it may date the lead)."""


def _date_for(kind, core, ctx: Context, i, idx, doc, previous) -> tuple[DateSpan | None, bool]:
    """The date written near the trigger; else that of the same event earlier in the article; else
    the nearest date in the paragraph; else the publication week (or month)."""
    d = explicit_date(ctx, i, idx, doc)
    if d is not None:
        return d.span, True
    mine = [c for c in previous if c.source == ctx.source.id and c.date]
    for same_kind in (True, False):
        for c in reversed(mine):
            if (c.kind == kind) == same_kind and (c.date_explicit or same_kind or c.date.precision == "day") and (
                    set(core) & c.core() or (not core and c.kind == kind)):
                return c.date, False
    if RULES[kind].paragraph_date:
        para = ctx.sents[i].paragraph
        same = [d for d in ctx.dates if ctx.sents[d.sent].paragraph == para and d.sent <= i
                and not (d.sent == i and in_a_clause_after(ctx, idx, d))]
        same = same or [d for d in ctx.dates if ctx.sents[d.sent].paragraph == para and d.sent - i == 1
                        and not (_LOOKING_BACK.search(d.text) and not any(c.isdigit() for c in d.text))]
        if same:
            best = min(same, key=lambda d: abs(d.sent - i))
            return best.span, False
    if ctx.ref is None:
        return None, False
    if ctx.ref.precision == "day":
        return dates_mod.week_span(ctx.ref.day), False
    return dates_mod.month_span(ctx.ref.day.year, ctx.ref.day.month), False


def _with_themes(c: Candidate, ctx: Context, doc_scores) -> Candidate:
    """Themes from the cue words of the evidence (and quote); without a cue there, the paragraph's
    most cued theme(s), else the article's when it has more than a couple of cues (or the
    classifier is sure it is about a theme). Of several themes, those the classifier finds the
    article unlikely to be about are dropped (the likeliest is kept); a theme it finds the article
    hardly about at all (below ``VETO``) gives way to the article's likeliest theme."""
    text = c.evidence.text + (" " + c.quote.text if c.quote else "")
    scores = theme_scores(ctx.cfg, text)
    probs = ctx.theme_probs
    if not scores:
        para = ctx.sents[c.sent].paragraph
        scores = theme_scores(ctx.cfg, " ".join(ctx.text[s.start:s.end] for s in ctx.sents if s.paragraph == para))
        if not scores and (sum(doc_scores.values()) > GATE_CUES or (probs and max(probs.values()) >= SURE)):
            scores = doc_scores  # a mere word or two in a whole article is no theme for it
        if scores:
            top = max(scores.values())
            scores = {t: v for t, v in scores.items() if v == top}
    if len(scores) > 1 and probs:
        best = max(scores, key=lambda t: probs.get(t, 0.0))
        scores = {t: v for t, v in scores.items() if t == best or probs.get(t, 0.0) >= KEEP}
    if probs and any(probs.get(t, 0.0) < VETO for t in scores):
        # a cue word in an article the classifier finds hardly about its theme (« les forces de
        # sécurité » in a story of mining or of the defence budget): the fact keeps its other
        # themes, else takes the article's likeliest one (it stays proposed: recall first)
        kept = {t: v for t, v in scores.items() if probs.get(t, 0.0) >= VETO}
        scores = kept or {max(probs, key=lambda t: probs[t]): 1}
    themes = tuple(t for t in ctx.cfg.theme_ids() if t in scores)
    themes = tuple(sorted(themes, key=lambda t: -scores[t]))
    if themes and _between_states(c, ctx):  # « la Russie a livré des blindés au Mali »: an arms deal
        themes += tuple(t.id for t in ctx.cfg.brief.themes if c.kind in t.between_states and t.id not in themes)
    return replace(c, themes=themes)


def _between_states(c: Candidate, ctx: Context) -> bool:
    """Whether a state acts in the fact towards another party (a state or its forces)."""
    states = {m.entity for m in ctx.mentions if m.label == "STATE"}
    givers = [a for a in c.actors if a in states]
    return bool(givers) and any(x not in givers for x in c.counterparts)


def _quote(m, doc, ctx: Context, previous) -> Candidate | None:
    """A statement with a quote: « … », a déclaré X / a-t-il souligné (the last person named)."""
    inner = m.group(1)
    first = _sent_of(ctx, m.start())
    last = _sent_of(ctx, m.end() - 1)
    end = ctx.sents[last].end
    att = _ATTRIB.match(ctx.text[m.end():end])
    if att and att.group(1):
        p = ctx.before(ctx.sents[first].start, ("PER",))
        speaker = p.entity if p else None
    elif att:
        after = [x for x in ctx.mentions if m.end() <= x.start < end and x.label in ("PER", "ORG", "STATE")]
        speaker = after[0].entity if after else None
    else:
        pre = [x for x in ctx.mentions if ctx.sents[first].start <= x.start < m.start() and x.label == "PER"]
        colon = re.search(r":\s*$", ctx.text[ctx.sents[first].start:m.start()])
        speaker = pre[-1].entity if pre and colon else None
    if speaker is None or speaker not in ctx.cfg.entities:
        return None
    start = ctx.sents[first].start
    targets = tuple(dict.fromkeys(x.entity for x in ctx.mentions if m.start() <= x.start < m.end() and x.label == "ARMED"))
    date, explicit = _date_for("statement", [speaker], ctx, first, m.start(), doc, previous)
    topics = tuple(topics_in(ctx.cfg, fold(inner)))
    return Candidate(kind="statement", source=ctx.source.id, sent=first, date=date, date_explicit=explicit,
                     evidence=Evidence(ctx.source.id, start, end, ctx.source.text[start:end]),
                     actors=(speaker,), targets=targets, topics=topics,
                     quote=Quote(ctx.source.text[m.start(1):m.end(1)], speaker))
