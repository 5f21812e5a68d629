"""Fact rules: per sentence, trigger words (lemmas) of each fact kind, the nearest actor, date
and place, the quantities, quotes with their speaker, and theme classification from the cue
lexicons of config/brief.yaml. Output: one Candidate per trigger, with its evidence sentence."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ..core.config import Config
from ..facts.model import DateSpan, Evidence, Quantity, Quote
from . import dates as dates_mod
from .anaphora import person_meant
from .context import Context
from .types import Candidate, DateMention, Mention

TRIGGERS = {
    "visit": {"visite", "séjourner", "séjour", "venue", "passage", "déplacement", "rendre", "venir",
              "délégation", "dépêcher"},
    "meeting": {"entretien", "entrevue", "audience", "recevoir", "rencontrer", "rencontre", "réunir",
                "réunion", "entretenir", "forum", "sommet", "colloque", "atelier", "séminaire"},
    "announcement": {"annoncer", "annonce", "inaugurer", "lancer", "lancement", "ouverture", "création"},
    "sanction": {"sanction", "sanctionner", "geler", "gel"},
    "agreement": {"accord", "convenir", "signer", "protocole", "mémorandum"},
    "programme": {"programme", "dispositif", "initiative"},
    "delivery": {"livrer", "livraison", "réceptionner", "remettre", "remise", "don"},
    "training": {"formation", "instruction", "entraînement", "cursus", "former"},
    "recruitment": {"recrutement", "recruter", "enrôler", "enrôlement"},
    "graduation": {"promotion", "diplômer", "baptême"},
}
SPEECH = {"déclarer", "souligner", "résumer", "affirmer", "indiquer", "ajouter", "expliquer", "estimer",
          "préciser", "rappeler", "insister", "redire", "dire", "plaider", "assurer", "promettre",
          "saluer", "répéter", "désigner", "citer", "réaffirmer", "selon"}
START_VERBS = {"arriver", "débuter", "entamer", "commencer", "accueillir"}
GROUP_ANAPHORS = re.compile(r"\b(?:ces|les|plusieurs|trois|deux)\s+(?:groupes|organisations|terroristes|entités)\b"
                            r"|\b(?:ils|leur|leurs|eux)\b", re.IGNORECASE)
NEGATION = {"aucun", "aucune", "jamais"}
ACTIONS = (("create", r"créat|verrai?t? (?:bientôt )?le jour|voir le jour|installation|ouverture prochaine"),
           ("open", r"\bouvr|ouverture"), ("launch", r"lance"), ("resume", r"relanc|reprise|réactiv"),
           ("suspend", r"suspen|\bgel|pause|sommeil"), ("extend", r"prolong"), ("sign", r"sign"))
TOPIC_CUES = {"counter-terrorism": r"terroris|antiterror", "sovereignty": r"souverainet",
              "peace-process": r"processus de paix", "economic-cooperation": r"coopération économique|"
              r"partenariat économique|\béconomi", "health": r"\bsanté", "trade": r"commerce|investiss",
              "sanctions": r"sanction"}
ORIGIN_CUES = {"venir", "issu", "originaire", "provenir", "venu"}
_NEAR = 14
_QUOTE = re.compile(r"«\s*(.+?)\s*»", re.DOTALL)
_ATTRIB = re.compile(r"^\s*,?\s*(?:a|ont|avait)(?:-t-(il|elle))?\s+(\w+)", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case without accents, for cue matching."""
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


def theme_scores(cfg: Config, text: str) -> dict[str, int]:
    """How many cue words of each configured theme ``text`` contains (word-prefix match)."""
    t = fold(text)
    scores = {}
    for theme in cfg.brief.themes:
        n = sum(len(re.findall(r"\b" + re.escape(fold(cue)), t)) for cue in theme.cues)
        if n:
            scores[theme.id] = n
    return scores


def candidates(doc, ctx: Context) -> list[Candidate]:
    """Every candidate fact of one article, in text order."""
    out: list[Candidate] = []
    quote_sents: set[int] = set()
    doc_scores = theme_scores(ctx.cfg, ctx.text)
    quotes = [m for m in _QUOTE.finditer(ctx.text) if len(m.group(1).split()) >= 5]
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
        out.extend(_sentence(span, i, ctx, doc_scores, skip_statement=i in quote_sents, previous=out))
    _orphan_quantities(ctx, out)
    out.sort(key=lambda c: (c.evidence.start, c.kind))
    return out


