"""One email per recipient: the edition of their language, as FIRST TLP and list-mail conventions ask.

multipart/mixed
├── multipart/alternative: text/plain + text/html (TLP label first, title, period, key points)
└── application/pdf: the edition, named brief-<week>-<lang>.pdf (brief-<week>-<lang>-tailored-<themes>.pdf
    for an edition tailored to a stakeholder's themes, which the subject and the body also say)
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from dataclasses import dataclass
from datetime import date, datetime
from email import policy
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from ..core.errors import BriefgenError
from ..edition import i18n, phrasing
from ..edition.brief import Brief
from .settings import Delivery, Stakeholder


# The email's own texts. Kept here (not in the .po catalogues) for now; texts that the edition
# already has ("Edition no. %(num)s", "covers %(period)s", "Key points") come from the catalogues.
def strings(tr) -> dict[str, str]:
    """The email's own sentences in the recipient's language, from the gettext catalogues."""
    return {
        "attached": tr.gettext("The full edition is attached as a PDF: %(file)s (%(size)s)."),
        "attached_tailored": tr.gettext("The edition tailored to your themes is attached as a PDF: %(file)s "
                                        "(%(size)s)."),
        "tailored": tr.gettext("Tailored edition: %(themes)s"),
        "nothing": tr.gettext("Nothing was reported in your themes this week."),
        "unsubscribe": tr.gettext("To stop receiving this brief: %(uri)s"),
        "automatic": tr.gettext("This message was sent automatically; replies reach %(reply_to)s."),
        "TLP:RED": tr.pgettext("TLP:RED", "For the named recipients only: no further disclosure."),
        "TLP:AMBER": tr.pgettext("TLP:AMBER", "Limited disclosure: need-to-know within your organisation and its clients."),
        "TLP:AMBER+STRICT": tr.pgettext("TLP:AMBER+STRICT", "Limited disclosure: within your organisation only."),
        "TLP:GREEN": tr.pgettext("TLP:GREEN", "Limited disclosure: within your community, not on public channels."),
        "TLP:CLEAR": tr.pgettext("TLP:CLEAR", "Disclosure is not limited."),
    }


@dataclass(frozen=True, slots=True)
class Correction:
    """What a correction's message says besides the edition: the earlier messages it follows (oldest
    first: References, the last one In-Reply-To), when the earlier version was sent, what changed."""

    previous_ids: tuple[str, ...]
    sent_on: date | None
    changes: tuple[str, ...]


# Colours on black, as FIRST TLP 2.0 defines them.
TLP_COLOURS = {"TLP:RED": "#FF2B2B", "TLP:AMBER": "#FFC000", "TLP:AMBER+STRICT": "#FFC000",
               "TLP:GREEN": "#33FF00", "TLP:CLEAR": "#FFFFFF"}

_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """Text safe for a header: line breaks and control characters become one space, after RFC 2047
    encoded words are decoded (a header value is parsed for them, and ``=?utf-8?q?=0D=0A…?=`` would
    decode into a line break); what could still read as one afterwards is broken up."""
    text = str(text)
    for _ in range(8):  # an encoded word may decode into another
        if "=?" not in text:
            break
        try:
            decoded = str(make_header(decode_header(text)))
        except (LookupError, ValueError, UnicodeError, HeaderParseError):
            break
        if decoded == text:
            break
        text = decoded
    return " ".join(_BREAKS.sub(" ", text).replace("=?", "= ?").split())


class HeaderInjection(BriefgenError):
    """A header of the message would not be written as the one header it was set as."""


def check_headers(msg: EmailMessage) -> None:
    """The header bytes as they will be sent: each header set is written as exactly one header
    (continuation lines only), and none decodes to a line break."""
    for name, value in msg.items():
        lines = msg.policy.fold(name, value).split("\r\n")
        if lines[-1] == "":
            lines.pop()
        if not lines[0].lower().startswith(f"{name.lower()}:") or \
                any(not line[:1] in (" ", "\t") for line in lines[1:]) or _BREAKS.search(str(value)):
            raise HeaderInjection(f"the {name} header would be written as several header lines: refused")


def attachment_name(week: str, lang: str, correction: bool = False, themes: tuple[str, ...] = ()) -> str:
    """``brief-2025-W30-fr.pdf``; a tailored edition says so and names its themes
    (``brief-2025-W30-fr-tailored-force_buildup.pdf``); a correction ends in ``-correction``."""
    tailored = f"-tailored-{'+'.join(themes)}" if themes else ""
    return f"brief-{week}-{lang}{tailored}{'-correction' if correction else ''}.pdf"


def message_id(week: str, lang: str, recipient: str, domain: str, revision: str | None = None) -> str:
    """The same for every (edition, language, recipient, revision): a resent message is recognisably
    the same, and another revision of the edition is another message."""
    key = f"{week}\0{lang}\0{recipient.lower()}" + (f"\0{revision}" if revision else "")
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    return f"<briefgen.{week}.{lang}.{digest}@{domain}>"


def _size(n: int, lang: str) -> str:
    unit = i18n.translations(lang).pgettext("file size", "KB")
    return f"{i18n.number(max(1, round(n / 1024)), lang)}\u00a0{unit}"


def _correction_texts(tr, lang: str, c: Correction | None) -> dict | None:
    if c is None:
        return None
    replaces = (tr.gettext("This correction replaces the edition sent to you on %(date)s.") % {
        "date": i18n.day(c.sent_on, lang)} if c.sent_on else
        tr.gettext("This correction replaces the edition sent to you earlier."))
    return {"label": tr.pgettext("correction", "Correction"), "replaces": replaces,
            "changes": tr.gettext("What changed: %(changes)s.") % {"changes": "; ".join(c.changes)}}


def _texts(brief: Brief, lang: str, pdf_name: str, pdf_size: int, delivery: Delivery, unsub: list[str],
           correction: Correction | None = None):
    """The lines both bodies show, as plain text in ``lang``."""
    tr = i18n.translations(lang)
    s = strings(tr)
    speaker = phrasing.Speaker(lang, dict(brief.entities), with_roles=False)
    themes = ", ".join(t.title[lang] for t in brief.themes)
    if brief.nothing_in_themes:
        quiet = s["nothing"]
    elif brief.quiet:
        quiet = tr.gettext("No significant development was reported this week.")
    else:
        quiet = ""
    return {
        "correction": _correction_texts(tr, lang, correction),
        "tlp": brief.tlp,
        "tlp_meaning": s.get(brief.tlp, ""),
        "title": one_line(brief.title[lang]),
        "edition": tr.gettext("Edition no. %(num)s") % {"num": brief.edition},
        "week": brief.week,
        "period": tr.gettext("covers %(period)s") % {"period": i18n.date_range(brief.start, brief.end, lang)},
        "key_points_title": tr.gettext("Key points"),
        "key_points": [phrasing.plain(phrasing.sentence(i.fact, speaker, tr)) for i in brief.key_points],
        "tailored": one_line(_typeset(s["tailored"] % {"themes": themes}, lang)) if brief.tailored else "",
        "quiet": quiet,
        "attached": s["attached_tailored" if brief.tailored else "attached"] % {
            "file": pdf_name, "size": _size(pdf_size, lang)},
        "organisation": one_line(brief.organisation),
        "automatic": s["automatic"] % {"reply_to": ", ".join(a for _, a in delivery.reply_to)}
        if delivery.reply_to else "",
        "unsubscribe": [s["unsubscribe"] % {"uri": u} for u in unsub],
    }


def _typeset(text: str, lang: str) -> str:
    """Text in the typography of ``lang`` (it goes in the subject too, which no template sees)."""
    return i18n.french_text(text) if lang == "fr" else text


def _bodies(cfg, t: dict, lang: str, tlp_colour: str) -> tuple[str, str]:
    """(text/plain, text/html) from templates/email.txt.j2 and email.html.j2 (a user's own
    templates folder overrides them, as for the brief)."""
    import jinja2

    from ..edition.render import _template_error, environment

    env = environment(cfg, lang)
    try:
        text = env.get_template("email.txt.j2").render(t=t, lang=lang)
        doc = env.get_template("email.html.j2").render(t=t, lang=lang, tlp_colour=tlp_colour)
    except jinja2.TemplateError as exc:
        raise _template_error(exc) from None
    if lang == "fr":
        return i18n.french_text(text), i18n.french_html(doc)
    return text, doc


def compose(brief: Brief, recipient: Stakeholder, delivery: Delivery, pdf: bytes, *,
            now: datetime | None = None, cfg=None, revision: str | None = None,
            correction: Correction | None = None) -> EmailMessage:
    """The message for one recipient, in their language, with the PDF of that edition attached
    (``revision``: the edition's, in the Message-ID); ``correction``: it corrects an earlier one."""
    lang = recipient.language
    pdf_name = attachment_name(brief.week, lang, correction is not None,
                               tuple(t.id for t in brief.themes) if brief.tailored else ())
    unsub = [u.replace("{email}", urllib.parse.quote(recipient.email, safe="@")) for u in delivery.unsubscribe]
    t = _texts(brief, lang, pdf_name, len(pdf), delivery, unsub, correction)
    sender_name, sender_addr = delivery.sender

    msg = EmailMessage(policy=policy.SMTP)
    # The TLP label comes first (conventions), then a correction's mark, title, edition number and ISO week.
    mark = f"{t['correction']['label']} — " if correction else ""
    tailored = f" · {t['tailored']}" if t["tailored"] else ""
    msg["Subject"] = one_line(f"{brief.tlp} {mark}{t['title']} · {t['edition']} ({brief.week}){tailored}")
    msg["From"] = Address(display_name=one_line(sender_name), addr_spec=sender_addr)
    msg["To"] = Address(display_name=one_line(recipient.name), addr_spec=recipient.email)
    if delivery.reply_to:
        msg["Reply-To"] = [Address(display_name=one_line(n), addr_spec=a) for n, a in delivery.reply_to]
    msg["Date"] = format_datetime(now or datetime.now().astimezone())
    msg["Message-ID"] = message_id(brief.week, lang, recipient.email, sender_addr.rsplit("@", 1)[1], revision)
    if correction and correction.previous_ids:
        msg["In-Reply-To"] = correction.previous_ids[-1]
        msg["References"] = " ".join(correction.previous_ids)
    msg["Auto-Submitted"] = "auto-generated"
    if unsub:
        msg["List-Unsubscribe"] = ", ".join(f"<{u}>" for u in unsub)
        # RFC 8058: one-click unsubscription is a POST to an https URI; a mailto alone cannot do it.
        if any(u.startswith("https://") for u in unsub):
            msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    plain, html_body = _bodies(cfg, t, lang, TLP_COLOURS.get(brief.tlp, "#FFFFFF"))
    msg.set_content(plain, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html_body, subtype="html", charset="utf-8", cte="quoted-printable")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    msg["Content-Language"] = lang  # after the parts: set_content() clears Content-* headers
    check_headers(msg)
    return msg
