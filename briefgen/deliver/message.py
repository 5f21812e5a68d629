"""One email per recipient: the edition of their language, as FIRST TLP and list-mail conventions ask.

multipart/mixed
├── multipart/alternative: text/plain + text/html (TLP label first, title, period, key points)
└── application/pdf: the edition, named brief-<week>-<lang>.pdf
"""

from __future__ import annotations

import hashlib
import html
import re
import urllib.parse
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from .. import i18n, phrasing
from ..brief import Brief
from .settings import Delivery, Stakeholder

# The email's own texts. Kept here (not in the .po catalogues) for now; texts that the edition
# already has ("Edition no. %(num)s", "covers %(period)s", "Key points") come from the catalogues.
def strings(tr) -> dict[str, str]:
    """The email's own sentences in the recipient's language, from the gettext catalogues."""
    return {
        "attached": tr.gettext("The full edition is attached as a PDF: %(file)s (%(size)s)."),
        "unsubscribe": tr.gettext("To stop receiving this brief: %(uri)s"),
        "automatic": tr.gettext("This message was sent automatically; replies reach %(reply_to)s."),
        "TLP:RED": tr.pgettext("TLP:RED", "For the named recipients only: no further disclosure."),
        "TLP:AMBER": tr.pgettext("TLP:AMBER", "Limited disclosure: need-to-know within your organisation and its clients."),
        "TLP:AMBER+STRICT": tr.pgettext("TLP:AMBER+STRICT", "Limited disclosure: within your organisation only."),
        "TLP:GREEN": tr.pgettext("TLP:GREEN", "Limited disclosure: within your community, not on public channels."),
        "TLP:CLEAR": tr.pgettext("TLP:CLEAR", "Disclosure is not limited."),
    }


# Colours on black, as FIRST TLP 2.0 defines them.
TLP_COLOURS = {"TLP:RED": "#FF2B2B", "TLP:AMBER": "#FFC000", "TLP:AMBER+STRICT": "#FFC000",
               "TLP:GREEN": "#33FF00", "TLP:CLEAR": "#FFFFFF"}

_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """Text safe for a header: line breaks and control characters become one space."""
    return " ".join(_BREAKS.sub(" ", str(text)).split())


def attachment_name(week: str, lang: str) -> str:
    return f"brief-{week}-{lang}.pdf"


def message_id(week: str, lang: str, recipient: str, domain: str) -> str:
    """The same for every (edition, language, recipient): a resent message is recognisably the same."""
    digest = hashlib.sha256(f"{week}\0{lang}\0{recipient.lower()}".encode()).hexdigest()[:24]
    return f"<briefgen.{week}.{lang}.{digest}@{domain}>"


def _size(n: int, lang: str) -> str:
    unit = i18n.translations(lang).pgettext("file size", "KB")
    return f"{i18n.number(max(1, round(n / 1024)), lang)}\u00a0{unit}"


def _texts(brief: Brief, lang: str, pdf_name: str, pdf_size: int, delivery: Delivery, unsub: list[str]):
    """The lines both bodies show, as plain text in ``lang``."""
    tr = i18n.translations(lang)
    s = strings(tr)
    speaker = phrasing.Speaker(lang, dict(brief.entities), with_roles=False)
    return {
        "tlp": brief.tlp,
        "tlp_meaning": s.get(brief.tlp, ""),
        "title": one_line(brief.title[lang]),
        "edition": tr.gettext("Edition no. %(num)s") % {"num": brief.edition},
        "week": brief.week,
        "period": tr.gettext("covers %(period)s") % {"period": i18n.date_range(brief.start, brief.end, lang)},
        "key_points_title": tr.gettext("Key points"),
        "key_points": [phrasing.plain(phrasing.sentence(i.fact, speaker, tr)) for i in brief.key_points],
        "attached": s["attached"] % {"file": pdf_name, "size": _size(pdf_size, lang)},
        "organisation": one_line(brief.organisation),
        "automatic": s["automatic"] % {"reply_to": ", ".join(a for _, a in delivery.reply_to)}
        if delivery.reply_to else "",
        "unsubscribe": [s["unsubscribe"] % {"uri": u} for u in unsub],
    }


