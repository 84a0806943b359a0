"""Small word lists shared by recognizers (street words for address detection, the
calendar's words, the verbs a prompt opens with)."""

from __future__ import annotations

import re

#: Words that end or open a street name ("Kieler Strasse", "Rue de la Paix", "Main St.").
STREET_WORDS = (r"(?:Street|St|Strasse|Straße|Str|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|"
                r"Blvd|Suite|Apt|Plaza|Place|Pl|Square|Sq|Hills?|Hollow|Way|Court|Ct|Terrace|"
                r"Crescent|Cres|Rue|Calle|Via|Rua|Avenida|Paseo|Camino|Utca|Ulica|Ul|Vej|Gade|"
                r"Weg|Laan|Straat|Gasse|Platz|Allee|Chaussee|Canyon|Park|Parkway|Pkwy|Highway|"
                r"Hwy|Row|Close|Gardens|Mews|Box|Unit|Floor)")

#: A house number followed by a street ("0681 213 Endeavour Lane", "12 rue des Lilas").
ADDRESS_AFTER_NUMBER = re.compile(
    rf"[ \t]+(?:[A-ZÀ-Þ][\w'’.-]*[ \t]+){{0,3}}{STREET_WORDS}\b|[ \t]+(?:rue|via|calle|ul\.)\b",
    re.IGNORECASE)

#: English months and days of the week, in lower case: capitalised, they are no name and no
#: place ("Anna Monday", "moved in March").
CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday"})

#: the verbs a prompt opens with, capitalised as a name is ("Summarize the case study...",
#: "User: Translate this"): the learned model read some of them as a name at a sentence's
#: start, and the name heuristics as a chat transcript's speaker's name after "User:"
PROMPT_VERBS = frozenset({
    "summarize", "summarise", "translate", "explain", "describe", "write", "rewrite", "draft",
    "compose", "generate", "create", "compare", "analyze", "analyse", "classify", "extract",
    "outline", "review", "edit", "proofread", "paraphrase", "calculate", "convert", "suggest",
    "recommend", "list", "brainstorm", "shorten", "simplify", "format", "correct", "identify",
    "evaluate", "assess", "categorize", "categorise", "respond", "reply", "answer"})