def _orphan_quantities(ctx: Context, out: list[Candidate]) -> None:
    """« Le camp compterait cependant près de 1 000 recrues » : a figure in a sentence without a
    trigger belongs to the fact told just before that counts the same thing."""
    covered = {c.sent for c in out}
    for i, s in enumerate(ctx.sents):
        if i in covered:
            continue
        qs = [q.quantity for q in ctx.in_sent(ctx.quantities, i) if q.quantity.unit in ("recruit", "person")]
        origins = ()
        if re.search(r"\b(?:viennent|venus|venues|issus|issues|originaires)\s+(?:de|d')", ctx.text[s.start:s.end]):
            origins = tuple(dict.fromkeys(m.entity for m in ctx.in_sent(ctx.mentions, i) if m.label == "LOC"))
        if not qs and not origins:
            continue
        prior = [c for c in out if c.sent < i and c.kind in ("training", "recruitment", "graduation")]
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


_ANOTHER = re.compile(r"\b(?:deuxième|seconde?|autre|nouvelle|prochaine|troisième)\s+"
                      r"(?:session|formation|promotion|campagne|vague|cohorte|contingent)\b", re.IGNORECASE)


def _sent_of(ctx: Context, pos: int) -> int:
    return max(j for j, s in enumerate(ctx.sents) if s.start <= pos or j == 0)


def _tok_dist(a: int, b: int, doc) -> int:
    """Distance in tokens between two character offsets."""
    ta = doc.char_span(a, a + 1, alignment_mode="expand")
    tb = doc.char_span(b, b + 1, alignment_mode="expand")
    return abs(ta.start - tb.start) if ta is not None and tb is not None else 999


def _sentence(span, i: int, ctx: Context, doc_scores, *, skip_statement: bool, previous) -> list[Candidate]:
    s = ctx.sents[i]
    lemmas = [(t.lemma_.lower(), t.lower_, t.idx) for t in span]
    words = {w for _, w, _ in lemmas}
    if words & NEGATION:
        return []
    ments = ctx.in_sent(ctx.mentions, i)
    people = [m for m in ments if m.label == "PER"]
    found: list[Candidate] = []
    claimed: dict[str, set[str]] = {}
    kinds_here: list[tuple[str, int]] = []
    has_vehicles = any(q.quantity.unit == "vehicle" for q in ctx.in_sent(ctx.quantities, i))
    for kind, trig in TRIGGERS.items():
        for j, (lemma, low, idx) in enumerate(lemmas):
            if lemma in trig or low in trig:
                after = lemmas[j + 1][1] if j + 1 < len(lemmas) else ""
                if kind == "visit" and lemma == "venir" and after in ("de", "d'", "du", "des"):
                    continue  # « venus de Bamako » says where people come from, not a visit
                if kind == "meeting" and lemma == "recevoir" and has_vehicles:
                    kinds_here.append(("delivery", idx))  # « l'armée a reçu 30 blindés »
                    break
                # a trigger inside a name does not count, except « Formation commune de base » for training
                inside = [m for m in ments if m.start <= idx < m.end]
                if not inside or (kind == "training" and all(m.label == "PROG" for m in inside)):
                    kinds_here.append((kind, idx))
                    if kind != "visit":
                        break
    if "training" not in {k for k, _ in kinds_here} and any(
            q.quantity.unit == "recruit" for q in ctx.in_sent(ctx.quantities, i)) and {l for l, _, _ in lemmas} & START_VERBS:
        kinds_here.append(("training", s.start))
    for kind, idx in kinds_here:
        if kind in ("training", "delivery") and any(c.kind == "programme" for c in found):
            continue  # « programmes … par des formations, des équipements »: the programme is the fact
        c = _build(kind, idx, span, i, ctx, people, ments, claimed.setdefault(kind, set()), previous + found)
        if c is not None and not any(o.kind == c.kind and o.core() == c.core() for o in found):
            found.append(c)
    specific = {c.kind for c in found} & {"announcement", "sanction", "agreement", "programme", "meeting"}
    # a speech verb in the passive (« n'a pas été précisée ») has no speaker
    speech = [idx for j, (l, w, idx) in enumerate(lemmas)
              if (l in SPEECH or w == "selon") and not (j and lemmas[j - 1][1] == "été")]
    if not skip_statement and not specific and speech:
        idx = speech[0]
        c = _build("statement", idx, span, i, ctx, people, ments, claimed.setdefault("statement", set()),
                   previous + found)
        if c is not None:
            found.append(c)
    return [_with_themes(c, ctx, doc_scores) for c in found]


