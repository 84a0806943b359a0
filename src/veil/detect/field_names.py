"""What a field's name says its values are: a column's of a table, a key's of an object.

A record's values carry no words around them: ``('Gregory', 'House', '1959-06-11')`` gives
the name models nothing to read, while its columns, ``first_name, last_name, dob``, say what
each one is. A name is read as words (``contactFirstName``, ``FIRST_NAME``, ``first-name``),
and the longest ending of them that is a known field decides. Names of several languages;
fields that name no person's data (``server_address``, ``product_name``) say nothing.
"""

from __future__ import annotations

import re
import unicodedata

# A column's name is read as words ("firstName", "FIRST_NAME", "first-name": first, name);
# the longest ending of them that is a known field says what its values are, so that
# "contact_first_name", "home_phone" and "patient_dob" are read, "is_first" and "last_login"
# (known only as a whole: WEAK) and "product_name" are not.
_PERSON_FIELDS = (
    "firstname", "lastname", "fname", "lname", "mname", "givenname", "givennames",
    "familyname", "surname", "surnames", "forename", "forenames", "middlename",
    "middleinitial", "maidenname", "fullname", "nickname", "displayname", "legalname",
    "preferredname", "birthname", "realname", "personname", "contactperson",
    "nextofkin", "cardholder", "accountholder", "policyholder", "mothersmaidenname",
    "vorname", "nachname", "familienname", "prenom", "nomcomplet", "apellido", "apellidos",
    "nombrecompleto", "cognome", "sobrenome", "achternaam", "voornaam", "fornavn",
    "efternavn", "etternavn", "fornamn", "efternamn", "imie", "nazwisko",
    # (a form's labels in the languages of Europe, their accents off: "Jméno a příjmení")
    "imieinazwisko", "jmeno", "prijmeni", "jmenoaprijmeni", "meno", "priezvisko",
    "nomecompleto", "nomeecognome", "etunimi", "sukunimi", "etunimet", "vezeteknev",
    "keresztnev", "csaladinev", "soyad", "soyadi", "adsoyad", "adisoyadi", "nume", "prenume",
    "numeprenume", "numesiprenume", "voornamen", "roepnaam", "fornavne", "tilltalsnamn")
#: people's roles: alone, a column of people's names (``patient``, ``cardholder``); read as a
#: whole column only (``patient_id`` is no name)
_PERSON_ALONE = (
    "first", "last", "given", "middle", "maiden", "patient", "customer", "client", "contact",
    "employee", "owner", "cardholder", "accountholder", "beneficiary", "recipient", "payee",
    "payer", "sender", "spouse", "guardian", "mother", "father", "doctor", "physician",
    "nurse", "author", "student", "teacher", "passenger", "guest", "applicant", "candidate",
    "manager", "supervisor", "buyer", "seller", "witness", "visitor", "donor", "insured",
    "signer", "signatory", "assignee", "attendee", "participant", "addressee", "attn",
    "representative", "salesrep", "lawyer", "attorney", "landlord", "victim", "suspect",
    "defendant", "plaintiff", "person", "nom", "nombre", "nome",
    # (a name, a patient, a client, a tenant and a landlord, an employee in the languages of
    # Europe, their accents off)
    "nimi", "naam", "namn", "navn", "pacjent", "pacient", "paciente", "potilas", "klient",
    "kunde", "cliente", "kund", "asiakas", "zakaznik", "musteri", "najemca", "wynajmujacy",
    "najemnik", "pronajimatel", "inquilino", "arrendatario", "locataire", "bailleur",
    "mieter", "vermieter", "huurder", "verhuurder", "hyresgast", "lejer", "udlejer",
    "leietaker", "vuokralainen", "vuokranantaja", "chirias", "pracownik", "zamestnanec",
    "mitarbeiter", "arbeitnehmer", "werknemer", "empleado", "trabajador", "dipendente",
    "lavoratore", "salarie", "trabalhador", "anstalld", "tyontekija", "angajat")