def _plain(t: dict, lang: str) -> str:
    lines = [t["tlp"], t["tlp_meaning"], "", t["title"], f"{t['edition']} ({t['week']}) — {t['period']}", "",
             t["key_points_title"], ""]
    lines += [f"{n}. {p}" for n, p in enumerate(t["key_points"], 1)]
    lines += ["", t["attached"], "", "-- ", t["organisation"]]
    lines += [x for x in [t["automatic"], *t["unsubscribe"]] if x]
    text = "\n".join(lines) + "\n"
    return i18n.french_text(text) if lang == "fr" else text


def _html(t: dict, lang: str, tlp_colour: str) -> str:
    e = html.escape
    points = "".join(f"<li>{e(p)}</li>" for p in t["key_points"])
    foot = "".join(f"<br>{e(x)}" for x in [t["automatic"], *t["unsubscribe"]] if x)
    doc = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{e(t['title'])}</title></head>
<body style="font-family: sans-serif; line-height: 1.4; max-width: 42em;">
<p style="text-align: right; margin: 0;"><span style="background: #000000; color: {tlp_colour}; \
font-weight: bold; font-size: 12pt; padding: 2px 6px;">{e(t['tlp'])}</span></p>
<p style="text-align: right; font-size: 0.9em; margin-top: 4px;">{e(t['tlp_meaning'])}</p>
<h1 style="font-size: 1.3em;">{e(t['title'])}</h1>
<p>{e(t['edition'])} ({e(t['week'])}) — {e(t['period'])}</p>
<h2 style="font-size: 1.1em;">{e(t['key_points_title'])}</h2>
<ol>{points}</ol>
<p>{e(t['attached'])}</p>
<p style="color: #555555; font-size: 0.9em;">{e(t['organisation'])}{foot}</p>
</body></html>
"""
    return i18n.french_html(doc) if lang == "fr" else doc


def compose(brief: Brief, recipient: Stakeholder, delivery: Delivery, pdf: bytes, *,
            now: datetime | None = None) -> EmailMessage:
    """The message for one recipient, in their language, with the PDF of that edition attached."""
    lang = recipient.language
    pdf_name = attachment_name(brief.week, lang)
    unsub = [u.replace("{email}", urllib.parse.quote(recipient.email, safe="@")) for u in delivery.unsubscribe]
    t = _texts(brief, lang, pdf_name, len(pdf), delivery, unsub)
    sender_name, sender_addr = delivery.sender

    msg = EmailMessage(policy=policy.SMTP)
    # The TLP label comes first (conventions), then title, edition number and ISO week.
    msg["Subject"] = one_line(f"{brief.tlp} {t['title']} · {t['edition']} ({brief.week})")
    msg["From"] = Address(display_name=one_line(sender_name), addr_spec=sender_addr)
    msg["To"] = Address(display_name=one_line(recipient.name), addr_spec=recipient.email)
    if delivery.reply_to:
        msg["Reply-To"] = [Address(display_name=one_line(n), addr_spec=a) for n, a in delivery.reply_to]
    msg["Date"] = format_datetime(now or datetime.now().astimezone())
    msg["Message-ID"] = message_id(brief.week, lang, recipient.email, sender_addr.rsplit("@", 1)[1])
    msg["Auto-Submitted"] = "auto-generated"
    if unsub:
        msg["List-Unsubscribe"] = ", ".join(f"<{u}>" for u in unsub)
        # RFC 8058: one-click unsubscription is a POST to an https URI; a mailto alone cannot do it.
        if any(u.startswith("https://") for u in unsub):
            msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(_plain(t, lang), subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(_html(t, lang, TLP_COLOURS.get(brief.tlp, "#FFFFFF")), subtype="html",
                        charset="utf-8", cte="quoted-printable")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    msg["Content-Language"] = lang  # after the parts: set_content() clears Content-* headers
    return msg
