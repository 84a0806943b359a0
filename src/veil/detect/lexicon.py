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

#: a letter's or an e-mail's closing alone on its line, an alternation in lower case: the name
#: on the next line is its writer's (veil.detect.ner), and the models' person or place read in
#: the closing itself ("Mit", "Grüßen", "Att") is none (veil.detect.trade_words)
SIGN_OFFS = (r"thanks|thank you|many thanks|regards|best|best regards|kind regards|"
             r"warm regards|all the best|sincerely|yours(?: truly| sincerely)?|cheers|"
             r"respectfully|cordially|"
             # Europe's closings
             r"cordialement|bien cordialement|mit freundlichen grüßen|"
             r"mit freundlichen gruessen|viele grüße|liebe grüße|beste grüße|atentamente|"
             r"saludos|un saludo|cordiali saluti|distinti saluti|saluti|"
             r"met vriendelijke groet(?:en)?|groeten|com os melhores cumprimentos|"
             r"melhores cumprimentos|atenciosamente|cumprimentos|att|pozdrawiam|"
             r"z poważaniem|(?:med )?vänliga hälsningar|(?:med )?venlig hilsen|"
             r"(?:med )?vennlig hilsen|ystävällisin terveisin|terveisin|s pozdravem|"
             r"cu stimă|cu respect|saygılarımla")

#: greetings of the languages a prompt may open with, in lower case: a message's first word,
#: capitalised as a name is, that the models read as a person or a place ("Dzień dobry,",
#: "Merhaba,", "Olá,"); never a name alone. Not those that are given names too ("Dag", "Ola",
#: "Shalom", "Salam", "Selam")
GREETINGS = frozenset({
    "hi", "hello", "hey", "hallo", "hola", "olá", "oi", "bonjour", "bonsoir", "salut",
    "ciao", "salve", "buongiorno", "buenos días", "buenas", "buenas tardes", "bom dia",
    "boa tarde", "boa noite", "guten tag", "guten morgen", "servus", "moin", "grüezi",
    "grüß gott", "hoi", "goedemorgen", "goedemiddag", "hej", "hei", "hej hej",
    "god morgon", "god dag", "goddag", "terve", "moi", "dzień dobry", "cześć", "witam",
    "ahoj", "dobrý den", "szia", "jó napot", "bună ziua", "buna ziua", "salutare",
    "zdravo", "bok", "dobar dan", "merhaba", "salam alaikum",
    "assalamualaikum", "as-salamu alaykum", "marhaba", "namaste", "namaskar",
    "sawasdee", "xin chào", "chào", "kumusta", "selamat pagi", "halo", "jambo", "habari",
    "sawubona", "sannu", "yassou", "geia sou", "privet", "sveiki", "tere", "labas"})

#: "my name is" and "I am called" in the languages a prompt may be written in, in Latin letters
#: (not English's, which the name heuristics read with their own cues), in lower case: the
#: words after one are a name, known or not ("meu nome é Thaís Gonçalves Bittencourt", "ana
#: smiti Khadija Benslimane", "mera naam Rohit Deshpande hai"). Whole phrases only: "adım" and
#: "ismi" alone say "my step" and "its name" too.
OWN_NAME_CUES = (
    "meu nome é", "meu nome e", "me chamo", "chamo-me", "me llamo", "mi nombre es",
    "je m'appelle", "je m’appelle", "mon nom est", "ich heiße", "ich heisse", "mein name ist",
    "mi chiamo", "il mio nome è", "ik heet", "mijn naam is", "nazywam się", "mam na imię",
    "benim adım", "mă numesc", "ma numesc", "numele meu este", "jmenuji se", "jmenuju se",
    "volám sa", "menujem sa", "jag heter", "jeg hedder", "jeg heter", "mit navn er",
    "mitt navn er", "nimeni on", "a nevem", "zovem se", "ime mi je", "nama saya",
    "ang pangalan ko ay", "tôi tên là", "tên tôi là", "jina langu ni", "naitwa", "mera naam",
    "mera nam", "mera name", "ana smiti", "ana ismi", "ana esmi", "smiti")
#: :data:`OWN_NAME_CUES` as a regex's alternation, their spaces any blanks
OWN_NAME_CUE = "|".join(re.escape(c).replace(r"\ ", r"[ \t]+") for c in OWN_NAME_CUES)