#: what stands before "name" in a column of names (``customer_name``, ``display_name``,
#: ``company_name``; ``product_name``, ``file_name`` stay)
_NAME_OWNERS = {
    **dict.fromkeys(_PERSON_ALONE, "PERSON"),
    **dict.fromkeys(("full", "legal", "preferred", "birth", "nick", "display", "real",
                     "christian", "fore", "sur", "family", "personal", "holder", "member",
                     "subscriber", "parent", "mothers", "fathers", "partner", "driver",
                     "shipping", "billing", "shipto", "billto", "emergencycontact", "kin",
                     "nextofkin", "caller", "reporter", "referrer", "resident",
                     "policyholder", "contactperson"), "PERSON"),
    **dict.fromkeys(("user", "login", "account", "screen", "samaccount", "principal"),
                    "USERNAME"),
    **dict.fromkeys(("company", "org", "organization", "organisation", "employer",
                     "business", "firm", "bank", "school", "university", "institution",
                     "hospital", "clinic", "practice", "agency", "insurer"), "ORGANIZATION"),
    **dict.fromkeys(("city", "town", "street", "village", "birthplace", "place"), "LOCATION"),
}
_FIELDS: dict[str, str | None] = {
    **dict.fromkeys(_PERSON_ALONE + _PERSON_FIELDS, "PERSON"),
    **dict.fromkeys(("emergencycontact", "nextofkin"), "PERSON"),
    **dict.fromkeys(("email", "emails", "mail", "emailaddress", "mailaddress", "emailadresse",
                     "correo", "courriel", "emailid"), "EMAIL"),
    **dict.fromkeys(("phone", "phones", "telephone", "tel", "mobile", "mobilephone",
                     "cellphone", "cell", "fax", "msisdn", "telefon", "telefono", "telephon",
                     "handy", "whatsapp", "phonenumber", "mobilenumber", "contactnumber",
                     "faxnumber", "telno", "tel1", "landline"), "PHONE"),
    **dict.fromkeys(("address", "addresses", "addr", "street", "streetaddress", "city",
                     "town", "village", "suburb", "locality", "zip", "zipcode", "postcode",
                     "postalcode", "postal", "plz", "residence", "birthplace", "placeofbirth",
                     "cityofbirth",
                     "housenumber", "adresse", "strasse", "ort", "ville", "ciudad",
                     "direccion", "indirizzo", "citta",
                     # (the languages of Europe, accents off: "Bydliště", "Osoite")
                     "adresa", "adres", "adresas", "adrese", "aadress", "adress", "osoite",
                     "kotiosoite", "postiosoite", "katuosoite", "lakcim", "anschrift",
                     "wohnort", "wohnadresse", "wohnanschrift", "bydliste", "trvalebydliste",
                     "trvalypobyt", "miejscezamieszkania", "zamieszkania", "domicilio",
                     "domicile", "domiciliu", "residencia", "morada", "endereco",
                     "woonplaats", "woonadres", "postadres", "bostadsadress", "gatuadress",
                     "postadress", "postadresse", "miasto", "miejscowosc", "mesto", "obec",
                     "kaupunki", "paikkakunta", "postitoimipaikka", "localite", "localita",
                     "localidad", "localidade", "comune", "gemeente", "stadt",
                     "wohnsitz", "sehir", "municipio", "kommune", "kommun", "postort",
                     "kodpocztowy", "postinumero", "postleitzahl", "codigopostal",
                     "codepostal"), "LOCATION"),
    **dict.fromkeys(("dob", "birthdate", "birthday", "dateofbirth", "born", "bornon",
                     "birthdt", "geburtsdatum", "datenaissance", "fechanacimiento",
                     "birthtime"),
                    "DATE_OF_BIRTH"),
    **dict.fromkeys(("ssn", "socialsecuritynumber", "socialsecurityno", "socialsecurity"),
                    "US_SSN"),
    **dict.fromkeys(("nationalid", "nationalidentitynumber", "nationalidnumber", "nin",
                     "idnumber", "identitynumber", "taxid", "tin", "taxpayerid",
                     "taxnumber", "personnummer", "personalnumber"), "NATIONAL_ID"),
    "nhsnumber": "UK_NHS", "nhsno": "UK_NHS", "nino": "UK_NINO",
    "nationalinsurancenumber": "UK_NINO", "sin": "CA_SIN", "aadhaar": "IN_AADHAAR",
    "bsn": "NL_BSN", "cpf": "BR_CPF", "curp": "MX_CURP", "pesel": "PL_PESEL",
    "codicefiscale": "IT_FISCAL_CODE", "fiscalcode": "IT_FISCAL_CODE", "nric": "SG_NRIC_FIN",
    "itin": "US_ITIN", "npi": "US_NPI", "routingnumber": "ABA_ROUTING",
    **dict.fromkeys(("username", "usernames", "userlogin", "loginname", "screenname",
                     "samaccountname", "userprincipalname", "accountname", "login", "user",
                     "handle"), "USERNAME"),
    **dict.fromkeys(("password", "passwd", "pwd", "passphrase", "passwordhash",
                     "passwordsalt", "secret", "clientsecret", "apikey", "apisecret",
                     "secretkey", "privatekey", "accesskey", "encryptionkey", "token",
                     "accesstoken", "refreshtoken", "authtoken", "apitoken", "sessiontoken",
                     "pin", "otpsecret", "totpsecret", "mfasecret", "securityanswer",
                     "kennwort", "passwort", "contrasena"), "SECRET"),
    **dict.fromkeys(("account", "accountnumber", "accountno", "acct", "acctno",
                     "bankaccount", "bankaccountnumber", "policynumber", "memberid",
                     "membernumber", "insuranceid", "employeenumber",
                     # a payroll's or a school's export: the employee's and the student's id
                     "employeeid", "employeeno", "staffid", "staffnumber", "studentid",
                     "studentnumber", "studentno",
                     # a user's, a customer's or a subscriber's id, as builtin's ``user_id``
                     # reads it after its key ("user_id,first_name,..." over "10233,...")
                     "userid", "customerid", "custid", "accountid", "subscriberid",
                     # a payroll export's bank and fund columns: India's UAN and PF numbers, a
                     # superannuation member's number, an employee's code (not a bank branch's
                     # code, a sort code, BSB or IFSC: it names the branch)
                     "bankac", "bankacno", "uan",
                     "pfno", "pfnumber", "esicno", "supermember", "supermembernumber",
                     "payrollid", "payrollnumber", "payrollno", "empno", "empid", "empcode",
                     "employeecode", "worksnumber", "personid",
                     # a school's or a university's export: a pupil's, a learner's, a
                     # candidate's and an SIS's numbers, a state's student number
                     "upn", "uln", "scn", "adno", "admissionno", "sisid", "candidatenumber",
                     "candidateno", "learnernumber", "statestudentnumber", "statestudentid"),
                    "ACCOUNT_NUMBER"),
    "iban": "IBAN",
    **dict.fromkeys(("card", "cardnumber", "cardno", "creditcard", "creditcardnumber",
                     "cc", "ccnumber", "ccnum", "debitcard"), "CREDIT_CARD"),
    **dict.fromkeys(("cvv", "cvc", "cvv2", "securitycode", "cardsecuritycode"),
                    "CARD_SECURITY_CODE"),
    **dict.fromkeys(("passport", "passportnumber", "passportno"), "PASSPORT"),
    **dict.fromkeys(("driverlicense", "driverslicense", "driverlicence", "driverslicence",
                     "drivinglicence", "drivinglicense", "dlnumber", "licensenumber",
                     "licencenumber"), "DRIVER_LICENSE"),
    **dict.fromkeys(("mrn", "medicalrecordnumber", "medicalrecord"), "MEDICAL_RECORD"),
    **dict.fromkeys(("ip", "ipaddress", "ipaddr", "ipv4", "ipv6", "clientip", "remoteip"),
                    "IP_ADDRESS"),
    **dict.fromkeys(("macaddress", "mac"), "MAC_ADDRESS"),
    **dict.fromkeys(("vin", "licenseplate", "numberplate", "plate"), "VEHICLE_ID"),
    **dict.fromkeys(("walletaddress", "wallet"), "CRYPTO_WALLET"),
    **dict.fromkeys(("employer", "company", "companyname", "organization", "organisation",
                     "orgname", "workplace"), "ORGANIZATION"),
    "age": "AGE",
    # addresses that are no person's: they stay
    **dict.fromkeys(("serveraddress", "hostaddress", "remoteaddress", "bindaddress",
                     "listenaddress", "webaddress", "networkaddress", "localaddress",
                     "proxyaddress", "gatewayaddress", "contractaddress", "baseaddress",
                     "returnaddress", "startaddress", "endaddress", "memoryaddress",
                     "emailtemplate", "mailserver", "cellid",
                     # a KYC file's document labels: their value is a document's kind
                     # ("Proof of address: utility bill dated ..."), its address read on its own
                     "proofofaddress", "addressproof", "addressverification"), None),
}
#: fields read only as a whole column, never as its last words (``is_first``, ``last_login``,
#: ``patient_id``... end in none, but ``vip_customer``, ``auth_token`` would mislead)
_WEAK = frozenset({*_PERSON_ALONE, "mail", "cell", "born", "pin", "token", "secret", "card",
                   "cc", "account", "acct", "age", "plate", "mac", "ip", "tin", "sin", "nin",
                   "postal", "ort", "wallet", "company", "employer", "handy", "tel",
                   "memberid", "login", "user", "handle"})
