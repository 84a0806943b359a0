"""Labelled prompts in Chinese, French, German and Spanish, for ``veil bench detect --lang``.

Templates are written per language (chat prompts, e-mails, forms, tickets), values come from
Faker's locale of that language plus national numbers with valid check digits; a share of names
is written in lower case or capitals, and Chinese values sit against Chinese text and full-width
punctuation without spaces. Each language also has prompts with no PII at all (their only gold
is "nothing"), to measure false positives on ordinary words ("Rédige", "Schreib", "Dosis").

The same generator and seeds give the same corpus; reports use seeds the detector was not tuned
on.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable

from faker import Faker
from stdnum import luhn
from stdnum.de import idnr
from stdnum.iso7064 import mod_11_10

from veil.evaluation.datasets import Sample, Span

LANGUAGES = ("zh", "fr", "de", "es")
_LOCALE = {"zh": "zh_CN", "fr": "fr_FR", "de": "de_DE", "es": "es_ES"}
#: Types with a format or checksum: recall target 0.99, and no value may be partly masked.
STRUCTURED = frozenset({"EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "URL",
                        "CN_RESIDENT_ID", "FR_NIR", "DE_TAX_ID", "ES_NIF", "ES_NIE", "DATE_TIME"})

_TEMPLATES: dict[str, list[str]] = {
    "zh": [
        "请给{PERSON}发一封邮件，邮箱是{EMAIL}，确认明天的会议。",
        "我叫{PERSON}，手机号{PHONE}，身份证号{CN_RESIDENT_ID}。",
        "客户{PERSON}的银联卡号{CREDIT_CARD}，请核对后回复。",
        "联系人：{PERSON}（{PHONE}），地址：{LOCATION}。",
        "请把合同寄到{LOCATION}，收件人{PERSON}。",
        "{PERSON}先生在{ORGANIZATION}工作，他的邮箱{EMAIL}。",
        "服务器{IP_ADDRESS}无法访问，请{PERSON}检查一下。",
        "患者{PERSON}，出生日期{DATE_TIME}，身份证{CN_RESIDENT_ID}，电话{PHONE}。",
        "帮我写一封感谢信给{ORGANIZATION}的{PERSON}。",
        "请在{DATE_TIME}之前联系{PERSON}：{EMAIL}",
        "把发票发到{EMAIL}，抄送{PERSON}，电话{PHONE}。",
        "登录日志显示来源地址{IP_ADDRESS}，账号属于{PERSON}。",
    ],
    "fr": [
        "Rédige un e-mail à {PERSON} ({EMAIL}) pour confirmer le rendez-vous du {DATE_TIME}.",
        "Bonjour, je m'appelle {PERSON}, mon numéro de sécurité sociale est {FR_NIR}.",
        "Merci de virer le montant sur l'IBAN {IBAN} au nom de {PERSON}.",
        "Peux-tu appeler {PERSON} au {PHONE} au sujet de la facture ?",
        "Le client {PERSON} habite {LOCATION} et travaille chez {ORGANIZATION}.",
        "Résume la réclamation de {PERSON}, joignable au {PHONE} ou à {EMAIL}.",
        "Mme {PERSON} a payé avec la carte {CREDIT_CARD}.",
        "Le serveur {IP_ADDRESS} ne répond plus depuis hier, prévenir {PERSON}.",
        "Patient : {PERSON}, né le {DATE_TIME}, NIR {FR_NIR}, tél. {PHONE}.",
        "Traduis ce message pour {PERSON} de la société {ORGANIZATION}.",
        "Envoie le contrat à {EMAIL} avant le {DATE_TIME}, merci {PERSON}.",
        "Coordonnées bancaires de {ORGANIZATION} : {IBAN}.",
    ],
    "de": [
        "Schreib eine kurze Nachricht an {PERSON} ({EMAIL}) wegen der Rechnung.",
        "Meine Steuer-ID ist {DE_TAX_ID}, bitte trag sie in das Formular ein.",
        "Bitte überweise den Betrag auf {IBAN}, Empfänger {PERSON}.",
        "Kannst du {PERSON} unter {PHONE} zurückrufen?",
        "Herr {PERSON} von der {ORGANIZATION} wohnt in {LOCATION}.",
        "Fasse die Beschwerde von {PERSON} zusammen, erreichbar unter {PHONE} oder {EMAIL}.",
        "Frau {PERSON} hat mit der Karte {CREDIT_CARD} bezahlt.",
        "Der Server {IP_ADDRESS} antwortet nicht, bitte {PERSON} informieren.",
        "Patient: {PERSON}, geboren am {DATE_TIME}, Steueridentifikationsnummer {DE_TAX_ID}.",
        "Übersetze diese E-Mail für {PERSON} von {ORGANIZATION}.",
        "Schick den Vertrag bis zum {DATE_TIME} an {EMAIL}, danke {PERSON}.",
        "Bankverbindung der {ORGANIZATION}: {IBAN}.",
    ],
    "es": [
        "Escribe un correo a {PERSON} ({EMAIL}) sobre la factura pendiente.",
        "Mi DNI es {ES_NIF} y mi teléfono {PHONE}.",
        "Por favor, transfiere el importe a la cuenta {IBAN} a nombre de {PERSON}.",
        "¿Puedes llamar a {PERSON} al {PHONE} por lo del pedido?",
        "El cliente {PERSON} vive en {LOCATION} y trabaja en {ORGANIZATION}.",
        "Resume la queja de {PERSON}, NIE {ES_NIE}, contacto {EMAIL}.",
        "La Sra. {PERSON} pagó con la tarjeta {CREDIT_CARD}.",
        "El servidor {IP_ADDRESS} no responde, avisa a {PERSON}.",
        "Paciente: {PERSON}, nacido el {DATE_TIME}, DNI {ES_NIF}, teléfono {PHONE}.",
        "Traduce este mensaje para {PERSON} de {ORGANIZATION}.",
        "Envía el contrato a {EMAIL} antes del {DATE_TIME}, gracias {PERSON}.",
        "Datos bancarios de {ORGANIZATION}: {IBAN}.",
    ],
}

NO_PII: dict[str, list[str]] = {
    "zh": [
        '帮我写一首关于秋天的短诗。',
        '请解释一下量子计算的基本原理。',
        '把这段话翻译成英文：今天天气很好。',
        '总结一下这篇文章的主要观点。',
        '给我推荐三本适合初学者的编程书。',
        '如何提高团队的工作效率？',
        '写一个Python函数，计算列表的平均值。',
        '下个季度的销售目标应该怎么制定？',
        '解释一下什么是机器学习中的过拟合。',
        '帮我列一个周末大扫除的清单。',
        '请用简单的语言解释通货膨胀。',
        '写一段产品介绍，介绍一款新的智能手表。',
        '比较一下火车和飞机出行的优缺点。',
        '请给出三个减少压力的建议。',
        '如何做一道简单的番茄炒蛋？',
    ],
    "fr": [
        "Rédige un poème court sur l'automne.",
        'Explique-moi le principe de la photosynthèse.',
        'Résume cet article en trois points.',
        'Traduis cette phrase en anglais : il fait beau.',
        'Donne-moi trois idées de recettes végétariennes.',
        'Écris une fonction Python qui trie une liste.',
        'Quels sont les avantages du télétravail ?',
        'Propose un plan pour une présentation sur le climat.',
        "Corrige les fautes de ce paragraphe, s'il te plaît.",
        "Comment améliorer la productivité d'une équipe ?",
        'Rédige une introduction pour un rapport trimestriel.',
        'Explique la différence entre un virus et une bactérie.',
        'Fais une liste de courses pour la semaine.',
        "Quelle est la meilleure façon d'apprendre une langue ?",
        'Écris un slogan pour une boulangerie.',
    ],
    "de": [
        'Schreib ein kurzes Gedicht über den Herbst.',
        'Erkläre mir die Photosynthese in einfachen Worten.',
        'Fasse diesen Artikel in drei Punkten zusammen.',
        'Übersetze den Satz ins Englische: Das Wetter ist schön.',
        'Gib mir drei Ideen für vegetarische Rezepte.',
        'Schreib eine Python-Funktion, die eine Liste sortiert.',
        'Welche Vorteile hat das Homeoffice?',
        'Wie hoch ist die übliche Dosis bei Kopfschmerztabletten?',
        'Erstelle eine Gliederung für den Bericht zum dritten Quartal.',
        'Korrigiere bitte die Fehler in diesem Absatz.',
        'Wie kann ein Team produktiver arbeiten?',
        'Erkläre den Unterschied zwischen Virus und Bakterium.',
        'Mach mir eine Einkaufsliste für die Woche.',
        'Was ist der beste Weg, eine Sprache zu lernen?',
        'Schreib einen Werbespruch für eine Bäckerei.',
    ],
    "es": [
        'Escribe un poema corto sobre el otoño.',
        'Explícame la fotosíntesis con palabras sencillas.',
        'Resume este artículo en tres puntos.',
        'Traduce la frase al inglés: hace buen tiempo.',
        'Dame tres ideas de recetas vegetarianas.',
        'Escribe una función en Python que ordene una lista.',
        '¿Qué ventajas tiene el teletrabajo?',
        'Propón un esquema para una presentación sobre el clima.',
        'Corrige los errores de este párrafo, por favor.',
        '¿Cómo puede un equipo trabajar de forma más productiva?',
        'Redacta una introducción para el informe trimestral.',
        'Explica la diferencia entre un virus y una bacteria.',
        'Haz una lista de la compra para la semana.',
        '¿Cuál es la mejor manera de aprender un idioma?',
        'Escribe un eslogan para una panadería.',
    ],
}


class _Values:
    def __init__(self, lang: str, rng: random.Random, seed: int) -> None:
        self.lang = lang
        self.rng = rng
        self.fk = Faker(_LOCALE[lang])
        self.fk.seed_instance(seed)

    def person(self) -> str:
        if self.lang == "zh":
            return str(self.fk.name())
        name = f"{self.fk.first_name()} {self.fk.last_name()}"
        r = self.rng.random()
        if r < 0.12:
            return name.lower()
        if r < 0.22:
            return name.upper()
        return name

    def email(self) -> str:
        return str(self.fk.email())

    def phone(self) -> str:
        return str(self.fk.phone_number())

    def iban(self) -> str:
        v = str(self.fk.iban())
        r = self.rng.random()
        if r < 0.3:
            return " ".join(v[i:i + 4] for i in range(0, len(v), 4))
        if r < 0.4:
            return "-".join(v[i:i + 4] for i in range(0, len(v), 4))
        return v

    def card(self) -> str:
        if self.lang == "zh":  # UnionPay: 62, 16-19 digits, Luhn
            body = "62" + "".join(self.rng.choice(string.digits)
                                  for _ in range(self.rng.choice([13, 14, 15, 16])))
            return body + luhn.calc_check_digit(body)
        n = str(self.fk.credit_card_number())
        if len(n) == 16 and self.rng.random() < 0.5:
            n = " ".join(n[i:i + 4] for i in range(0, 16, 4))
        return n

    def ip(self) -> str:
        return str(self.fk.ipv4() if self.rng.random() < 0.7 else self.fk.ipv6())

    def location(self) -> str:
        if self.lang == "zh":
            f = self.fk
            return (f"{f.province()}{f.city()}{f.district()}区{f.street_name()}"
                    f"{self.rng.randint(1, 300)}号")
        return str(self.fk.city())

    def org(self) -> str:
        return str(self.fk.company())

    def date(self) -> str:
        d = self.fk.date_of_birth(minimum_age=1, maximum_age=90)
        if self.lang == "zh":
            return f"{d.year}年{d.month}月{d.day}日"
        months = {"fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                         "septembre", "octobre", "novembre", "décembre"],
                  "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                         "September", "Oktober", "November", "Dezember"],
                  "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                         "agosto", "septiembre", "octubre", "noviembre", "diciembre"]}[self.lang]
        k = self.rng.randrange(3)
        if k == 0:
            return d.strftime("%d/%m/%Y" if self.lang != "de" else "%d.%m.%Y")
        if self.lang == "de":
            return f"{d.day}. {months[d.month - 1]} {d.year}"
        if self.lang == "es":
            return f"{d.day} de {months[d.month - 1]} de {d.year}"
        return f"{d.day} {months[d.month - 1]} {d.year}"

    def cn_id(self) -> str:
        return str(self.fk.ssn())

    def nir(self) -> str:
        v = str(self.fk.ssn())
        if self.rng.random() < 0.5:
            return f"{v[0]} {v[1:3]} {v[3:5]} {v[5:7]} {v[7:10]} {v[10:13]} {v[13:]}"
        return v

    def de_tax(self) -> str:
        while True:
            body = str(self.rng.randint(1, 9)) + "".join(self.rng.choice(string.digits)
                                                         for _ in range(9))
            v = body + mod_11_10.calc_check_digit(body)
            if idnr.is_valid(v):
                return v if self.rng.random() < 0.6 else f"{v[:2]} {v[2:5]} {v[5:8]} {v[8:]}"

    def nif(self) -> str:
        return str(self.fk.nif())

    def nie(self) -> str:
        return str(self.fk.nie())


def _render(template: str, values: _Values) -> Sample:
    gens: dict[str, Callable[[], str]] = {
        "PERSON": values.person, "EMAIL": values.email, "PHONE": values.phone,
        "IBAN": values.iban, "CREDIT_CARD": values.card, "IP_ADDRESS": values.ip,
        "LOCATION": values.location, "ORGANIZATION": values.org, "DATE_TIME": values.date,
        "CN_RESIDENT_ID": values.cn_id, "FR_NIR": values.nir, "DE_TAX_ID": values.de_tax,
        "ES_NIF": values.nif, "ES_NIE": values.nie,
    }
    out: list[str] = []
    spans: list[Span] = []
    pos = i = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        lit = template[i:m.start()]
        out.append(lit)
        pos += len(lit)
        val = gens[m.group(1)]()
        spans.append(Span(m.group(1), pos, pos + len(val)))
        out.append(val)
        pos += len(val)
        i = m.end()
    out.append(template[i:])
    return Sample("".join(out), spans, source=f"{values.lang}/pii")


def multilingual_samples(lang: str, n: int, seed: int) -> list[Sample]:
    """``n`` PII prompts in ``lang`` (deterministic for a seed)."""
    rng = random.Random(f"{lang}:{seed}")  # nosec B311 # seeded generator for reproducible data, not a secret
    values = _Values(lang, rng, seed)
    return [_render(rng.choice(_TEMPLATES[lang]), values) for _ in range(n)]


def no_pii_samples(lang: str) -> list[Sample]:
    """The language's prompts without PII (gold: no span)."""
    return [Sample(t, [], source=f"{lang}/no_pii") for t in NO_PII[lang]]


def partly_masked(sample: Sample, predicted: list[Span], types: frozenset[str]) -> int:
    """Gold values of ``types`` that predictions touch but do not cover whole (a leak of part
    of the value, whatever the predicted type)."""
    count = 0
    for g in sample.spans:
        if g.type not in types:
            continue
        hits = [p for p in predicted if p.start < g.end and g.start < p.end]
        if not hits:
            continue
        covered: set[int] = set()
        for p in hits:
            covered.update(range(max(p.start, g.start), min(p.end, g.end)))
        if any(not sample.text[k].isspace() and k not in covered for k in range(g.start, g.end)):
            count += 1
    return count
