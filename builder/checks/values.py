"""Values of the wrong shape in a school's file (E-VALUE-SHAPE): a value that reads as text but is
not what its key holds, which parents would meet as a wrong number or a dead address.

Each kind of value is parsed as what it is, not matched against examples:
- a phone number: one number (optionally with an extension, "ext. 214"), with no letters, that
  the phonenumbers library (Google's libphonenumber data) finds valid in the UK numbering plan,
  or abroad when written with +; numbers in Ofcom's ranges kept for drama and examples
  (020 7946 0xxx, 01632 960xxx...) are accepted, as example packs use them;
- an email address: one address, local part @ a domain with a dot, no spaces, no "mailto:";
- a website: https:// (a school site on http:// is reported, since browsers warn parents), the
  site itself rather than one document on it (a .pdf or .docx address);
- a postcode line of an address: a UK postcode (outward and inward parts, in one of the UK's
  postcode areas) or a BFPO number, when the line is shaped like a postcode, and alone on its
  line ("London N15 3AS", "N15 3AS, UK" hold more than the postcode);
- a school's name or short name that is an email, a website or a number;
- a phone YAML read as a number (written without quotes: a first 0 lost, "2.07946E+09"),
  which says to quote it;
- a website or account address that is a search or a redirect ("google.com/search?q=...",
  "l.facebook.com/l.php?u=...");
- a person's name in a role: a name, not only a title ("Mrs"), initials ("Mr O.P."), the role
  itself ("Headteacher"), a stand-in ("N/A", "TBC", "vacant"), a name with a note in brackets,
  a number or an address in it,
  one name alone ("Owen") or a name written surname first ("Pryce, Owen");
- (a value that is a template gap, "TBC", is E-PLACEHOLDER's, not reported twice)
- a social account in ``lists.social_accounts``: a mapping of platform, handle and url, its
  handle a handle (not a sentence or a #hashtag), its url on the platform's own site.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from rapidfuzz.distance import OSA, Levenshtein

from builder.common.addresses import host_of
from builder.common.diagnostics import Diagnostic, diagnostic
from builder.checks.placeholders import gaps, phrase_pattern

_PHONE_PUNCT = re.compile(r"[\s().\-/]")
_EXTENSION = re.compile(r"\s*(?:,\s*)?(?:ext\.?|extension|x)\s*\d{1,6}\s*$", re.I)
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
_POSTCODE_TEXT = r"(?P<area>[A-Z]{1,2})\d[A-Z\d]?\s?\d[A-Z]{2}|GIR\s?0AA|BFPO\s?\d{1,4}"
_POSTCODE = re.compile(_POSTCODE_TEXT, re.I)
# the UK's postcode areas (the letters a postcode starts with)
AREAS = frozenset("""AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN
DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS
LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW
SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE""".split())
# a postcode written in capitals among other words on an address line ("London N15 3AS"; not a unit and
# floor, "Unit A1 2ND FLOOR", whose "2ND" reads as a postcode's inward part)
_POSTCODE_INSIDE = re.compile(r"(?<![\w])(?:" + _POSTCODE_TEXT + r")(?![\w])(?<!\dST)(?<!\dND)(?<!\dRD)(?<!\dTH)")
# a line that is trying to be a postcode: short, with capitals and digits and nothing else
_POSTCODE_LIKE = re.compile(r"(?=.*\d)(?=.*[A-Z])[A-Z0-9]{2,4}(?:\s?[A-Z0-9]{2,3})?"
                            # (or an outward part, then one or two parts more: "N15-3AS", "N15 3AAS", "N1 5 3AS")
                            r"|[A-Z]{1,2}\d[A-Z0-9]{0,2}(?:[ -][A-Z0-9]{1,4}){1,2}", re.I)
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "revd", "sir", "dame", "lady", "lord"}
_STAND_INS = {"n/a", "na", "none", "tbc", "tba", "tbd", "vacant", "unknown", "unfilled", "to be confirmed",
              "to be appointed", "-", "?", "name", "nobody"}
_ROLE_WORDS = {"headteacher", "head", "teacher", "deputy", "assistant", "lead", "leader", "officer",
               "manager", "governor", "governors", "chair", "clerk", "designated", "safeguarding", "dsl",
               "dpo", "senco", "technician", "business", "bursar", "principal", "executive", "trustee",
               "administrator", "secretary", "of", "the", "and", "school", "it", "online", "safety"}
# a job's words typed beside a name ("Nadia Campbell Headteacher"; not "Head", "Chair" or "Clerk",
# which are surnames too)
_JOB_WORDS = {"headteacher", "head-teacher", "principal", "dsl", "ddsl", "dpo", "senco", "sendco", "deputy",
              "governor", "bursar", "manager", "officer", "technician", "ceo", "coordinator", "co-ordinator"}
# where each platform's pages are (a shortened or another site's address is not the account)
PLATFORM_HOSTS = {
    "facebook": ("facebook.com", "fb.com", "fb.me"), "instagram": ("instagram.com",),
    "x": ("x.com", "twitter.com"), "twitter": ("x.com", "twitter.com"),
    "youtube": ("youtube.com", "youtu.be"), "linkedin": ("linkedin.com",), "tiktok": ("tiktok.com",),
    "threads": ("threads.net", "threads.com"), "bluesky": ("bsky.app",), "flickr": ("flickr.com",),
    "vimeo": ("vimeo.com",), "pinterest": ("pinterest.com", "pinterest.co.uk"),
    "whatsapp": ("whatsapp.com",), "mastodon": (),
}


_DOCUMENT = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt|rtf)(?:[?#].*)?$", re.I)
# Ofcom's numbers for drama and examples: valid in form, never anyone's (example packs use them)
_FICTION = re.compile(r"0(?:11[3-8]4960|1214960|1314960|1414960|1514960|1614960|1914980|2079460|2890180|"
                      r"2920180|1632960|7700900|8081570|9098790|3069990)\d{3}")


def phone_problem(value: str) -> str | None:
    text = _EXTENSION.sub("", value.strip())
    if re.search(r"[A-Za-z]", text):
        return "has letters in it (a phone number is digits; a note belongs in the text)"
    if not re.match(r"\s*(?:\+|00|\(?0)", text):
        return "does not start with 0 or + (a UK number is 020 ..., or +44 20 ...): was its first 0 lost?"
    if re.match(r"\+44\s*0", text):
        return "has a 0 after +44 (write +44 20 ..., +44 (0)20 ..., or 020 ...)"
    if not re.fullmatch(r"\+?[\d\s().\-/]+", text) or len(re.findall(r"\d{3,}[\s./-]*\d{3,}", text)) > 2:
        return "is not one number"
    digits = re.sub(r"\D", "", text.replace("(0)", ""))
    if _FICTION.fullmatch(digits if not text.startswith("+44") else "0" + digits[2:]):
        return None
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return "is not a phone number"
    if not phonenumbers.is_valid_number(number):
        where = "a UK number" if number.country_code == 44 else f"a number in country +{number.country_code}"
        return f"is not {where} in use (a digit missing, extra or wrong?)"
    return None


# a policy's version as a school writes it: "2.0", "1.10", "v2.1", "2.0.1"
VERSION = re.compile(r"[vV]?\d{1,4}(?:\.\d{1,4}){0,3}")


def email_problem(value: str) -> str | None:
    if value.lower().startswith("mailto:"):
        return "starts with 'mailto:' (write the address alone)"
    if not _EMAIL.fullmatch(value.strip()):
        return "is not one email address (name@domain, with no spaces or other words)"
    return host_problem(value.strip().rsplit("@", 1)[1])


# the parts of a host name every school's address ends in, a letter of which is easily typed as a
# digit ("0rg" for "org", "5ch" for "sch")
_HOST_PARTS = frozenset("org co com net gov sch ac edu nhs uk ltd plc".split())
_AS_LETTERS = str.maketrans("0157", "olst")


def host_problem(host: str) -> str | None:
    """A host name whose top-level part is not letters, or one of whose parts is a common
    ending with a digit typed for a letter ("chestnutsprimary.0rg.uk")."""
    if (odd := re.search(r"[^\w.-]|_", host)):
        return f"has '{odd.group(0)}' in its host name ('{host}'), which no address has (a comma for a dot?)"
    labels = host.lower().rstrip(".").split(".")
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return None     # (an IP address is no name to mistype)
    if not re.fullmatch(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}", labels[-1]):
        return f"ends in '.{labels[-1]}', which is no top-level domain (a letter typed as a digit?)"
    for label in labels[1:]:
        fixed = label.translate(_AS_LETTERS)
        if fixed != label and fixed in _HOST_PARTS:
            return f"has '{label}' where '{fixed}' belongs (a digit typed for a letter)"
    return None


def name_problem(value: str, role_title: str) -> str | None:
    text = value.strip()
    if text.lower() in _STAND_INS:
        return "stands in for a name"
    if re.search(r"[()\[\]]", text):
        return "has a note in brackets (the role's title is printed beside the name)"
    if re.search(r"\d", text):
        return "has a number in it (a phone number or a date has a field of its own)"
    if re.search(r"@|\bwww\.|://", text):
        return "has an address in it (an email or a website has a field of its own)"
    if re.search(r"\s(?:and|or|&)\s|\s?/\s?(?=(?:Mr|Mrs|Ms|Miss|Dr)\b)|,\s*(?=(?:Mr|Mrs|Ms|Miss|Dr|Mx)\b)", text) and \
            len(re.findall(r"(?:^|\s(?:and|or|&)\s|/\s?|,\s*)(?:Mr|Mrs|Ms|Miss|Dr|Mx|[A-Z][a-z]+\s+[A-Z]|"
                           r"[A-Z]\.?(?:\s?[A-Z]\.?)?\s+[A-Z][a-z])", text)) >= 2:
        return "names two people (a role has one holder here; give the other a role of their own)"
    words = [w.lower().strip(".") for w in text.split()]
    named = [w for w in words if w not in _TITLES]
    if not named:
        return "is a title without a name"
    if all(re.fullmatch(r"[a-z](?:\.?[a-z])?\.?", w) for w in named):
        return "is initials without a surname"
    role = {w.lower() for w in re.findall(r"[A-Za-z]+", role_title)} | _ROLE_WORDS
    if all(w in role for w in named):
        return "names the role, not the person"
    if re.fullmatch(r"[A-Z][\w'’-]+,\s*[A-Z][\w'’-]+(?:\s+[A-Z]\.?)*", text) and words[0].rstrip(",") not in _TITLES:
        surname, given = (part.strip() for part in text.split(",", 1))
        return f"is written surname first (write it as it is printed: '{given} {surname}')"
    if re.search(r",\s*(?:the|our|a|an|his|her|their|who|which)\s+\w", text):
        # (in small letters: "Smith, A" and "Jones, A J" are written surname first, above)
        return "has words about the person after a comma (the role's title is printed beside the name)"
    if len(named) == 1 and len(words) == 1:
        return "is one name only (write a title and surname, or the full name, as parents should see it)"
    if re.search(r"\s[-–—|:]\s*\S", text):
        return "has words after a dash (the role's title is printed beside the name: write the name alone)"
    if len(named) >= 3 and "," not in text and (named[0] in _JOB_WORDS or named[-1] in _JOB_WORDS):
        # (set apart by a comma, "Dr A Lee, Headteacher", it is a signature's style)
        return "has the job in it (the role's title is printed beside the name: write the name alone)"
    if re.search(r"[a-z]", text) and text == text.lower():
        printed = " ".join(w[:1].upper() + w[1:] for w in text.split())
        return f"is all in small letters (write it as it is printed: '{printed}')"
    return None


# the endings under which a name is registered in the UK ("chestnutsprimary" of chestnutsprimary.org.uk)
_UK_SECOND = frozenset("org co sch ac gov ltd plc me net nhs police".split())


def _site_name(host: str) -> tuple[str, str]:
    """(the name a domain is registered under, its ending): ("chestnutsprimary", "org.uk") of
    "www.chestnutsprimary.org.uk", ("stmarys.lancs", "sch.uk") of "stmarys.lancs.sch.uk"."""
    labels = host.lower().rstrip(".").split(".")
    if labels[0] == "www":
        labels = labels[1:]
    cut = 2 if len(labels) > 2 and labels[-1] == "uk" and labels[-2] in _UK_SECOND else 1
    return ".".join(labels[:-cut]), ".".join(labels[-cut:])


def domain_slip(domain: str, own: str) -> bool:
    """Is ``domain`` (an email's) nearly the school's own ``own`` (its website's) but not it: the
    same name under another ending or with a hyphen ("chestnutsprimary.co.uk", "chestnuts-primary
    .org.uk" for chestnutsprimary.org.uk), or the name one slip away? A domain of its own (the trust's,
    the council's) is no slip, nor the site's own sub-domain."""
    domain, own = domain.lower().rstrip("."), re.sub(r"^www\.", "", own.lower().rstrip("."))
    if re.fullmatch(r"[\d.:]+", domain) or re.fullmatch(r"[\d.:]+", own):
        return False      # an address by number is no name to mistype
    if domain == own or domain.endswith("." + own) or own.endswith("." + domain):
        return False
    (name, end), (own_name, own_end) = _site_name(domain), _site_name(own)
    plain, own_plain = name.replace("-", ""), own_name.replace("-", "")
    if not plain or not own_plain:
        return False
    if plain == own_plain:
        return True
    # (one letter typed wrong, left out or added: "chestnutprimary"; not another name that shares most of its
    # letters, "eastfieldprimary" for "westfieldprimary")
    return end == own_end and min(len(plain), len(own_plain)) >= 6 and Levenshtein.distance(plain, own_plain) <= 1


def _name_words(text: str) -> list[str]:
    """A name's words as a slip is looked for in them: accents, case, apostrophes and full stops
    left out, "Saint", "Sts" and "Ss" all "st"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"['’.]", "", plain).replace("&", " and ").replace("-", " ").split()
    return [_SAINT.get(w, w) for w in words]


_SAINT = {"saint": "st", "sts": "st", "ss": "st", "saints": "st"}
# the kind of school a name ends in, which a website's name may leave out
_KIND_WORDS = frozenset("school academy primary junior infant infants nursery college high ce c of e".split())
NAME_WORDS = 20     # the words of a name compared for a slip (a longer value is no school's name)


def _loose(word: str) -> str:
    """A word with what its spellings differ in by choice left out: an "s" ("Infants", "St John's",
    "kingschool") and a letter doubled ("stthomas")."""
    return re.sub(r"(.)\1+", r"\1", word.replace("s", ""))


def _slip(a: str, b: str, least: int) -> bool:
    """One letter typed wrong, left out, added or two swapped, in words of ``least`` letters or
    more, and not only an "s" or a doubled letter."""
    return a != b and _loose(a) != _loose(b) and min(len(a), len(b)) >= least and OSA.distance(a, b) == 1


def name_slip(value: str, name: str, site: str = "") -> str | None:
    """What ``value`` (a school's short name, or its name when ``name`` is empty) is nearly but not:
    the school's ``name``, one word of five letters or more one slip off ("Chesnuts" of
    "Chestnuts Primary School"), or the name its website is registered under, one slip off
    ("Chestnuts Primay School" of chestnutsprimary.org.uk). Initials, an abbreviation, a short name
    that drops "the Baptist" or adds an "s", a website named otherwise are no slip."""
    words = _name_words(value)[:NAME_WORDS]
    if not words:
        return None
    if name:
        own = _name_words(name)[:NAME_WORDS]
        k = len(words)
        windows = [own[i:i + k] for i in range(len(own) - k + 1)]
        if any([_loose(w) for w in win] == [_loose(w) for w in words] for win in windows):
            return None
        near = any(sum(a != b for a, b in zip(win, words)) == 1 and
                   all(a == b or _slip(a, b, 5) for a, b in zip(win, words)) for win in windows)
        return f"the school's name '{name}'" if near else None
    site_name = _site_name(site)[0].split(".")[0].replace("-", "") if site else ""
    if len(site_name) < 6:
        return None
    words = [w for w in words if w not in ("the", "and")]
    joined = ["".join(words[:k]) for k in range(1, len(words) + 1)]
    bare = ["".join(w for w in words[:k] if w not in _KIND_WORDS) for k in range(1, len(words) + 1)]
    tried = [j for j in joined + bare if abs(len(j) - len(site_name)) <= 1]
    if any(_loose(j) == _loose(site_name) for j in joined + bare):
        return None
    near = any(_slip(j, site_name, 6) for j in tried)
    return f"the name its website is registered under ('{site}')" if near else None


def _handle_problem(value: str) -> str | None:
    if value.strip().startswith("#"):
        return "is a hashtag, not the account's handle (such as @ChestnutsPrimary)"
    if re.fullmatch(r"@?[A-Za-z0-9_.-]{1,50}", value.strip()):
        return None
    return "is not a handle (such as @ChestnutsPrimary)"


# an address that is a search or a link-tracking redirect, not a page of its own: it carries another
# address or a search in its query ("google.com/search?q=...", "l.facebook.com/l.php?u=https%3A...")
_CARRIES = re.compile(r"[?&](?:q|query|search|u|url|target|redirect|dest)=|=https?(?::|%3A)", re.I)


# a link-tracking code a site or an app adds when a link is shared or clicked (Facebook's fbclid,
# Google's gclid and utm_ campaign tags, Instagram's igsh, YouTube's si): the same page, with who
# shared it
_TRACKING = re.compile(r"[?&](fbclid|gclid|dclid|msclkid|igshid|igsh|mibextid|utm_[a-z]+|mc_eid|_hsenc|yclid|si)="
                       # (and X's share code: "x.com/name?s=21&t=...")
                       r"|^(?:https?://)?(?:www\.|mobile\.)?(?:x|twitter)\.com/[^?#]*\?(?:[^#]*?&)??(s|t)=", re.I)


# the hosts of pages only their owner opens: a document being edited, a shared drive, a page's admin
# dashboard ("docs.google.com/document/d/.../edit", "business.facebook.com/latest/home")
PRIVATE_HOSTS = ("business.facebook.com", "studio.youtube.com", "admin.google.com", "sharepoint.com")   # (an intranet)
# where files are shared, not sites kept ("drive.google.com/file/d/.../view", "onedrive.live.com/view.aspx")
FILE_HOSTS = ("drive.google.com", "docs.google.com", "onedrive.live.com", "1drv.ms", "dropbox.com",
              "box.com", "wetransfer.com")
# a document opened for editing ("docs.google.com/document/d/.../edit"; ".../pub" is published)
EDITING_PATH = re.compile(r"^docs\.google\.com/.*/edit(?:[?#]|$)|^[\w.-]+\.sharepoint\.com/:\w:/")


# a site's own admin or sign-in page: "/wp-admin/", "/wp-login.php", "/admin", "/user/login"
ADMIN_PATH = re.compile(r"/(?:wp-admin|wp-login\.php|admin|administrator|login|user/login|signin)(?:[/?#.]|$)")


def _address_problem(value: str, website: bool = False) -> str | None:
    """A search or redirect, or a page only its owner opens; ``website``: the school's own site, whose
    admin and sign-in pages are no address for parents."""
    last = value.strip()[-1:]     # (a bracket closing one the address opened is its own: "wiki/Oak_(school)")
    if last and last in ".,;:!?'\"’”" or last == ")" and value.count("(") < value.count(")"):
        return f"ends in '{last}', copied with the address from the sentence around it: leave it out"
    if _CARRIES.search(value.strip()):
        return "is a search or a redirect, not the page itself: open it and copy the address it lands on"
    if (tracked := _TRACKING.search(value.strip())):
        code = tracked.group(1) or tracked.group(2)
        return (f"carries a link-tracking code ('{code}=...') copied with it: leave out the "
                f"'?' or '&' and all after it that belongs to that code")
    address = re.sub(r"^[a-z]+://", "", value.strip().lower())
    host = host_of(value)
    if host and (re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host) and host.count(".") + host.count(":") >= 2
                 or "." not in host.strip("[]")):
        return (f"is a machine's own address ('{host}': an IP address or a local name), which parents "
                f"cannot open from home: write the public site's address")
    if any(host == h or host.endswith("." + h) for h in PRIVATE_HOSTS) or EDITING_PATH.match(address) or \
            website and ADMIN_PATH.search(address):
        return ("is a page only its owner can open (a document, a shared drive or an admin page), not the "
                "public page: open the public page and copy its address")
    return host_problem(host)


# a page of one post, photo or video, not the account's own page: the account, then the kind of post and
# its id ("facebook.com/name/photos/a.1/2/", "x.com/name/status/1"; not the account's tab of them,
# "youtube.com/@name/videos", nor Flickr's account page "flickr.com/photos/name/"), or a post's own
# address ("youtube.com/watch?v=", "youtube.com/shorts/", Instagram's "/p/" and "/reel/" (Facebook's
# "/p/" is a page), "facebook.com/share/p/", "story.php")
POST_PATH = re.compile(r"^[^/]+/[^/?#]+/(?:photos?|posts?|videos?|status(?:es)?|reels?|stor(?:y|ies)|events?)/[^/?#]"
                       r"|^(?:www\.|m\.)?youtube\.com/(?:watch|shorts/)|^(?:www\.)?instagram\.com/(?:p|reels?)/"
                       r"|^(?:www\.|m\.)?facebook\.com/(?:share/|(?:permalink|photo|story)\.php|photo/?\?|"
                       r"events/\d|watch/?\?)")


def _url_problem(value: str, platform: str) -> str | None:
    hosts = PLATFORM_HOSTS.get(platform.strip().lower())
    if not hosts:
        return None
    host = host_of(value)
    if not any(host == h or host.endswith("." + h) for h in hosts):
        return f"is not on {platform}'s own site ({', '.join(hosts)})"
    path = re.sub(r"^[a-z]+://[^/?#]*", "", value.strip().lower())
    if not path.strip("/"):
        return f"is {platform}'s own home page, not the account's: write the page's address ({hosts[0]}/name)"
    if POST_PATH.match(re.sub(r"^[a-z]+://", "", value.strip().lower())):
        return f"is one post, photo or video, not the account's page: write the page's address ({hosts[0]}/name)"
    return None


def check_values(pack, resolved) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    phrases = phrase_pattern(pack.trust.settings.placeholder_phrases)
    for sid in sorted(resolved):
        school = pack.schools[sid]

        def bad(line, what: str, value, problem: str, school=school, sid=sid) -> None:
            out.append(diagnostic(school.shown, line, "E-VALUE-SHAPE", f"{what} '{value}' {problem}", sid))

        roles = school.written("roles") or {}
        site = school.written("website")
        site_host = host_of(site).removeprefix("www.") if isinstance(site, str) else ""
        for ys in school.texts(numbers=True):
            key, value = ys.key, ys.value
            leaf = key.rsplit(".", 1)[-1]
            if ys.number:
                if key == "phone" or (key.startswith("roles.") and leaf == "phone"):
                    bad(ys.line, key, value, "was read as a number, not as the number typed (a first 0 "
                                             "or the spaces are lost; a spreadsheet's 2.07946E+09 is no "
                                             "phone): write it in quotes")
                continue
            if gaps(value, phrases):
                continue    # a template gap ("TBC"): E-PLACEHOLDER says so
            if key == "phone" or (key.startswith("roles.") and leaf == "phone"):
                if (p := phone_problem(value)):
                    bad(ys.line, key, value, p)
            elif key == "email" or (key.startswith("roles.") and leaf == "email"):
                if (p := email_problem(value)):
                    bad(ys.line, key, value, p)
                elif site_host and domain_slip(value.strip().rsplit("@", 1)[1], site_host):
                    out.append(diagnostic(school.shown, ys.line, "W-EMAIL-DOMAIN",
                                          f"{key} '{value}' is at '{value.strip().rsplit('@', 1)[1]}', nearly but "
                                          f"not the school's website's domain ('{site_host}'): is it a slip?", sid))
            elif key in ("name", "short_name") and re.search(r"@|\bwww\.|://|\d{5}", value):
                bad(ys.line, key, value, "is an address or a number, not the school's name (the email, website "
                                         "and phone have fields of their own)")
            elif key in ("name", "short_name") and (slip := name_slip(
                    value, str(school.written("name") or "") if key == "short_name" else "", site_host)):
                out.append(diagnostic(school.shown, ys.line, "W-NAME-SLIP",
                                      f"{key} '{value}' is nearly but not {slip}: is it a slip?", sid))
            elif key == "website" and value.strip().lower().startswith("http://"):
                bad(ys.line, key, value, "is an http:// address: browsers warn parents away from "
                                         "it; write the https:// address")
            elif key == "website" and _DOCUMENT.search(value.strip()):
                bad(ys.line, key, value, "is one document, not the school's website: write the site's "
                                         "address (https://www.example.sch.uk)")
            elif key == "website" and any(host_of(value) == h or host_of(value).endswith("." + h) for h in FILE_HOSTS):
                bad(ys.line, key, value, "is a file on a file-sharing site, not the school's website: write the "
                                         "site's address (https://www.example.sch.uk)")
            elif key == "website" and (p := _address_problem(value, website=True)):
                bad(ys.line, key, value, p)
            elif re.fullmatch(r"address(?:\[\d+\])?", key):
                line_text = value.strip()
                if re.search(r"[.,;]$", line_text) and _POSTCODE.fullmatch(line_text[:-1].strip()):
                    bad(ys.line, key, value, f"ends in '{line_text[-1]}': write the postcode alone")
                    continue
                inside = _POSTCODE_INSIDE.search(line_text)
                if key != "address" and inside and inside.group(0) != line_text:
                    rest = (line_text[:inside.start()] + " " + line_text[inside.end():]).strip(" ,;.")
                    bad(ys.line, key, value, f"holds '{rest}' beside the postcode: write the postcode on a line of "
                                             "its own (a town on the line before it; a phone in the school's phone)")
                    continue
                code = _POSTCODE.fullmatch(line_text)
                if _POSTCODE_LIKE.fullmatch(line_text) and not (
                        code and (not code.group("area") or code.group("area").upper() in AREAS)):
                    bad(ys.line, key, value, "is not a UK postcode (such as N15 3AS: an area's letters, "
                                             "a district, a space, a digit and two letters)")
            elif key.startswith("policies.") and leaf == "version" and not VERSION.fullmatch(value.strip()):
                bad(ys.line, key, value, "is not a version number (such as 2.0, 1.10 or 2.0.1): write the number "
                                         "alone; a policy with no 'approved' date is already a draft")
            elif key.startswith("roles.") and leaf == "name":
                role = roles.get(key.split(".")[1]) if isinstance(roles, dict) else None
                title = role.get("title", "") if isinstance(role, dict) else ""
                if (p := name_problem(value, str(title or key.split(".")[1]))):
                    bad(ys.line, key, value, p)
        lists = school.written("lists")
        accounts = lists.get("social_accounts") if isinstance(lists, dict) else None
        if isinstance(accounts, list):
            lines = getattr(accounts, "lines", [])
            for i, account in enumerate(accounts):
                line = lines[i] if i < len(lines) else school.line_of("lists")
                if not isinstance(account, dict):
                    bad(line, f"lists.social_accounts[{i}]", account,
                        "is text, not an account: write {platform: Facebook, handle: \"@name\", "
                        "url: https://www.facebook.com/name}")
                    continue
                if isinstance(account.get("handle"), str) and (p := _handle_problem(account["handle"])):
                    bad(line, f"lists.social_accounts[{i}].handle", account["handle"], p)
                if isinstance(account.get("url"), str) and isinstance(account.get("platform"), str) and \
                        (p := _address_problem(account["url"]) or _url_problem(account["url"], account["platform"])):
                    bad(line, f"lists.social_accounts[{i}].url", account["url"], p)
    return out