#: a column called just "name" in a table of things holds a thing's name; of companies, theirs
_THING_TABLES = frozenset({
    "product", "item", "category", "tag", "role", "permission", "group", "team", "department",
    "project", "file", "setting", "config", "feature", "plan", "tier", "country", "currency",
    "language", "skill", "course", "event", "page", "menu", "table", "column", "status",
    "type", "kind", "brand", "model", "service", "app", "application", "queue", "job",
    "task", "metric", "label", "flag", "module", "package", "book", "movie", "song",
    "album", "game", "recipe", "ingredient", "color", "colour", "unit", "region", "state",
    "province", "channel", "topic", "board", "repo", "repository", "branch", "environment",
    "dataset", "schema", "index", "document", "folder", "playlist", "genre", "species",
    "breed", "pet", "animal", "drug", "medication", "device", "asset", "sku", "variant",
    "collection", "template", "workflow", "pipeline", "stage", "campaign", "list", "room",
    "building", "warehouse", "store", "shop", "attribute", "option"})
_ORG_TABLES = frozenset({"company", "companies", "organization", "organisation", "org",
                         "vendor", "supplier", "bank", "school", "university", "employer",
                         "agency", "hospital", "clinic"})
#: values that hold no one's data: a placeholder, or a template's parameter quoted
#: (``'%s'``, ``'{first}'``; a quoted ``'@jdoe'`` is a handle, not a variable)
#: (a setting's values too: "login=true", "city=off")
_PLACEHOLDERS = frozenset({"n/a", "na", "none", "null", "nil", "unknown", "tbd", "tba",
                           "redacted", "default", "empty", "undefined", "true", "false", "yes",
                           "no", "on", "off"})
