"""Bare domain names (``acme-payroll.com``, ``bücher.de``, ``xn--bcher-kva.de``) typed URL.

A dotted word is a domain only when its last label is a top-level domain of the public suffix
list (the offline snapshot shipped inside ``tldextract``; nothing is fetched). Top-level names
that are also file extensions or code words (``.py``, ``.md``, ``.sh``, ``.zip``, ``.name``,
``.to``) and generic TLDs outside a common set are left out: ``setup.py``, ``user.name`` and
``df.to`` are code, not hosts. Labels are lower case or punycode (``ASP.NET``, ``U.S.A`` are
not hosts), and a match followed by ``(`` is a method call.
"""

from __future__ import annotations

import functools

from veil.detect.patterns import Pattern, PatternRecognizer
from veil.errors import DetectionError

# Country codes that are English words, code tokens or file extensions.
_EXCLUDED = frozenset({"id", "to", "py", "md", "sh", "rs", "ps", "cc", "ml", "mk", "so", "do",
                       "go", "as", "an", "or", "on", "am", "by", "my", "ts", "sc", "pl", "pm",
                       "im", "st", "tf", "gg", "rb", "hs", "cs", "pe", "ms", "ph", "mp", "ws",
                       "zip", "mov", "name", "email", "json", "page", "data", "new", "run"})
# Generic TLDs people write as bare hosts; the rest of the ~1,400 gTLDs are too often words.
_GENERIC = frozenset({"com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io",
                      "ai", "app", "dev", "xyz", "online", "site", "tech", "store", "shop",
                      "cloud", "blog", "mobi", "asia", "eu", "museum", "travel", "jobs", "aero",
                      "coop", "bank", "health", "law", "agency", "company", "solutions",
                      "consulting", "digital", "media", "network", "systems", "website", "space",
                      "club", "design", "studio", "host", "services", "support", "today",
                      "world", "life", "global", "group", "center", "academy", "school",
                      "university", "clinic", "hospital", "dental", "care", "finance", "money",
                      "capital", "ventures", "partners", "legal", "paris", "berlin", "london",
                      "nyc", "tokyo", "madrid", "barcelona", "bayern", "wien", "swiss",
                      "quebec", "scot", "wales", "cat", "gal", "eus", "top", "vip", "ltd",
                      "inc", "llc", "gmbh", "news"})


@functools.cache
def top_level_domains() -> frozenset[str]:
    """Top-level names of the ICANN section of the public suffix list (offline snapshot)."""
    import importlib.util
    from pathlib import Path

    # the package's folder without importing it: tldextract's import pulls in requests and
    # more (80 ms, paid by the first message holding a dotted word)
    spec = importlib.util.find_spec("tldextract")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not folders:
        raise DetectionError("domain detection needs the tldextract package's public suffix "
                             "snapshot: pip install 'tldextract>=5'")
    text = (Path(folders[0]) / ".tld_set_snapshot").read_text(encoding="utf-8")
    icann = text.split("===END ICANN DOMAINS===", 1)[0]
    out: set[str] = set()
    for line in icann.splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            out.add(line.lstrip("*.!").rsplit(".", 1)[-1].lower())
    return frozenset(out)


def host_tld(tld: str) -> bool:
    """Whether ``tld`` is a top-level name people write as a host's: a country code, or a
    generic one of a common set (not a file extension or a code word)."""
    if tld in _EXCLUDED:
        return False
    if tld.startswith("xn--") or not tld.isascii():
        return tld.encode("idna").decode("ascii") in top_level_domains() or \
            tld in top_level_domains()
    if len(tld) == 2:
        return tld in top_level_domains()
    return tld in _GENERIC


def is_domain(value: str) -> bool:
    """Whether ``value`` is a host name, with a path after it or not."""
    labels = value.split("/", 1)[0].rstrip(".").split(".")
    if len(labels) < 2:
        return False
    tld = labels[-1]
    try:
        if not host_tld(tld.lower() if tld.isascii() else tld):
            return False
    except UnicodeError:
        return False
    sld = labels[-2]
    if len(sld) < 2 or sld.isdigit() or any(lbl.startswith("-") or lbl.endswith("-")
                                            for lbl in labels):
        return False
    return all(lbl.lower() == lbl or lbl.startswith("xn--") for lbl in labels[1:])


# Non-ASCII letters of an IDN label: any script but CJK ideographs and kana (they surround ASCII
# hosts without a space in Chinese text); disjoint from [A-Za-z0-9], so no exponential backtracking.
_ULET = r"[^\W_\x00-\x7f\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"
_LBL = rf"(?:[A-Za-z0-9]|{_ULET})(?:(?:[A-Za-z0-9-]|{_ULET}){{0,61}}(?:[A-Za-z0-9]|{_ULET}))?"

# a path after the host ("linkedin.com/in/jane-doe-123"): URL characters, not ending on
# punctuation (as a scheme URL's, veil.detect.builtin)
_PATH_CHAR = r"[^\s<>\"'`\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
_PATH_END = r"[^\s<>\"'`.,;:!?)\]}\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"

BARE_DOMAIN = PatternRecognizer(
    name="domain", entity="URL",
    # the host and its path: a host alone left "/in/jane-doe-123" of a profile's address
    patterns=[Pattern(rf"(?<![A-Za-z0-9_@./:\\-]){_LBL}(?:\.{_LBL})+"
                      rf"(?:/(?:{_PATH_CHAR}*{_PATH_END})?)?(?![A-Za-z0-9_-]|\.\w|\()",
                      0.7, lead=63, mark=rf"\.(?:[A-Za-z0-9]|{_ULET})", spaced=False)],
    validate=is_domain, prefilter=lambda t: "." in t, validated=True,
    context=("domain", "website", "site", "host", "dns", "web"), context_boost=0.2,
)