def _nearest(items: list[Mention], idx: int, doc, exclude=()) -> Mention | None:
    pool = [m for m in items if m.entity not in exclude]
    return min(pool, key=lambda m: _tok_dist(m.start, idx, doc)) if pool else None


def _build(kind: str, idx: int, span, i: int, ctx: Context, people, ments, claimed: set[str], previous):
    """One candidate for the trigger at ``idx``; None when the sentence lacks what the kind needs."""
    doc = span.doc
    s = ctx.sents[i]
    text = ctx.text[s.start:s.end]
    low = fold(text)
    ents = ctx.cfg.entities
    orgs = [m for m in ments if m.label in ("ORG", "STATE", "ARMED")]
    places = [m for m in ments if m.label == "LOC"]
    progs = [m for m in ments if m.label == "PROG"]
    qty = [q.quantity for q in ctx.in_sent(ctx.quantities, i)]
    actors: list[str] = []
    counterparts: list[str] = []
    objects: list[str] = []
    targets: list[str] = []
    origins: list[str] = []
    place_ids: list[str] = []
    action = None
    person = _nearest([p for p in people if p.entity not in claimed], idx, doc)
    if person is not None and claimed and _tok_dist(person.start, idx, doc) > _NEAR + 6:
        person = None  # a second trigger of the same kind only takes someone named close to it
    ments = [m for m in ments if not ctx.in_role(m)]
    orgs = [m for m in ments if m.label in ("ORG", "STATE", "ARMED")]
    progs = [m for m in ments if m.label == "PROG"]
    if kind in ("visit", "statement", "announcement"):
        who = person.entity if person else None
        if who is None and kind == "visit" and re.search(r"\b(?:cette|la|sa) visite\b", low):
            last = [c for c in previous if c.kind == "visit" and c.source == ctx.source.id]
            who = last[-1].actors[0] if last and last[-1].actors else None
            if who is None:
                return None
        who = who or person_meant(span, ctx)
        if who is None and kind == "visit":
            org = _nearest([m for m in orgs if m.label == "ORG"], idx, doc)
            who = org.entity if org else None
        if who is None and kind == "statement":
            first = min(orgs, key=lambda m: m.start) if orgs else None
            who = first.entity if first and first.label in ("STATE", "ORG") and first.start < idx else None
        if who is None:
            return None
        actors = [who]
        claimed.add(who)
        if kind == "visit":
            near = [p for p in places if _tok_dist(p.start, idx, doc) <= _NEAR + 4]
            place_ids = [_nearest(near, idx, doc).entity] if near else []
            if not place_ids and re.search(r"\by\b", low):
                m = ctx.before(s.start, ("LOC",))
                place_ids = [m.entity] if m else []
        if kind == "announcement":
            objects = [m.entity for m in orgs + progs if m.label in ("ORG", "PROG") and m.entity not in actors]
            if not objects:
                return None
            action = next((a for a, rx in ACTIONS if re.search(rx, low)), None)
    elif kind == "meeting":
        parts = list(dict.fromkeys([m.entity for m in people] + ([person_meant(span, ctx)] if len(people) < 2 else [])))
        parts = [p for p in parts if p]
        objects = [m.entity for m in orgs + progs if m.label in ("ORG", "PROG")]
        place_ids = [m.entity for m in places]
        if len(parts) < 2 and not (objects and place_ids) and not (place_ids and _explicit_date(ctx, i, idx, doc)):
            return None
        order = {eid: n for n, eid in enumerate(ents)}
        parts.sort(key=lambda p: order.get(p, len(order)))  # gazetteer order, new names after
        actors, counterparts = parts[:1], parts[1:]
        host = [m.entity for m in orgs if m.label == "ORG" and m.end <= idx]
        if not actors and host:  # « L'AmCham a tenu son premier forum … à Bamako »: the host holds it
            actors, objects = host[:1], [o for o in objects if o != host[0]]
    elif kind == "sanction":
        targets = [m.entity for m in ments if m.label == "ARMED"]
        if not targets and GROUP_ANAPHORS.search(text):
            window = [m for m in ctx.mentions if m.label == "ARMED" and abs(m.sent - i) <= 3]
            targets = list(dict.fromkeys(m.entity for m in window))
        if not targets:
            return None
        states = [m.entity for m in orgs if m.label == "STATE"]
        actors = states[:1] or (["united-states"] if "americain" in low and "united-states" in ents else [])
    elif kind == "agreement":
        actors = list(dict.fromkeys(m.entity for m in orgs + people if m.label in ("STATE", "ORG", "PER")))
        if len(actors) < 2:
            return None
        actors, counterparts = actors[:1], actors[1:]
    elif kind == "programme":
        objects = [m.entity for m in progs if m.entity != "fcb"]
        if not objects and re.search(r"\b(?:ces|ils)\b", low):
            window = [m for m in ctx.mentions if m.label == "PROG" and m.entity != "fcb" and 0 < i - m.sent <= 2]
            objects = list(dict.fromkeys(m.entity for m in window))
        if not objects:
            return None
        actors = [m.entity for m in orgs if m.label == "STATE"][:1]
        action = next((a for a, rx in ACTIONS if a in ("resume", "suspend", "launch", "extend") and re.search(rx, low)), None)
    elif kind in ("training", "recruitment", "graduation", "delivery"):
        cue_at = next((t.idx for t in span if t.lemma_.lower() in ORIGIN_CUES), None)
        for m in places:
            (origins if cue_at is not None and m.start > cue_at else place_ids).append(m.entity)
        if not place_ids and re.search(r"\bcamp\b", low):
            camp = re.finditer(r"camp (?:militaire )?de ", ctx.text[:s.start])
            last = None
            for last in camp:
                pass
            if last:
                m = next((m for m in ctx.mentions if m.start == last.end() and m.label == "LOC"), None)
                place_ids = [m.entity] if m else []
        objects = [m.entity for m in progs]
        if kind == "delivery":
            if not any(q.unit == "vehicle" for q in qty) and "equipement" not in low:
                return None
            actors, counterparts = _delivery_parties(span, idx, orgs)
        else:
            # who trains or recruits: an organisation named before the trigger (« La garde nationale
            # a ouvert … une campagne de recrutement »), else the armed forces if named
            actors = [m.entity for m in orgs if m.label == "ORG" and m.end <= idx][:1] \
                or [m.entity for m in orgs if m.entity == "fama"]
        towns = [p for p in place_ids if p not in ents or ents[p].place_kind != "country"]
        if not (towns or qty or objects or origins):
            return None
    place_ids = list(dict.fromkeys(place_ids))
    date, explicit = _date_for(kind, actors + targets + objects, ctx, i, idx, doc, previous)
    topics = []
    if kind in ("statement", "meeting"):
        topics = [t for t, rx in TOPIC_CUES.items() if t in ents and re.search(rx, low)]
    quantities = tuple(_with_role(q, qty) for q in qty) if kind in (
        "training", "recruitment", "graduation", "delivery", "programme", "announcement") else ()
    return Candidate(kind=kind, source=ctx.source.id, sent=i, date=date, date_explicit=explicit,
                     evidence=Evidence(ctx.source.id, s.start, s.end, ctx.source.text[s.start:s.end]),
                     actors=tuple(dict.fromkeys(actors)), counterparts=tuple(counterparts),
                     places=tuple(place_ids), origins=tuple(dict.fromkeys(origins)),
                     objects=tuple(dict.fromkeys(objects)), targets=tuple(dict.fromkeys(targets)),
                     topics=tuple(topics), action=action, quantities=quantities)