_PARAMETER = re.compile(r"%[sdif]|%\(\w+\)s|\{\w*\}|\$\{\w+\}|\?")
_IBAN_SHAPE = re.compile(r"[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")


def _field_words(name: str) -> list[str]:
    """A field's name as lower-case words (``contactFirstName``: contact, first, name); a
    trailing number is dropped (``address_line_2``, ``street2``)."""
    if not name.isascii():  # its accents off: "prénom" is "prenom", not "pr" and "nom"
        name = "".join(c for c in unicodedata.normalize("NFKD", name)
                       if not unicodedata.combining(c))
    words = [w for w in _NOT_WORD.split(_CAMEL.sub("_", name).lower()) if w]
    while words and words[-1].isdigit():
        words.pop()
    if words and words[-1][-1].isdigit() and "".join(words) not in _FIELDS:
        words[-1] = words[-1].rstrip("0123456789")
    if len(words) > 1 and words[-1] in ("line", "number", "no", "num", "nr", "nbr", "value",
                                        "text", "full"):
        # phone_number, address_line (the whole name is tried first: account_number)
        joined = "".join(words)
        if joined not in _FIELDS:
            words.pop()
    return [w for w in words if w]


#: keys whose values other things than people have as often (a package's, a file's, a
#: service's account): their values are left to the name recognizers, which check them
BARE_KEYS = frozenset({"name", "names", "user"})


#: every type a field's name may give its values (an account number shaped as one is an IBAN)
FIELD_TYPES: tuple[str, ...] = tuple(sorted(
    {t for t in _FIELDS.values() if t is not None} | set(_NAME_OWNERS.values()) | {"IBAN"}))


def field_type(name: str, table: str = "") -> str | None:
    """The type of the values of field ``name`` (a column of ``table``, a key), or None
    where its name says none."""
    words = _field_words(name)
    if words in (["name"], ["names"]):  # a person's, unless the table holds things
        table_words = _field_words(table)
        if any(w in _ORG_TABLES for w in table_words):
            return "ORGANIZATION"
        if any(w in _THING_TABLES or w[:-1] in _THING_TABLES or w[:-3] + "y" in _THING_TABLES
               for w in table_words):
            return None
        return "PERSON"
    for k in range(len(words)):  # the longest ending that is a field
        ending = "".join(words[k:])
        if ending in _FIELDS and (k == 0 or ending not in _WEAK):
            return _FIELDS[ending]
    if len(words) > 1 and words[-1] in ("name", "names"):
        for k in range(len(words) - 1):  # the longest owner before it: account_holder_name
            owner = _NAME_OWNERS.get("".join(words[k:-1]))
            if owner is not None:
                return owner
    return None


def value_type(kind: str, value: str) -> str | None:
    """The type a column's literal is masked as, or None where it holds nothing of the kind
    (a placeholder, a template's parameter, a name without a letter, a number without a
    digit)."""
    v = value.strip()
    if not any(map(str.isalnum, v)) or v.lower() in _PLACEHOLDERS or _PARAMETER.fullmatch(v):
        return None
    # (each test only where the kind needs it, its characters read in C: a table of a
    # megabyte asks this of every cell)
    if kind in ("PERSON", "ORGANIZATION", "USERNAME"):
        return kind if any(map(str.isalpha, v)) else None
    if kind == "CREDIT_CARD":
        return kind if sum(map(str.isdigit, v)) >= 12 else None
    if kind == "ACCOUNT_NUMBER" and _IBAN_SHAPE.fullmatch(v.upper()):
        return "IBAN"
    if kind in ("EMAIL", "SECRET", "LOCATION", "CRYPTO_WALLET"):
        return kind
    return kind if any(map(str.isdigit, v)) else None  # accounts, phones, dates, identifiers


def typed(text: str, start: int, end: int, kind: str | None) -> tuple[str, int, int] | None:
    """``text[start:end]`` without its blanks, as a value of ``kind`` (:func:`value_type`):
    (type, start, end), or None where it holds nothing of the kind."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if kind is None or end <= start:
        return None
    found = value_type(kind, text[start:end])
    return None if found is None else (found, start, end)


def fits(kind: str, value: str) -> bool:
    """Whether a value has its field's shape, where no quotes or brackets bound it (a table's
    cell, a form's line): a few words (a sentence split at its comma is none; an address may
    run longer), an e-mail's "@", a phone's digits."""
    words = len(value.split())
    if words > (12 if kind == "LOCATION" else 5 if kind == "PERSON" else 6):
        return False
    if kind == "EMAIL":
        return "@" in value
    if kind == "PHONE":
        return sum(map(str.isdigit, value)) >= 6
    return True