def _delivery_parties(span, idx: int, orgs: list[Mention]) -> tuple[list[str], list[str]]:
    """(who delivers, who receives). « L'armée malienne a reçu 30 blindés »: the subject receives;
    « Washington a livré 30 blindés aux FAMa »: the subject delivers, the armed forces receive."""
    trigger = next((t for t in span if t.idx == idx), None)
    before = [m.entity for m in orgs if m.end <= idx]
    if trigger is not None and trigger.lemma_.lower() in ("recevoir", "réceptionner"):
        return [], before[:1] or [m.entity for m in orgs if m.entity == "fama"][:1]
    giver = before[:1]
    receiver = [m.entity for m in orgs if m.start > idx and m.entity not in giver][:1] or \
        [m.entity for m in orgs if m.entity == "fama" and m.entity not in giver]
    return giver, receiver[:1]


def _with_role(q: Quantity, all_q: list[Quantity]) -> Quantity:
    if q.role:
        return q
    role = None
    if q.unit in ("recruit", "person", "young_person"):
        role = "participants"
    elif q.unit in ("XOF", "USD"):
        role = "amount"
    elif q.unit == "vehicle":
        role = "items"
    elif q.unit in ("month", "week", "day"):
        bigger = any(o.unit == q.unit and o.value > q.value for o in all_q)
        role = "phase" if bigger or re.search(r"premi|suivant|derni", q.text) else "duration"
    return Quantity(q.value, q.unit, q.text, role, q.label)


def _explicit_date(ctx: Context, i: int, idx: int, doc) -> DateMention | None:
    near = [d for d in ctx.in_sent(ctx.dates, i) if _tok_dist(d.start, idx, doc) <= _NEAR]
    return min(near, key=lambda d: _tok_dist(d.start, idx, doc)) if near else None


def _date_for(kind, core, ctx: Context, i, idx, doc, previous) -> tuple[DateSpan | None, bool]:
    """The date written near the trigger; else that of the same event earlier in the article; else
    the nearest date in the paragraph; else the publication week (or month)."""
    d = _explicit_date(ctx, i, idx, doc)
    if d is not None:
        return d.span, True
    mine = [c for c in previous if c.source == ctx.source.id and c.date]
    for same_kind in (True, False):
        for c in reversed(mine):
            if (c.kind == kind) == same_kind and (c.date_explicit or same_kind or c.date.precision == "day") and (
                    set(core) & c.core() or (not core and c.kind == kind)):
                return c.date, False
    if kind not in ("programme", "sanction", "agreement"):
        para = ctx.sents[i].paragraph
        same = [d for d in ctx.dates if ctx.sents[d.sent].paragraph == para and d.sent <= i]
        same = same or [d for d in ctx.dates if ctx.sents[d.sent].paragraph == para and d.sent - i == 1]
        if same:
            best = min(same, key=lambda d: abs(d.sent - i))
            return best.span, False
    if ctx.ref is None:
        return None, False
    if ctx.ref.precision == "day":
        return dates_mod.week_span(ctx.ref.day), False
    return dates_mod.month_span(ctx.ref.day.year, ctx.ref.day.month), False


def _with_themes(c: Candidate, ctx: Context, doc_scores) -> Candidate:
    """Themes from the cue words of the evidence (and quote); else the paragraph; else the article."""
    text = c.evidence.text + (" " + c.quote.text if c.quote else "")
    scores = theme_scores(ctx.cfg, text)
    if not scores:
        para = ctx.sents[c.sent].paragraph
        scores = theme_scores(ctx.cfg, " ".join(ctx.text[s.start:s.end] for s in ctx.sents if s.paragraph == para))
    if not scores and doc_scores:
        top = max(doc_scores.values())
        scores = {t: v for t, v in doc_scores.items() if v == top}
    themes = tuple(t for t in ctx.cfg.theme_ids() if t in scores)
    themes = tuple(sorted(themes, key=lambda t: -scores[t]))
    return replace(c, themes=themes)


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
    topics = tuple(t for t, rx in TOPIC_CUES.items() if t in ctx.cfg.entities and re.search(rx, fold(inner)))
    return Candidate(kind="statement", source=ctx.source.id, sent=first, date=date, date_explicit=explicit,
                     evidence=Evidence(ctx.source.id, start, end, ctx.source.text[start:end]),
                     actors=(speaker,), targets=targets, topics=topics,
                     quote=Quote(ctx.source.text[m.start(1):m.end(1)], speaker))
