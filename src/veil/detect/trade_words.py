"""A trade's own words that the name models read as a person, a company or a place.

A prompt a professional pastes is full of capitalised words that name no one: a drug and its
dose (`Warfarin 5 mg`, `Oxycodone HCl`), an eponym (`Crohn's disease`, `Babinski sign`,
`Hodgkin lymphoma`, `Whipple procedure`), a contract's defined terms and a form's labels
(`the Lender`, `Co-Borrower:`, `Assets:`, `Hosp No`), a heading in capitals (`KEY RISKS`), a
car's make and model (`silver Ford Focus`), a unit's letter (`mmol/L`), a greeting of two words
(`Xin chào`). Masked, the model upstream reads `[PERSON_3]'s disease` and the answer is lost;
nothing private was protected. :func:`trade_word` says so of a model's span from the span and
the words around it; a name written with its evidence (`Dr. Ford`, `Henry Ford`, `Mr Smith's
disease`) stays a name. Each check is a set lookup or an anchored match at the span's ends.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from veil.detect.code_words import code_word
from veil.detect.finance_words import finance_word
from veil.detect.language_words import (
    compound_languages,
    english_function_word,
    language_names,
    languages_of,
    rare_languages_of,
    stop_languages,
)
from veil.detect.lexicon import CALENDAR_WORDS, GREETINGS, SIGN_OFFS, STREET_WORDS
from veil.detect.patterns import _memoized, folded

# --- drugs ------------------------------------------------------------------------------------
#: the endings of generic drug names (the USAN/INN stems: `-statin`, `-pril`, `-mab`...) and
#: of the common ones that follow no stem (`-codone`, `-tanyl`, `-formin`): no name ends so
#: (a known given name or surname is never taken for one)
_DRUG_STEMS = re.compile(
    r"(?:mab|tinib|nib|statin|pril|sartan|olol|alol|prazole|conazole|dazole|azole|floxacin|"
    r"oxacin|cillin|mycin|micin|cycline|dipine|tidine|gliptin|gliflozin|glutide|parin|xaban|"
    r"gatran|oxetine|pramine|triptyline|azepam|zolam|barbital|caine|profen|fenac|olone|"
    r"isone|asone|osone|navir|ciclovir|clovir|vudine|afil|setron|lukast|dronate|triptan|"
    r"apine|idone|codone|morphone|orphine|tanyl|adol|pentin|gabalin|traline|alopram|faxine|"
    r"thyroxine|formin|pezil|mantine|darone|dogrel|coxib|semide|thiazide|terol|tamol|platin|"
    r"rubicin|taxel|trexate|limus|sporin|oquine|fungin|tropin|lamide|ercept|kinra|"
    r"parib|ciclib|lisib|degib|tadine|setin|zodone|vastatin|lutamide|relin|pressin|"
    r"dronic|xetine|zosin|losin|fibrate|glitazone|glinide|zolamide|sulfan|uracil|cillate|"
    r"farin|parinux|tretin|oprost|sonide|metasone|olamine|iramine)")
#: brand names of the drugs most prescribed in the English-speaking world, in lower case, that
#: carry no generic stem (`Tylenol`, `Eliquis`); none of them a given name or surname
DRUG_BRANDS = frozenset({
    "tylenol", "advil", "motrin", "aleve", "panadol", "nurofen", "lipitor", "crestor", "zocor",
    "zoloft", "prozac", "lexapro", "celexa", "paxil", "wellbutrin", "cymbalta", "effexor",
    "xanax", "valium", "ativan", "klonopin", "ambien", "adderall", "ritalin", "concerta",
    "vyvanse", "eliquis", "xarelto", "pradaxa", "coumadin", "plavix", "januvia", "janumet",
    "jardiance", "farxiga", "ozempic", "wegovy", "mounjaro", "trulicity", "victoza", "lantus",
    "humalog", "novolog", "glucophage", "synthroid", "eltroxin", "sinemet", "lyrica",
    "neurontin", "norco", "vicodin", "percocet", "oxycontin", "suboxone", "narcan", "zyrtec",
    "claritin", "allegra", "benadryl", "singulair", "ventolin", "symbicort", "advair",
    "spiriva", "flonase", "nexium", "prilosec", "zantac", "pepcid", "losec", "lasix",
    "norvasc", "zestril", "diovan", "cozaar", "toprol", "lopressor", "tenormin", "viagra",
    "cialis", "flomax", "proscar", "humira", "enbrel", "remicade", "stelara", "dupixent",
    "keytruda", "opdivo", "herceptin", "revlimid", "biktarvy", "truvada", "descovy",
    "paxlovid", "tamiflu", "augmentin", "keflex", "zithromax", "cipro", "bactrim", "diflucan",
    "valtrex", "accutane", "seroquel", "abilify", "risperdal", "zyprexa", "lamictal",
    "depakote", "tegretol", "keppra", "topamax", "imitrex", "premarin", "yaz", "depo-provera",
    "epipen", "calpol", "gaviscon", "rennie", "sudafed", "lemsip", "beechams", "imodium",
    "dioralyte", "buscopan", "canesten", "voltaren", "deltasone", "medrol", "entresto",
    "brilinta", "aricept", "namenda", "requip", "mirapex", "xeljanz", "rinvoq", "otezla",
    # a hospital's ward drugs and more of the specialty ones
    "dilaudid", "zofran", "toradol", "phenergan", "reglan", "protonix", "flagyl", "levaquin",
    "zosyn", "rocephin", "decadron", "haldol", "precedex", "lovenox", "kcentra", "demerol",
    "ultram", "miralax", "colace", "senokot", "dulcolax", "plaquenil", "cellcept", "prograf",
    "imuran", "orencia", "actemra", "entyvio", "skyrizi", "tremfya", "cosentyx", "ocrevus",
    "tecfidera", "gilenya", "copaxone", "aimovig", "nurtec", "prolia", "forteo", "fosamax"})
#: a salt or form after a drug's name (`Oxycodone HCl`, `Morphine Sulfate`), in lower case
_SALTS = frozenset({
    "hcl", "hydrochloride", "sulfate", "sulphate", "sodium", "potassium", "calcium",
    "magnesium", "maleate", "tartrate", "succinate", "besylate", "besilate", "mesylate",
    "citrate", "acetate", "phosphate", "bromide", "chloride", "fumarate", "hyclate",
    "monohydrate", "dihydrate", "xr", "xl", "er", "sr", "cr", "la", "od", "mr", "ec",
    # and how often and how it is taken ("Ibuprofen PRN", "Tramadol QDS")
    "prn", "bd", "bid", "tds", "tid", "qds", "qid", "qhs", "nocte", "mane", "stat", "po", "iv",
    "im", "sc", "sl", "inh", "top", "pca"})
#: what a lab panel measures, in lower case (`Fibrinogen 2.1`, `Creatinine 162`): no name
_LAB_WORDS = frozenset({
    "sodium", "potassium", "chloride", "bicarbonate", "urea", "creatinine", "glucose", "calcium",
    "magnesium", "phosphate", "albumin", "globulin", "bilirubin", "ferritin", "transferrin",
    "troponin", "fibrinogen", "haemoglobin", "hemoglobin", "haematocrit", "hematocrit",
    "platelets", "neutrophils", "lymphocytes", "monocytes", "eosinophils", "basophils",
    "cholesterol", "triglycerides", "lactate", "amylase", "lipase", "procalcitonin", "insulin",
    "cortisol", "prolactin", "testosterone", "oestradiol", "estradiol", "progesterone",
    "thyroxine", "folate", "urate", "ammonia", "d-dimer",
    "coagulation", "biochemistry", "haematology", "hematology", "microbiology", "serology",
    "immunology", "histology", "cytology", "urinalysis", "reticulocytes", "leucocytes",
    "leukocytes", "erythrocytes"})
#: a dose or a lab value after the word (`Warfarin 5 mg`, `Creatinine 162 umol/L`, `Troponin
#: T 48 ng/L`, `Morphine Sulfate 10 mg/5 ml`): a name is never followed by a quantity of a
#: medicine's units; one short word (a salt, a letter) may stand between
_DOSE = re.compile(
    r"(?:[ \t]{1,8}[A-Za-z]{1,13})?[ \t]{1,8}\d{1,6}(?:[.,]\d{1,4})?(?:/\d{1,4}(?:[.,]\d{1,4})?)?"
    r"[ \t]?(?:mg|mcg|µg|ug|g|ml|mL|mmol|umol|µmol|nmol|pmol|ng|pg|iu|IU|units?|U(?=/)|mEq|"
    r"meq|milligrams?|micrograms?)(?![A-Za-z])")
_ALPHA_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@lru_cache(maxsize=8192)
def _drug_word(word: str) -> bool:
    """Whether one word (any case) is a drug's name: a known brand, or a generic's stem at the
    end of a word that no list holds as a given name or surname."""
    low = word.lower()
    if low in DRUG_BRANDS:
        return True
    return len(low) >= 6 and low.isalpha() and low.endswith(_DRUG_STEM_ENDS) \
        and not _known_name(low)


#: the stems as one tuple: ``str.endswith`` tests them all in one call (the regex's search
#: tried each of the last ten positions, ~5 us a span)
_DRUG_STEM_ENDS = tuple(_DRUG_STEMS.pattern.removeprefix("(?:").removesuffix(")").split("|"))


# --- eponyms ------------------------------------------------------------------------------------
#: what an eponym names in medicine, after the name (`Crohn's disease`, `Reed-Sternberg cells`,
#: `Bell's palsy`): a person's possessive before one of these is a disease's name
_EPONYM_STRONG = (
    r"disease|syndrome|sign|palsy|phenomenon|lymphoma|sarcoma|tumou?r|thyroiditis|"
    r"o?esophagus|fracture|splint|cells?|reflex|triad|contracture|ulcer|aneurysm|anomaly|"
    r"encephalopathy|dystrophy|hernia|cyst|nodes?|canal|duct|manoeuvre|maneuver|stain|"
    r"murmur|incision|catheter|bodies|gland|glands|ataxia|chorea|dementia|anaemia|anemia|"
    r"neuralgia|neuroma|arthritis|dysplasia|deformity|space|pouch|diverticulum|fistula|"
    # and an ECG's ("ST elevation", "QT interval", "P wave")
    r"elevation|depression|segment|interval|wave|waves|complex")
#: ...and those a person may have too (`Anna's test`, `Patel's score`): an eponym only
#: without the possessive (`Schirmer test`, `Wells score`, `Whipple procedure`)
_EPONYM_WEAK = (r"test|score|scale|index|criteria|rule|procedure|operation|classification|"
                r"questionnaire|equation|formula|position|repair|tube|solution|law|effect|"
                # a stage's, a level's, a line's or a monitor's eponym (`Tanner stage`, `Clark
                # level`, `Breslow thickness`, `Hickman line`, `Holter monitor`, `Doppler
                # ultrasound`, `Addison crisis`, `Nissen fundoplication`), and a doctrine's in
                # law (`Miranda warnings`, `Brady material`, `Terry stop`, `Chevron deference`)
                r"stage|level|thickness|depth|line|monitor|ultrasound|crisis|fundoplication|"
                r"warnings|material|stop|frisk|deference|doctrine|implant")
_EPONYM_AFTER = re.compile(
    rf"(?:(?P<own>['’]s|s?['’])|(?=[ \t]))[ \t]{{1,8}}(?:(?P<strong>(?i:{_EPONYM_STRONG}))|"
    rf"(?P<weak>(?i:{_EPONYM_WEAK})))(?![\w'’])")
#: what follows a noun of :data:`_EPONYM_AFTER` used as a verb after a name ("have Anna sign the
#: form", "let Priya test it", "Dev will score in"): the name is a person there
_OBJECT_AFTER = re.compile(r"[ \t]{1,8}(?i:the|a|an|this|that|these|those|it|them|him|her|his|"
                           r"my|our|your|their|in|up|off|out|here|there|for|with|me|us)\b")
#: the nouns of :data:`_EPONYM_AFTER` that are verbs too
_VERB_NOUNS = frozenset({"sign", "test", "score", "rule", "repair", "position", "stain",
                         "effect", "space", "index", "stop", "monitor", "level", "stage",
                         "frisk"})
#: eponyms that name a sign, a score, an operation or a doctrine in every text that writes
#: them, in lower case, none a given name (`Mallampati II`, `Billroth II`, `Kernig and
#: Brudzinski absent`, `Roux-en-Y`, `Child-Pugh B`, `Behçet's`, `Daubert hearing`): the
#: noun after them is often left out
_EPONYM_TERMS = frozenset({
    "mallampati", "billroth", "karnofsky", "babinski", "kernig", "brudzinski", "chvostek",
    "romberg", "lachman", "behçet", "behcet", "roux-en-y", "child-pugh", "swan-ganz",
    "apgar", "daubert", "tinel", "phalen", "trendelenburg", "valsalva", "kasai",
    "salter-harris", "bosniak", "spetzler-martin", "pfannenstiel", "seldinger", "mantoux",
    "heimlich", "epley", "dix-hallpike", "cheyne-stokes", "kussmaul", "korotkoff", "wernicke",
    "korsakoff", "guillain-barré", "guillain-barre", "creutzfeldt-jakob", "waterlow"})
#: a leading adjective of an operation or a device before its eponym (`Laparoscopic Nissen
#: fundoplication`, `Explanted Medtronic`): dropped before the eponym's test
_CLINICAL_ADJECTIVE = re.compile(r"[A-Z][a-z]{4,}(?:ic|al|ous|ive|ed|ary)")
#: a doctor's specialty as a title (`Consultant Rheumatologist`, `Paediatrician`)
_SPECIALIST = re.compile(r"(?i:[a-z]{3,}(?:ologist|iatrist|ician|ographer|therapist|"
                         r"aesthetist|esthetist|esthesiologist|pharmacist|dietitian|surgeon)s?)")
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sir",
                     "dame", "nurse", "patient", "pt"})
_TITLE_BEFORE = re.compile(
    rf"(?i:\b(?:{'|'.join(sorted(_TITLES, key=lambda t: (-len(t), t)))}))\.?[ \t]+\Z")


# --- a contract's, a form's, a report's words ------------------------------------------------
#: a contract's defined terms and a form's roles that the name heuristics do not read as a
#: name's label (those are `veil.detect.ner`'s party roles), in lower case
_DEFINED_TERMS = frozenset({
    "lender", "lenders", "co-borrower", "co-borrowers", "co-applicant", "co-applicants",
    "obligor", "obligors", "licensor", "licensee", "lessor", "lessee", "mortgagor",
    "mortgagee", "assignor", "assignee", "grantor", "grantee", "buyer", "seller", "purchaser",
    "vendor", "supplier", "contractor", "subcontractor", "trustee", "settlor", "agent",
    "arranger", "facility", "premises", "affiliate", "affiliates", "counterparty",
    "victim", "suspect", "offender", "complainant", "third party", "disclosing party",
    "receiving party", "party", "parties", "co-signer", "cosigner", "co-owner", "chair",
    "treasurer", "secretary", "adjuster", "assets", "liabilities", "consultant"})
#: a legal file's roles and a transcript's rulings, in lower case: a will's, a pleading's and
#: an order's parties by their role (`appoint my daughter ... as Executor`, `Pursuer`) and the
#: court's word on an objection (`THE COURT: Overruled.`)
_LEGAL_TERMS = frozenset({
    "executor", "executors", "executrix", "testator", "testatrix", "beneficiary",
    "beneficiaries", "decedent", "guardian", "conservator", "deponent", "affiant", "declarant",
    "petitioner", "respondent", "plaintiff", "defendant", "claimant", "appellant", "appellee",
    "debtor", "creditor", "obligee", "payee", "pursuer", "defender", "intervenor", "garnishee",
    "overruled", "sustained"})
#: a judge's titles, in lower case (`Magistrate Judge`, the `Justice` of `Mr Justice` and
#: `Justice of the Peace`, `District Judge`, `Master of the Rolls`): a span of these words
#: with one of :data:`_JUDICIAL_HEADS` among them is an office, not a person (the judge's
#: name after it is read on its own)
_JUDICIAL_WORDS = frozenset({
    "judge", "judges", "justice", "justices", "magistrate", "magistrates", "master",
    "registrar", "recorder", "rolls", "peace", "honour", "honor", "lord", "lady", "chief",
    "district", "circuit", "associate", "presiding", "deputy", "senior", "the", "of", "his",
    "her", "president", "honorable", "honourable"})
_JUDICIAL_HEADS = frozenset({"judge", "judges", "justice", "justices", "magistrate", "rolls",
                             "registrar", "honorable", "honourable"})
#: a legal document's kind, in lower case (`Subpoena duces tecum`, `GRANT DEED`, `Notary
#: Public`, `Expungement petition`): a span of these words with one of
#: :data:`_LEGAL_DOCUMENT_HEADS` among them names a document or an office; one word alone
#: only when no given name is written so
_LEGAL_DOCUMENT_WORDS = frozenset({
    "subpoena", "expungement", "notary", "probate", "affidavit", "deed", "codicil",
    "testament", "summons", "writ", "injunction", "indictment", "deposition", "decree",
    "stipulation", "retainer", "grant", "quitclaim", "warranty", "last", "will", "and",
    "public", "petition", "motion", "order", "of", "trust", "letters", "power", "attorney",
    "notice", "to", "compel"})
_LEGAL_DOCUMENT_HEADS = frozenset({
    "subpoena", "expungement", "notary", "probate", "affidavit", "deed", "codicil",
    "testament", "summons", "writ", "injunction", "indictment", "decree", "stipulation",
    "quitclaim", "motion"})
#: the nouns after `Bates` that make it a production's numbering, not Mr Bates (`Bates range`,
#: `Bates No.`, `Bates stamped`)
_BATES_AFTER = re.compile(r"[ \t-]{1,4}(?i:range|numbers?|nos?\b|stamp(?:ed|s)?|labels?|"
                          r"prefix|begin|end)")
#: an Act's remaining words after a span (`Negotiable` + ` Instruments Act`, `Law` + ` Act
#: 1975`): a statute's name of common words
_ACT_AFTER = re.compile(r"(?:[ \t]+[A-Z][a-z]+){0,3}[ \t]+Act\b")
#: a label's number sign after an abbreviation (`Hosp No`, `Lic#`, `NI Number`, `Ref:`)
_NUMBER_LABEL_AFTER = re.compile(r"[ \t]?(?:No\b\.?|Nr\b\.?|Num\b\.?|[Nn]umber\b|#|ID\b|Ref\b)")


#: the abbreviations of a clinical note, in lower case, that the models read as a company
#: or a place (`CHF exacerbation`, `NSTEMI`, `WBC 11.2`, `INR 2.8`, `NPO after midnight`)
_CLINICAL_ABBREVIATIONS = frozenset({
    "chf", "copd", "nstemi", "stemi", "cabg", "pci", "wbc", "rbc", "hgb", "hct", "plt", "inr",
    "aptt", "ptt", "npo", "icd", "aicd", "mvc", "mva", "nok", "dnr", "dni", "dnar", "gcs",
    "icu", "hdu", "nicu", "picu", "hpi", "pmh", "psh", "bmi", "uti", "dvt", "cva", "tia",
    "ckd", "aki", "esrd", "gerd", "gord", "ibs", "ibd", "mrsa", "ecg", "ekg", "eeg", "emg",
    "cxr", "abg", "bnp", "tsh", "ldl", "hdl", "ggt", "ldh", "crp", "esr", "psa", "adl",
    "adls", "sob", "nad", "prn", "egfr", "hba1c", "ards", "sirs", "ppi", "ssri", "nsaid",
    "nsaids", "ace", "arb", "loc", "rom", "ivf", "tpn", "peg", "ercp", "tavi", "tavr"})
#: statutes and codes of procedure by their initials, in lower case (`the ADA`, `CPLR 3212`)
_LEGAL_ABBREVIATIONS = frozenset({
    "ada", "adea", "hipaa", "fmla", "erisa", "flsa", "ferpa", "coppa", "ccpa", "cpra", "gdpr",
    "foia", "rico", "cplr", "frcp", "frap", "fre", "ucc", "ina", "cpr", "ccp", "pace", "tupe"})
#: a school's and a university's grades, qualifications and tests in capitals, as their
#: records write them (case kept: `Sat` is a day; not `ACT`, Australia's Capital Territory)
_SCHOOL_ABBREVIATIONS = frozenset({
    "GPA", "CGPA", "ATAR", "GCSE", "IGCSE", "BTEC", "NCEA", "VCE", "HSC", "WACE",
    "SACE", "QCE", "SAT", "SATs", "PSAT", "GRE", "GMAT", "LSAT", "MCAT", "IELTS",
    "TOEFL", "NVQ", "HND", "HNC", "UCAT", "STAAR", "NAPLAN", "ISEE", "SSAT"})
#: public programmes' names and acronyms as their documents write them (case kept: `Chip` and
#: `Idea` are names and words): a benefit, a health plan, a school's plan; the agencies that
#: run them are organisations
_PUBLIC_PROGRAMMES = frozenset({
    "SNAP", "TANF", "WIC", "LIHEAP", "CHIP", "SSI", "SSDI", "EITC", "IEP", "IFSP", "EHCP",
    "SENCO", "FAFSA", "FERPA", "IDEA", "FAPE", "ESA", "JSA", "PIP", "ODSP", "Medicaid",
    "Medicare", "Medi-Cal", "CalFresh", "MassHealth", "TennCare", "SoonerCare", "BadgerCare",
    # a driving licence's classes of the same documents
    "CDL", "HGV", "LGV"})
#: a benefit's last nouns (`Employment and Support Allowance`, `Child Tax Credit`,
#: `Personal Independence Payment`, `Age Pension`; not `Support` nor a bare `Credit`, which end
#: firms' names: `Apple Support`, `Chase Credit`)
_BENEFIT_NOUN = r"Allowance|Benefit|Payment|Pension|Tax[ \t]Credit"
_BENEFIT_END = re.compile(rf"(?:.*[ \t])?(?:{_BENEFIT_NOUN}|(?:Universal|Pension)[ \t]Credit)")
_BENEFIT_AFTER = re.compile(rf"(?:['’]s)?(?:[ \t]+(?:and[ \t]+)?[A-Z][a-z]+)?[ \t]+"
                            rf"(?:{_BENEFIT_NOUN})(?![\w'’])")
#: what a programme's name takes after it in a model's span (`Medi-Cal BIC`, `Medicaid ID`,
#: `Medicare Part B`)
_PROGRAMME_TAIL = frozenset({"ID", "BIC", "Card", "card", "Number", "number", "No", "Part",
                             "A", "B", "C", "D"})
#: a form's or a licence class's id after its word (`Form W-2`, `Form 1099-G`, `Form SS-4`,
#: `Class C`, `Class A CDL`)
_FORM_ID_AFTER = re.compile(r"[ \t]{1,3}(?:[A-Z]{1,4}-?[0-9][\w-]{0,8}|[0-9][\w-]{0,8}|[A-Z])"
                            r"(?![\w'’])")
_FORM_ID = re.compile(r"(?:Form|Class)[ \t]{1,3}(?:[A-Z]{1,4}-?[0-9][\w-]{0,8}|[0-9][\w-]{0,8}"
                      r"|[A-Z])(?:[ \t]+[A-Z]{2,4})?")
_FORM_BEFORE = re.compile(r"\bForm[ \t]{1,3}\Z")
_LIST_PIECE = re.compile(r"[^,\s](?:[^,]*[^,\s])?")
#: the words of Latin's terms of law, in lower case (`res judicata`, `habeas corpus`, `voir
#: dire`); a span of these alone with one of :data:`_LATIN_MARKS` among them is a term
_LATIN_LEGAL = frozenset({
    "res", "judicata", "habeas", "corpus", "certiorari", "mandamus", "in", "limine", "amicus",
    "curiae", "nolle", "prosequi", "forum", "non", "conveniens", "ipsa", "loquitur", "stare",
    "decisis", "obiter", "dicta", "dictum", "ratio", "decidendi", "quantum", "meruit",
    "ultra", "vires", "sui", "generis", "mens", "rea", "actus", "reus", "prima", "facie",
    "nunc", "pro", "tunc", "camera", "ex", "parte", "voir", "dire", "de", "novo", "per",
    "curiam", "sub", "judice", "duces", "tecum", "lis", "pendens", "quo", "warranto",
    "rem", "personam", "bona", "fide", "se", "bono"})
_LATIN_MARKS = frozenset({
    "judicata", "habeas", "certiorari", "mandamus", "limine", "curiae", "prosequi",
    "conveniens", "loquitur", "decisis", "decidendi", "meruit", "vires", "generis", "rea",
    "reus", "facie", "tunc", "tecum", "pendens", "warranto", "judice", "curiam", "novo",
    "dire", "obiter", "personam"})
#: a court's or a tribunal's kind, and its name's words after it (`Superior Court of
#: Justice`, `Court of Appeal`, `King's Bench Division`, `Ninth Circuit`, `Employment
#: Tribunal`): a court's name is a public body's, the jurisdiction no one's address
_COURT_KIND = re.compile(
    r"(?i:\b(?:(?:supreme|superior|high|district|circuit|federal|family|county|crown|"
    r"magistrates['’]?|magistrate|bankruptcy|probate|surrogate['’]?s|juvenile|municipal|"
    r"provincial|employment|land|tax|claims|appeals?|appellate|sheriff|immigration|"
    r"coroners['’]?|youth|housing|commercial|chancery|admiralty|constitutional|civil|"
    r"criminal|labou?r|industrial|first-tier|upper|state|territory|federal[ \t]+circuit|"
    r"small[ \t]+claims)[ \t]+(?:court|tribunal)s?|"
    r"court[ \t]+of[ \t]+(?:appeals?|justice|session|chancery|protection|claims|criminal"
    r"[ \t]+appeal|international[ \t]+trade|federal[ \t]+claims|king['’]s[ \t]+bench|"
    r"queen['’]s[ \t]+bench|common[ \t]+pleas|first[ \t]+instance)|"
    r"(?:king|queen)['’]s[ \t]+bench(?:[ \t]+division)?|"
    r"(?:law|chancery|family|civil|criminal|appellate|commercial|administrative)[ \t]+"
    r"division|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|d\.c\.|federal)[ \t]+circuit|"
    # a Texas court's number and district (`298th Judicial District`)
    r"(?:\d{1,3}(?:st|nd|rd|th)[ \t]+)?judicial[ \t]+(?:district|circuit))\b)")
#: the capitalised words before a court's kind (`Ontario`, `United States`)
_COURT_HEAD = re.compile(r"(?:[A-Z][\w'’.-]*[ \t]+){1,3}\Z")
#: its name's words after it: `of the United States`, `for the Northern District of
#: Illinois`, a division in brackets
_COURT_TAIL = re.compile(r"(?:[ \t]+(?i:of|for)(?:[ \t]+(?i:the))?(?:[ \t]+[A-Z][\w'’.-]*)+)*"
                         r"(?:[ \t]*\([A-Z][\w ]{0,30}\))?")
#: a citation of a statute, a regulation, a reporter or a rule of procedure (`42 U.S.C. §
#: 1983`, `45 C.F.R. § 164.514`, `Fed. R. Civ. P. 26(c)`): the models read its initials as a
#: company or a place
_CITATION = re.compile(
    r"\b\d{1,3}[ \t]+(?:U\.[ ]?S\.[ ]?C\.(?:[ ]?A\.)?|C\.[ ]?F\.[ ]?R\.|U\.[ ]?S\.|"
    r"S\.[ ]?Ct\.|F\.(?:[ ]?Supp\.)?(?:[ ]?\d[a-z]{1,2})?|L\.[ ]?Ed\.)|"
    r"\bFed\.[ ]?R\.[ ]?(?:Civ|Crim|App|Evid|Bankr)\.[ ]?P\.|"
    # a code's initials and its section (`INA § 212(a)(9)(B)`, `IRC § 501(c)(3)`), and an
    # Indian code's section (`Section 498A IPC`, `u/s 420 IPC`, `s. 138 CrPC`)
    r"\b(?:INA|IRC|UCC|CPLR|ERISA|IPC|CrPC|CPC|BNS|BNSS)[ \t]*§{1,2}[ \t]*\d{1,4}[A-Za-z]?"
    r"(?:\([0-9A-Za-z]{1,4}\))*|"
    r"(?i:\b(?:u/s|s\.|sec\.|section)[ \t]*)\d{1,4}[A-Z]{0,2}[ \t]+(?:IPC|CrPC|CPC|BNS|BNSS)\b")


#: what a text holds, lower-cased, where a court's name or a citation may stand in it: the
#: two regexes run only then, once per text
_COURT_MARKS = ("court", "tribunal", "circuit", "division", "bench", "judicial")
_CITATION_MARKS = ("u.s.", "u. s.", "c.f.r.", "c. f. r.", "fed. r", "fed.r", "s. ct", "s.ct",
                   "l. ed", "l.ed", "f. supp", "f.supp", "f.2d", "f.3d", "f.4th", "f. 2d",
                   "f. 3d", "f. 4th", "§", " ipc", " crpc", " cpc", " bns")


def _legal_spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The citations of ``text`` and its courts' names (see :data:`_COURT_KIND`,
    :data:`_CITATION`), each as (start, end)."""
    low = folded(text)
    if low is None:
        low = text.lower()
    citations = [m.span() for m in _CITATION.finditer(text)] if any(
        mark in low for mark in _CITATION_MARKS) else []
    courts: list[tuple[int, int]] = []
    for a, b in _lines_with(text, low, _COURT_MARKS):  # (a court's name holds no line break)
        for m in _COURT_KIND.finditer(text, a, b):
            head = _COURT_HEAD.search(text, max(0, m.start() - 48), m.start())
            tail = _COURT_TAIL.match(text, m.end())
            courts.append((head.start() if head is not None else m.start(),
                           tail.end() if tail is not None else m.end()))
    return citations, courts


def _lines_with(text: str, low: str, marks: tuple[str, ...]) -> list[tuple[int, int]]:
    """The (start, end) of each line of ``text`` where one of ``marks`` stands in ``low`` (its
    lower-cased copy, of the same length), in order: a megabyte with one "court" is read in its
    one line, not whole (0.3 s)."""
    if not any(mark in low for mark in marks):
        return []  # (most texts)
    if len(low) != len(text):  # lower case changed the length: every line
        return [(0, len(text))]
    starts: set[int] = set()
    for mark in marks:
        i = low.find(mark)
        while i >= 0:
            a = low.rfind("\n", 0, i) + 1
            starts.add(a)
            b = low.find("\n", i)
            i = low.find(mark, len(low) if b < 0 else b)  # (the line's other marks: read)
    out: list[tuple[int, int]] = []
    for a in sorted(starts):
        b = low.find("\n", a)
        out.append((a, len(low) if b < 0 else b))
    return out


def _spans_of(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    found: tuple[list[tuple[int, int]], list[tuple[int, int]]] = _memoized(
        text, "courts and citations", _legal_spans, text)
    return found


def in_citation(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` overlaps a citation of a statute, a regulation, a reporter or a
    rule of procedure (`Fed. R. Civ. P. 26`): an address's recognizer asks it of a street
    that may be one (`R.`, a Portuguese street's `Rua`)."""
    return any(a < e and s < b for a, b in _spans_of(text)[0])


def _court_or_citation(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` stands in a court's name or overlaps a citation."""
    citations, courts = _spans_of(text)
    return any(a < e and s < b for a, b in citations) or any(
        a <= s and e <= b for a, b in courts)


# --- motoring, products ---------------------------------------------------------------------------
#: car makers, in lower case: a make with its model after it (`Ford Focus`, `Toyota Corolla
#: Hybrid`, `Honda Civic`, `Tesla Model 3`) is a car, not its driver
CAR_MAKES = frozenset({
    "ford", "toyota", "honda", "nissan", "mazda", "subaru", "mitsubishi", "suzuki", "lexus",
    "acura", "infiniti", "hyundai", "kia", "volkswagen", "vw", "audi", "bmw", "mercedes",
    "mercedes-benz", "porsche", "opel", "vauxhall", "peugeot", "renault", "citroen", "citroën",
    "fiat", "ferrari", "lamborghini", "maserati", "volvo", "saab", "skoda", "škoda", "seat",
    "cupra", "dacia", "tesla", "chevrolet", "chevy", "dodge", "chrysler", "jeep", "cadillac",
    "buick", "gmc", "lincoln", "jaguar", "bentley", "rolls-royce", "lotus", "mclaren",
    "polestar", "rivian", "byd", "genesis", "alfa", "land", "range", "aston", "mini", "isuzu",
    "daihatsu", "proton", "tata", "mahindra", "lada", "smart", "ram", "pontiac", "saturn",
    "plymouth", "oldsmobile", "hummer", "yamaha", "kawasaki", "ducati", "harley-davidson",
    "triumph"})
_MODEL_AFTER = re.compile(r"[ \t]{1,8}(?P<m>[A-Z][\w-]{0,20}|\d[\w.-]{0,8})")
#: a thing named after a place or person (`Chelsea boots`, `Oxford shoes`, `Eggs Benedict`
#: is the other order), the noun in lower case right after the capitalised word
_THING_AFTER = re.compile(
    r"[ \t]{1,8}(?:boots?|shoes?|sneakers?|trainers?|loafers?|brogues?|sponge|cake|bun|buns|"
    r"salad|sauce|dressing|cheese|pudding|tart|pie|bread|sausages?|ham|tea|jacket|coat|"
    r"blazer|sweater|jumper|bag|chair|sofa|lamp|listing|chicken)(?![\w'’])")

#: a span right before one of these is a place's name, not a person's (`Jan Mayen Islands`)
_PLACE_AFTER = re.compile(
    r"[ \t]{1,8}(?:Islands?|Isles?|Archipelago|Peninsula|Mountains)(?![\w'’])")


_LEADING_FUNCTION_WORD = re.compile(r"([A-Za-z]{1,6})[ \t]{1,4}(?=\S)")


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from veil.detect.stopwords import stop_words

    return stop_words("en")


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    from veil.detect.names import ambiguous_first_names, first_names, last_names

    return first_names(), last_names(), ambiguous_first_names()


def _known_name(low: str) -> bool:
    first, last, ambiguous = _lists()
    return low in first or low in last or low in ambiguous


def _known_given(low: str) -> bool:
    first, _, ambiguous = _lists()
    return low in first or low in ambiguous or low in _given_and_words()


@lru_cache(maxsize=1)
def _given_and_words() -> frozenset[str]:
    from veil.detect.names import given_names_and_words

    return given_names_and_words()


#: how many of the census's most frequent surnames count as surnames although they are words
#: too ("Stone" 157th, "Blackwood" 3,958th); a word further down is a word ("Peer" 8,894th,
#: "Derby", "Blood")
_FREQUENT_SURNAMES = 5000


@lru_cache(maxsize=1)
def _census() -> frozenset[str]:
    """The :data:`_FREQUENT_SURNAMES` most frequent surnames of the United States' 1990 census,
    in lower case, the dictionary's words among them ("Blackwood", "Stone", "Price", which the
    name lists leave out as words)."""
    from importlib import resources

    try:
        text = (resources.files("names") / "dist.all.last").read_text(encoding="ascii")
    except (ModuleNotFoundError, OSError, UnicodeDecodeError):
        return frozenset()
    lines = text.splitlines()[:_FREQUENT_SURNAMES]  # by frequency, the most frequent first
    return frozenset(line.split(" ", 1)[0].lower() for line in lines)


@lru_cache(maxsize=8192)
def _common_word(word: str) -> bool:
    """A word a dictionary writes in lower case, or a stop word, and no known given name."""
    from veil.detect.names import dictionary_word

    low = word.lower()
    if _known_given(low):
        return False  # "Felicity", "Amber", "Mads", "Johannes": someone's given name
    return low in _function_words() or all(dictionary_word(p) for p in low.split("-") if p)


@lru_cache(maxsize=1)
def _everyday_words() -> frozenset[str]:
    """About a thousand of English's most frequent words (Faker's English lorem list): the
    dictionaries also hold "yulan", "peres" and "nobbs", which are names far more often."""
    try:
        from faker.providers.lorem.en_US import Provider
    except ImportError:
        return frozenset()
    return frozenset(w.lower() for w in Provider.word_list)


def _everyday(word: str) -> bool:
    """Whether ``word`` is one of :func:`_everyday_words`, or its plural."""
    low, words = word.lower(), _everyday_words()
    return low in words or low.endswith("s") and (
        low[:-1] in words or low.endswith("ies") and low[:-3] + "y" in words
        or low.endswith(("ses", "xes", "zes", "ches", "shes")) and low[:-2] in words)


def _common_words(words: list[str]) -> bool:
    """Whether ``words`` are all common words and one of them is no one's surname either (the
    census writes "Stone", "Key", "Price"; "Assets", "Risks", "Depreciation" it does not)."""
    _, last, _ = _lists()
    return all(_common_word(w) for w in words) and any(
        (low := w.lower()) not in _census() and low not in last for w in words if len(w) > 2)


def _titled(text: str, s: int) -> bool:
    if text[s - 1:s] not in (" ", "\t"):
        return False
    before = text[max(0, s - 12):s].split()
    last = before[-1].rstrip(".").lower() if before else ""
    # (the word before ends with a title, or the search back is not made: most spans)
    return last.endswith(_TITLE_ENDS) and \
        _TITLE_BEFORE.search(text, max(0, s - 12), s) is not None


#: the titles as one tuple: ``str.endswith`` tests them all in one call (a loop over them
#: cost ~4 us a span)
_TITLE_ENDS = tuple(sorted(_TITLES))


_GIVEN_BEFORE = re.compile(r"([A-Z][a-z'’]+)[ \t]{1,4}\Z")


_STREET_AFTER = re.compile(rf"[ \t]{{1,4}}{STREET_WORDS}\b\.?")
_HOUSE_NUMBER_BEFORE = re.compile(r"\d[\w/-]*[ \t]+\Z")
_KEY_BEFORE = re.compile(r"([A-Za-z][\w .-]{0,30}?)[\"']?[ \t]{0,3}[:=][ \t]{0,3}[\"']?\Z")


def _named_by_key(text: str, s: int) -> bool:
    """Whether a name's key or label stands right before ``s`` (`last_name="`, `Surname: `,
    `"family": "`): what follows is a person's name whatever its words."""
    near = text[max(0, s - 5):s]
    if ":" not in near and "=" not in near:
        return False  # (most spans: the search back costs more than all the other rules)
    m = _KEY_BEFORE.search(text, max(0, s - 40), s)
    if m is None:
        return False
    from veil.detect.field_names import field_type

    return field_type(m.group(1)) == "PERSON"


def _given_before(text: str, s: int) -> bool:
    """Whether a known given name stands right before ``s`` (`Henry Ford`)."""
    m = _GIVEN_BEFORE.search(text, max(0, s - 24), s)
    return m is not None and _known_given(m.group(1).lower())


def place_after(text: str, e: int) -> bool:
    """Whether a place's noun follows ``e`` (`Jan Mayen` + ` Islands`): a PERSON span there
    is a place's name."""
    return _PLACE_AFTER.match(text, e) is not None


#: what ends a form's label or a table's cell before a span (a tab, a bar, two spaces, a
#: value's colon), in a window of ``_CELL_REACH`` characters each side
_CELL_EDGES = "\t|;,\n"
#: the text up to the last edge before a span, and the first edge after it
_LAST_EDGE = re.compile(r"(?s:.*)(?:[\t|;,\n]|  |: )")
_NEXT_EDGE = re.compile(r"[\t|;,\n:]|  ")
_CELL_REACH = 48
_DIGIT_OR_AT = re.compile(r"[\d@]")
_CODE_IN_CELL = re.compile(r"[=\"'`(){}\[\]<>@$%^~\\]")
#: the last words of a table's header cells and a form's labels (`Cost Centre`, `Job Title`,
#: `Start Date`, `NI Number`, `Line Manager`)
_HEADER_NOUNS = frozenset({
    "number", "no", "nr", "name", "date", "code", "id", "title", "manager", "type", "status",
    "centre", "center", "ref", "reference", "amount", "total", "balance", "description",
    "category", "department", "score", "count", "rate", "level", "grade", "owner", "contact",
    "holder", "address", "group", "class", "value", "notes", "comments", "details"})


class _Cell(NamedTuple):
    text: str
    colon: bool  # a form's label, a colon after it
    values: bool  # a cell of a table's data row (its line holds a digit or an "@")
    tabbed: bool  # split from the next as a table splits its cells


def _cell(text: str, s: int, e: int) -> _Cell | None:
    """The label, cell or heading ``text[s:e]`` stands in: ended by a colon (a form's label),
    one of several on its line (a table's, split by tabs, bars, commas or two spaces) or alone
    there (a heading); None where it is prose or code."""
    lo, hi = max(0, s - _CELL_REACH), min(len(text), e + _CELL_REACH)
    # the nearest edge before the span and after it, each by one regex (a loop over the
    # characters was most of the check's cost)
    last = _LAST_EDGE.match(text, max(0, lo - 1), s)
    a = max(lo, last.end()) if last is not None else lo
    if a == lo and lo > 0:
        return None
    nxt = _NEXT_EDGE.search(text, e, hi + 1)
    b = hi if nxt is None or nxt.start() >= hi else nxt.start()
    if b == hi and hi < len(text):
        return None
    cell = text[a:b].strip(" \t*_#>-•")
    if _CODE_IN_CELL.search(cell):
        return None  # code's ('last_name="Scrivener"'), markup's: no label, no header
    colon = text[b:b + 1] == ":"
    before, after = text[a - 1:a], text[b:b + 1]
    delimited = before in ("\t", "|", ";", ",", " ") or after in ("\t", "|", ";", ",", " ")
    alone = (a == 0 or before == "\n") and (b == len(text) or after == "\n")
    if not (colon or delimited or alone) or len(cell) > 40 or len(cell.split()) > 5:
        return None
    if colon and before == " " and text[a - 2:a] == ": ":
        return None  # "Note: Assets: ..." reads on; a value before the colon is no label
    # a table's row: cells split by tabs, bars, semicolons or commas without a space after
    # them (a CSV's), not a sentence's list ("Keywords: Oxford shoes, Derby, Brogue")
    table = before in ("\t", "|", ";") or after in ("\t", "|", ";") or (
        before == "," and text[a:a + 1] not in (" ", "")) or (
        after == "," and text[b + 1:b + 2] not in (" ", ""))
    return _Cell(cell, colon, not colon and table and _row_of_values(text, s, e), table)


def _row_of_values(text: str, s: int, e: int) -> bool:
    """Whether the line around ``text[s:e]`` holds a digit or an ``@``: a table's data row
    (`1041,'Clemency',...`, `E10441,Hyacinth Bellweather,Finance`), whose cells are values,
    not a header's names."""
    ls = text.rfind("\n", max(0, s - 400), s) + 1
    le = text.find("\n", e, e + 400)
    return _DIGIT_OR_AT.search(text, ls, le if le != -1 else min(len(text), e + 400)) is not None


def _header(found: _Cell | None, label: str) -> bool:
    """Whether the span stands in a form's label or a table's header cell, or makes a heading:
    a field's name (`Date of Birth`, `Maiden Name`), a header's noun last (`Cost Centre`), or,
    read as a person or as a label, common words only (`Assets:`, `KEY RISKS`)."""
    if found is None or found.values:
        return False  # prose, or a data row's cell
    from veil.detect.field_names import field_type

    words = _ALPHA_WORD.findall(found.text)
    if not words:
        return False
    named = any(_known_name(w.lower()) and not _common_word(w) for w in words)
    if (field_type(found.text) is not None or words[-1].lower() in _HEADER_NOUNS) and (
            not named or found.tabbed):
        return True  # "Date of Birth", a header's "Job Title" ("Job" is a given name too)
    if named:
        return False  # a name in a cell ("Perpetua", "Oyelowo-Marsh") is a value
    if not (found.colon or label == "PERSON") or not _common_words(words):
        return False
    # a heading alone on its line holds an everyday word ("KEY RISKS"): a name alone on its
    # line, an address block's "Yulan Peres", is made of the dictionary's rarer words
    return found.colon or found.tabbed or any(
        _everyday(w) for w in words if w.lower() not in _function_words())


#: a hospital's specialties and a firm's departments, in lower case (`the Cardiology clinic`,
#: `Occupational Health referral`, `the Finance Director`): no organisation of their own
_DEPARTMENTS = frozenset({
    "cardiology", "neurology", "oncology", "radiology", "haematology", "hematology",
    "nephrology", "urology", "gastroenterology", "dermatology", "rheumatology", "endocrinology",
    "respiratory", "orthopaedics", "orthopedics", "ortho", "paediatrics", "pediatrics",
    "obstetrics", "gynaecology", "gynecology", "psychiatry", "geriatrics", "ophthalmology",
    "anaesthetics", "anesthesiology", "pathology", "biochemistry", "microbiology", "neonatal",
    "maternity", "emergency", "surgery", "general surgery", "occupational health",
    "physiotherapy", "pharmacy", "outpatients", "finance", "payroll", "marketing", "sales",
    "procurement", "compliance", "operations", "engineering", "human resources", "legal",
    "accounts payable", "accounts receivable", "customer service", "customer success",
    "facilities", "logistics", "treasury", "internal audit", "audit", "risk", "people",
    "data protection", "information security", "research and development", "admissions"})
#: what a specialty or a department stands before (`Cardiology clinic`, `Finance Director`)
_DEPARTMENT_AFTER = re.compile(
    r"[ \t]{1,4}(?:clinic|ward|department|dept|team|unit|referral|service|services|nurse|"
    r"consultant|registrar|Officer|Director|Manager|Administrator|Assistant|Lead|Analyst|"
    r"Engineer|Supervisor|Coordinator|Specialist|Consultant|Operative|Clerk|Controller|Team|"
    r"Department|Dept|Clinic|Ward|Unit)(?![\w'’])")

#: the first word of a job's title (`Chief Executive Officer`, `Head of People`, `VP of Sales`)
_TITLE_HEADS = frozenset({"chief", "head", "vp", "svp", "evp", "avp", "vice", "deputy",
                          "assistant", "associate", "senior", "principal", "lead", "general",
                          "managing", "executive"})
#: the nouns of a job's title (`Chief Executive Officer`, `Senior Staff Engineer`)
_ROLE_NOUNS = frozenset({
    "officer", "director", "manager", "administrator", "engineer", "president", "executive",
    "analyst", "supervisor", "coordinator", "specialist", "operative", "clerk", "controller",
    "accountant", "actuary", "registrar", "consultant", "developer", "designer", "architect",
    "scientist", "partner", "associate", "intern", "trainee", "advisor", "adviser", "staff",
    "operating", "financial", "technology", "technical", "information", "product", "people",
    "of", "and", "for", "the"})
_TITLE_REST = re.compile(r"[ \t]{1,4}(?:of[ \t]{1,4})?[A-Z][a-z]{2,20}")
_TRAILING_LOWER = re.compile(r"(?:[ \t]{1,4}[a-z][a-z'’-]{0,20}){1,3}\Z")
_NEIGHBOUR = re.compile(r"[^\W\d_]+")
_DEFINES = re.compile(r"[ \t]{1,4}(?:means|shall[ \t]mean|has[ \t]the[ \t]meaning)\b")
#: a document's part before its letter (`Exhibit B`, `Schedule A`, `Appendix C`)
_PART_BEFORE = re.compile(r"\b(?i:exhibit|schedule|annex|appendix|figure|fig\.|table|"
                          r"section|clause|part|plan|grade|type|class|form|item)[ \t]{1,3}\Z")
#: a course's or a module's code: a subject's letters in capitals and its number, joined or
#: spaced (`MATH1051`, `ECON 310`, `PHYS 2B03`); not a year (`WHO 2023`) nor a number that
#: runs on as a phone's does (`NHS 0300 123 4567`)
_COURSE_HEAD = re.compile(r"[A-Z]{2,5}")
_COURSE_CODE = re.compile(r"[A-Z]{2,5}(?!(?:19|20)[0-9]{2}\b)[0-9]{3,4}[A-Z]?")
_COURSE_NUMBER_AFTER = re.compile(r"[ \t]?(?!(?:19|20)[0-9]{2}\b)[0-9][0-9A-Z]{2,3}\b"
                                  r"(?![ \t./-]?[0-9])")
#: a statute's title by its numeral (`Title VII`, `Title IX`, `Title 42`)
_STATUTE_TITLE = re.compile(r"Title[ \t]+(?:[IVX]{1,5}|[0-9]{1,2})")
_ROMAN_AFTER = re.compile(r"[ \t]+(?:[IVX]{1,5}|[0-9]{1,2})\b")
#: a range of Roman numerals up to a one-letter span (`Schedule II-V`, `stages I-V`)
_ROMAN_RANGE = re.compile(r"\b[IVX]{1,4}-\Z")
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_QUOTES = frozenset("'\"‘’“”`")
_PIECE = re.compile(r"\S+(?: \S+)*")


_SIGN_OFF_LINE = re.compile(rf"[ \t]*(?i:{SIGN_OFFS})[ \t]*[,!.]?[ \t]*")


def _in_sign_off(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` stands in a closing alone on its line (`Mit freundlichen Grüßen`)."""
    ls = text.rfind("\n", max(0, s - 40), s) + 1
    if ls == 0 and s > 40:
        return False
    le = text.find("\n", e, e + 40)
    le = len(text) if le == -1 and len(text) - e <= 40 else le
    return le != -1 and _SIGN_OFF_LINE.fullmatch(text, ls, le) is not None


_EPONYM_NOUN = re.compile(rf"(?i:{_EPONYM_STRONG}|{_EPONYM_WEAK})")
_LAST_WORD = re.compile(r"[ \t]+([^\W\d_]+)\Z")
#: a grade or a type after an eponym (`Billroth II`, `Child-Pugh B`, `Mallampati 3`)
_GRADE = re.compile(r"[IVX]{1,4}|[A-D]")


def _eponym_before(text: str, s: int, e: int, span: str, words: list[str]) -> bool:
    """Whether ``text[s:e]``, one word or an eponym's phrase (:func:`_eponym_phrase`), stands
    before an eponym's noun: a strong one (`Crohn's disease`), or a weak one without the
    possessive (`Schirmer test`); a noun that is a verb with its object after it is one
    (`have Anna sign the form`)."""
    if not (" " not in span.strip() or _eponym_phrase(words)):
        return False
    m = _EPONYM_AFTER.match(text, e)
    own = m is not None and (m.group("own") or span.endswith(("'s", "’s")))
    return m is not None and bool(m.group("strong") or not own) and not (
        m.group().split()[-1].lower() in _VERB_NOUNS
        and _OBJECT_AFTER.match(text, m.end()) is not None)


#: the words of :data:`_LATIN_MARKS` that are a term alone (`certiorari`); the others need
#: their term's other word ("Novo" alone is a town's: `Novo mesto`)
_LATIN_ALONE = frozenset({"certiorari", "mandamus", "judicata", "limine", "prosequi",
                          "loquitur", "decisis", "decidendi", "meruit", "curiam", "tecum",
                          "warranto", "conveniens"})


def _latin_term(words: list[str]) -> bool:
    """Whether ``words`` are Latin's words of law alone, one of them no other language's
    (`res judicata`, `habeas corpus`)."""
    if len(words) == 1:
        return words[0].lower() in _LATIN_ALONE
    return bool(words) and all(w.lower() in _LATIN_LEGAL for w in words) and any(
        w.lower() in _LATIN_MARKS for w in words)


def _eponym_phrase(words: list[str]) -> bool:
    """Whether a span of two or three words may be an eponym's phrase before its noun
    (`Glasgow Coma` + `Scale`, `CT Head` + `Rule`, `Laparoscopic Nissen` + `fundoplication`):
    one word at most is no common word once a clinical adjective before it is dropped, and
    none is a known given name."""
    if not 1 < len(words) <= 3:
        return False
    rest = list(words)
    while len(rest) > 1 and _CLINICAL_ADJECTIVE.fullmatch(rest[0]) and not _known_name(
            rest[0].lower()):
        rest = rest[1:]  # "Laparoscopic"
    return not any(_known_given(w.lower()) for w in rest) and sum(
        not _common_word(w) for w in rest) <= 1


#: the words beside a one-word span that make it a judge's title or a document's kind
#: (`Mr` + `Justice`, `Magistrate` + `Judge`, `Justice` + ` of the Peace`, `GRANT` + ` DEED`,
#: `Grant` + ` of Probate`)
_WORD_BESIDE_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \t]{1,4}\Z")
_WORD_BESIDE_AFTER = re.compile(r"[ \t]{1,4}(?:(?i:of)[ \t]{1,4}(?:(?i:the)[ \t]{1,4})?)?"
                                r"([^\W\d_]+)")


def _legal_office(text: str, s: int, e: int, words: list[str]) -> bool:
    """Whether a span's ``words`` are a judge's title, a legal document's kind or a legal
    role alone (see :data:`_JUDICIAL_WORDS`, :data:`_LEGAL_DOCUMENT_WORDS`,
    :data:`_LEGAL_TERMS`). One word that is a given name too (`Justice`, `Judge`, `Grant`)
    only beside another word of its kind or a title (`Mr Justice`, `GRANT DEED`): alone it may
    be someone's name."""
    low = [w.lower() for w in words]
    if len(low) == 1 and (low[0] in _LEGAL_TERMS or low[0] == "bates" and _BATES_AFTER.match(
            text, e)):
        return True
    for vocabulary, heads in ((_JUDICIAL_WORDS, _JUDICIAL_HEADS),
                              (_LEGAL_DOCUMENT_WORDS, _LEGAL_DOCUMENT_HEADS)):
        if not all(w in vocabulary for w in low):
            continue
        if len(low) > 1 and any(w in heads for w in low):
            return True
        if len(low) > 1:
            return False
        word = low[0]
        if word in heads and not _known_given(word):
            return True  # "Subpoena", "Notary", "Magistrate"
        before = _WORD_BESIDE_BEFORE.search(text, max(0, s - 24), s)
        after = _WORD_BESIDE_AFTER.match(text, e)
        beside = {m.group(1).lower() for m in (before, after) if m is not None} - {"the", "of"}
        if word not in heads:  # "District" of "District Judge", "GRANT" of "GRANT DEED"
            return bool(beside & heads)
        # ("Mr Justice" is an English judge's title; "Mr Judge" a man called Judge)
        return bool(beside & vocabulary) or word == "justice" and bool(
            beside & {"mr", "mrs", "ms"})
    return False


def _plainly_a_name(words: list[str]) -> bool:
    """Whether a span's first word is a known given name and its last a known surname, none
    of them a car's make, a header's noun or a drug's brand: each rule above that keeps such
    a span asks one of these of it, or reads one word alone (`Parkinson's disease`), so the
    span is a person's name without reading them."""
    first, last, _ = _lists()
    head, tail = words[0].lower(), words[-1].lower()
    return head in first and tail in last and tail not in _HEADER_NOUNS and not any(
        w.lower() in CAR_MAKES or w.lower() in DRUG_BRANDS for w in words)


def _calendar_list(text: str, s: int, e: int) -> bool:
    """Whether a month or a day stands in a list of others (`January, April and June`)."""
    if text[s:e].lower() not in CALENDAR_WORDS:
        return False
    near = _NEIGHBOUR.findall(text[max(0, s - 16):s]) [-2:] + \
        _NEIGHBOUR.findall(text[e:e + 16])[:2]
    return any(w.lower() in CALENDAR_WORDS for w in near)


def _public_programme(text: str, s: int, e: int, span: str, words: list[str]) -> bool:
    """Whether ``text[s:e]`` names a public programme, a form or a licence's class: a
    programme's name or acronym (:data:`_PUBLIC_PROGRAMMES`), a benefit's common words before
    its noun (`Support` of `Employment and Support Allowance`, `Jobseeker's Allowance`), a
    form's or a class's word with its id (`Form W-2`, the `SS` of `Form SS-4`, `Class A CDL`);
    a list of them that a model read as one span (`Universal Credit, Personal Independence
    Payment`)."""
    if ", " in span:
        pieces = [(m.start(), m.end()) for m in _LIST_PIECE.finditer(text, s, e)]
        return len(pieces) > 1 and all(_public_programme(
            text, a, b, text[a:b], _ALPHA_WORD.findall(text, a, b)) for a, b in pieces)
    if not words:
        return False
    if words[0].removesuffix("'s").removesuffix("’s") in _PUBLIC_PROGRAMMES and all(
            w in _PUBLIC_PROGRAMMES or w in _PROGRAMME_TAIL for w in words[1:]):
        return True
    if words[0] in ("Form", "Class") and (
            _FORM_ID.fullmatch(span) or len(words) == 1 and _FORM_ID_AFTER.match(text, e)):
        return True
    if len(span) <= 4 and span.isupper() and text[e:e + 1] == "-" and _FORM_BEFORE.search(
            text, max(0, s - 8), s):
        return True  # the "SS" of "Form SS-4"
    if len(words) > 5:
        return False
    if len(words) > 1 and _BENEFIT_END.fullmatch(span) is not None:
        return all(_common_word(w.removesuffix("'s").removesuffix("’s")) for w in words)
    # before a benefit's noun, words that are no one's name (`Jobseeker` of `Jobseeker's
    # Allowance`)
    return _BENEFIT_AFTER.match(text, e) is not None and not any(
        _known_name(w.lower()) for w in words)


def trade_word(text: str, s: int, e: int, label: str) -> bool:
    """Whether a model's span ``text[s:e]`` of ``label`` (PERSON, ORGANIZATION, LOCATION) is
    a trade's word rather than a value (see the module's docstring). Once per span of a text
    within the engine's pass: the models, the name rules and the seen values ask of the same
    spans (~40 asks of ~20 spans in a ~1 KB prompt)."""
    memo: dict[tuple[int, int, str], bool] = _memoized(text, "trade words", dict)
    key = (s, e, label)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _trade_word(text, s, e, label)
    return found


def _trade_word(text: str, s: int, e: int, label: str) -> bool:
    if _latin_term(_ALPHA_WORD.findall(text, s, e)):
        return True  # "res judicata", "habeas corpus", "voir dire" (read before a function
        # word or a word in lower case is trimmed off the span)
    lead = _LEADING_FUNCTION_WORD.match(text, s, e)
    while lead is not None and lead.group(1).lower() in _function_words():
        s = lead.end()  # the "Her" of "Her Epworth score": the model's span ran too far back
        lead = _LEADING_FUNCTION_WORD.match(text, s, e)
    trail = _TRAILING_LOWER.search(text, s, e)
    if trail is not None and trail.start() > s:
        e = trail.start()  # the "splint" of "Thomas splint": the rule reads it after the span
    span = text[s:e]
    if "\t" in span or "  " in span:  # cells of a table's header ("Postcode\tNI Number")
        pieces = [m.span() for m in _PIECE.finditer(text, s, e)]
        return len(pieces) > 1 and all(trade_word(text, a, b, label) for a, b in pieces)
    words = _ALPHA_WORD.findall(span)
    if not words:
        return False
    if len(words) > 1 and _plainly_a_name(words):
        return False  # (most spans: no rule below reads a known given name and surname)
    if code_word(text, s, e, words, _known_name, _common_word):
        return True  # "java.lang", "StrictMode", "X-Forwarded-For", "Okta", "Hibernate 6.4"
        # (before a key's evidence: "- name: SPRING_DATASOURCE_URL" names a variable)
    low = span.lower()
    if len(span) == 1 and (text[s - 1:s] in ("/", "&") or text[e:e + 1] in ("/", "&", "+")
                           or _PART_BEFORE.search(text, max(0, s - 12), s)
                           or _ROMAN_RANGE.search(text, max(0, s - 6), s)):
        return True  # the "L" of "mmol/L", the "E" of "P/E", the "S" of "S&P 500", the "B"
        # of "Exhibit B", the "V" of "Schedule II-V", the "B" of a grade's "B+"
    if label == "ORGANIZATION" and (_COURSE_CODE.fullmatch(span) or _COURSE_HEAD.fullmatch(span)
                              and _COURSE_NUMBER_AFTER.match(text, e)) and not _known_name(low):
        return True  # "MATH1051", the "ECON" of "ECON 310": a course's code (not a name in
        # capitals before a number, "KHAN 4471" of a roster, nor a state's, "ACT 2600")
    if _STATUTE_TITLE.fullmatch(span) or span == "Title" and _ROMAN_AFTER.match(text, e):
        return True  # the "Title" of "Title VII", "Title IX": a statute's part
    if text[e:e + 1] == "-" or text[s - 1:s] == "-":  # "Co" of "Co-Borrower"
        whole = _HYPHENATED.search(text, max(0, s - 24), min(len(text), e + 24))
        while whole is not None and whole.end() < s:
            whole = _HYPHENATED.search(text, whole.end(), min(len(text), e + 24))
        if whole is not None and whole.start() <= s and (
                (low_whole := whole.group().lower()) in _DEFINED_TERMS
                or low_whole in _EPONYM_TERMS):
            return True  # "Co-Borrower", the "Roux" and "Y" of "Roux-en-Y"
    nxt = _NEXT_WORD.match(text, e, e + 24)
    if nxt is not None and f"{low} {nxt.group(1).lower()}" in GREETINGS:
        return True  # "Xin" of "Xin chào", "Dzień" of "Dzień dobry"
    if _in_sign_off(text, s, e):
        return True  # "Mit" and "Grüßen" of "Mit freundlichen Grüßen", "Att," over a name
    if _STREET_AFTER.match(text, e) and not (
            _court_or_citation(text, s, e) and not _HOUSE_NUMBER_BEFORE.search(
                text, max(0, s - 8), s)):
        return False  # "Jonathan Course St.": a street's name, an address's part (not the
        # "Crown" of "Crown Court", whose "Court" is a court's kind: no house number before)
    if _legal_office(text, s, e, words):
        return True  # "Magistrate Judge", the "Justice" of "Mr Justice" (before the title's
        # test: "Mr" is a judge's title here), "Notary", "GRANT DEED", "Executor"
    if _titled(text, s) or _named_by_key(text, s):
        return False  # "Dr. Ford", "Mr Parkinson", 'last_name="Scrivener"', "Surname: Stone":
        # a title or a name's key is a person's evidence
    one = len(words) == 1
    if all(_drug_word(w) or w.lower() in _SALTS for w in words) and any(
            _drug_word(w) for w in words):
        return True  # "Atorvastatin", "Oxycodone HCl", "Tylenol", "Ibuprofen PRN", "IV,
        # Dilaudid PCA"
    if all(w.lower() in _LAB_WORDS for w in words):
        return True  # "Fibrinogen", "Creatinine": a panel's line
    if low in _SALTS and (_drug_before(text, s) or _DOSE.match(text, e)):
        return True  # the "HCl" of "Oxycodone HCl 5 mg"
    if len(words) <= 2 and _DOSE.match(text, e) and not (len(words) == 2 and _known_given(
            words[0].lower())):
        return True  # "Warfarin 5 mg", "Creatinine 162 umol/L", "Morphine Sulfate 10 mg"
    if _eponym_before(text, s, e, span, words):
        return True  # "Crohn's disease", "Reed-Sternberg cells", "Schirmer test",
        # "Glasgow Coma Scale", "Laparoscopic Nissen fundoplication"
    last = _LAST_WORD.search(span)
    if last is not None and len(words) > 1 and _EPONYM_NOUN.fullmatch(last.group(1)) and \
            _eponym_before(text, s, s + last.start(), text[s:s + last.start()], words[:-1]):
        return True  # the span holds its noun: "Glasgow Coma Scale", "Tanner stage"
    head = words[0].lower().removesuffix("'s").removesuffix("’s")
    if head in _EPONYM_TERMS and (one or len(words) == 2 and _GRADE.fullmatch(words[1])):
        return True  # "Mallampati II", "Billroth II", "Kernig and Brudzinski absent"
    if one and _GRADE.fullmatch(span) and (
            before := _WORD_BEFORE.search(text, max(0, s - 24), s)) is not None and \
            before.group(1).lower() in _EPONYM_TERMS:
        return True  # the "II" of "Mallampati II"
    if one and _SPECIALIST.fullmatch(span) and not _known_name(low):
        return True  # "Rheumatologist" of "Consultant Rheumatologist"
    if all(w.isupper() and w.lower() in _CLINICAL_ABBREVIATIONS or _CLINICAL_ADJECTIVE.fullmatch(
            w) and not _known_name(w.lower()) for w in words) and any(
            w.lower() in _CLINICAL_ABBREVIATIONS for w in words) or (
            text[s - 2:s] == "y/" and low.startswith("o")):
        return True  # "CHF exacerbation", "INR 2.8", "Explanted ICD", the "o F" of "94 y/o F"
    if one and words[0].isupper() and words[0].lower() in _LEGAL_ABBREVIATIONS:
        return True  # "the ADA", "CPLR 3212"
    if one and span in _SCHOOL_ABBREVIATIONS:
        return True  # "Cumulative GPA", "ATAR 94.5", "GCSE Maths"
    if _public_programme(text, s, e, span, words):
        return True  # "Medicaid", "Form W-2", "Class C", "Employment and Support Allowance"
    if low.removeprefix("the ").removeprefix("this ") in ("court", "tribunal") or \
            _court_or_citation(text, s, e):
        return True  # "Supreme Court of the United States", "42 U.S.C. § 1983"
    if low in _DEFINED_TERMS or low.removeprefix("the ") in _DEFINED_TERMS:
        return True  # "the Lender", "Co-Borrower", "Obligor"
    if finance_word(text, s, e, words):
        return True  # "Accrued income", "Utility Bill", "Dbtr", "Visa reason code 13.1"
    if (words[-1] == "Act" and len(words) > 1 or _ACT_AFTER.match(text, e)) and all(
            _common_word(w) for w in words if w != "Act"):
        return True  # "Negotiable Instruments Act", the "Law" of "Family Law Act 1975"
    if one and _NUMBER_LABEL_AFTER.match(text, e) and not _known_name(low):
        return True  # "Hosp No", "Lic#", "NI Number": a form's label
    if len(words) > 1 and _SPECIALIST.fullmatch(words[-1]) and all(
            w.lower() in _TITLE_HEADS or w.lower() in _ROLE_NOUNS or _common_word(w)
            for w in words[:-1]):
        return True  # "Consultant Rheumatologist", "Senior Radiographer"
    if words[-1].lower() in _ROLE_NOUNS and words[-1].lower() not in _function_words() and all(
            (w := x.lower()) in _ROLE_NOUNS or w in _TITLE_HEADS or w in _DEPARTMENTS
            or _common_word(x) and w not in _lists()[1] for x in words):
        return True  # "Officer" of "Chief Executive Officer", "Warehouse Operative"
    if one and words[0].lower() in _TITLE_HEADS and _TITLE_REST.match(text, e):
        return True  # "Chief" of "Chief Executive Officer", "Head" of "Head of People"
    if low.removeprefix("the ") in _DEPARTMENTS or (
            _DEPARTMENT_AFTER.match(text, e) and _common_words(words)):
        return True  # "the Cardiology", "Occupational Health", "Data Protection Officer"
    if _calendar_list(text, s, e):
        return True  # "April" of "January, April and June"
    first = words[0].lower()
    if first in CAR_MAKES and not _given_before(text, s):
        model = words[1] if len(words) > 1 else None
        if model is None:
            m = _MODEL_AFTER.match(text, e)
            model = m.group("m") if m else None
        if model is not None and not _known_name(model.lower()):
            return True  # "Ford Focus", "Toyota Corolla", "Tesla Model 3"
    if len(words) <= 3 and _car_before(text, s) and not any(
            _known_name(w.lower()) for w in words):
        return True  # the "Focus" of "Ford Focus", the "Hybrid" of "Toyota Corolla Hybrid"
    if one and _THING_AFTER.match(text, e):
        return True  # "Chelsea boots", "Oxford shoes", "Victoria sponge"
    row = _cell(text, s, e)
    if _header(row, label):
        return True  # "Assets:", "Maiden Name:", "Cost Centre", "KEY RISKS"
    if text[s - 1:s] in _QUOTES and text[e:e + 1] in _QUOTES and not (
            _DEFINES.match(text, e + 1) or text[max(0, s - 2):s - 1] == "("):
        return False  # a quoted value in code, SQL or JSON ('Clemency'): a value's shape,
        # not a contract's defined term ('"Representatives" means', '("Lender")')
    if row is not None and row.values:
        return False  # a data row's cell ("Finance", a name that is a word too)
    if label == "PERSON" and span[:1].isupper() and _common_words(words) and any(
            _everyday(w) for w in words if w.lower() not in _function_words()):
        return True  # ("Depreciation", "Event of Default", "Blood Culture": no name among them)
    return _document_word(text, s, e, words, label)


# --- a document's own words in another language ------------------------------------------------
#: the titles and forms of address of Europe's and Turkey's languages, in lower case without
#: their dot: a word right after one is a person's name (`Herr Koch`, `Sig.ra Bianchi`, `Pani
#: Nowak`, `Av. Burak`), whatever else it is
_FOREIGN_TITLES = frozenset({
    "herr", "herrn", "frau", "fräulein", "hr", "fr", "fru", "dr", "prof", "mag", "ing", "dipl",
    "mudr", "judr", "mgr", "inż", "lek", "dott", "dottssa", "dottoressa", "sig", "sigra",
    "signor", "signora", "signorina", "avv", "rag", "geom", "sr", "sra", "srta", "d", "dña",
    "dª", "don", "doña", "señor", "señora", "m", "mme", "mlle", "monsieur", "madame", "me",
    "maître", "dhr", "mevr", "mevrouw", "meneer", "mr", "drs", "ir", "pan", "pani", "panu",
    "panią", "pana", "paní", "panem", "sayın", "bay", "bayan", "av", "uzm", "op", "doç",
    "domnul", "doamna", "dna", "dl", "herra", "rouva", "neiti", "hra", "exmo", "exma", "dra",
    "prezado", "prezada", "caro", "cara", "gentile", "egregio", "sehr", "geehrter", "geehrte",
    "estimado", "estimada", "querido", "querida", "lieber", "liebe", "beste", "geachte",
    "kære", "kæra", "kjære", "bästa", "hej", "hei", "ahoj", "drogi", "droga", "szanowny",
    "szanowna", "stimate", "stimată", "hanım", "bey", "mrs", "ms", "miss"})
#: a form's labels that a person's name follows (`Pacjent: Kowalski`, `Kiracı: Elif`,
#: `Nom : Dupont`): their value is a name whatever its words
_PERSON_LABELS = frozenset({
    "patient", "patientin", "patiënt", "paciente", "paziente", "pacjent", "pacient",
    "pacientka", "potilas", "hasta", "пациент", "пациентка", "utente", "name", "nom", "nombre",
    "nome", "naam", "navn", "namn", "nimi", "jméno", "imię", "nazwisko", "nume", "prenume",
    "ad", "adı", "soyad", "soyadı", "имя", "фамилия", "фио", "vorname", "nachname", "prénom",
    "apellido", "apellidos", "cognome", "achternaam", "voornaam", "efternavn", "fornavn",
    "efternamn", "förnamn", "sukunimi", "etunimi", "příjmení", "kunde", "kundin", "client",
    "cliente", "klant", "klient", "kund", "asiakas", "müşteri", "клиент", "mieter",
    "vermieter", "locataire", "bailleur", "inquilino", "arrendatario", "arrendataria",
    "arrendador", "huurder", "verhuurder", "najemca", "wynajmujący", "nájemce",
    "pronajímatel", "kiracı", "lejer", "udlejer", "hyresgäst", "hyresvärd", "vuokralainen",
    "chiriaș", "арендатор", "арендодатель", "arbeitnehmer", "werknemer", "pracownik",
    "salariat", "työntekijä", "zaměstnanec", "trabajador", "trabajadora", "dipendente",
    "lavoratore", "salarié", "salariée", "funcionário", "anställd", "medarbejder",
    "ordenante", "beneficiario", "beneficiaire", "empfänger", "begünstigter", "odbiorca",
    "kontoinhaber", "titular", "titulaire", "intestatario", "rekeninghouder", "poszkodowany",
    "contribuente", "steuerpflichtige", "steuerpflichtiger", "contribuable", "declarante",
    "déclarant", "requerente", "requerido", "demandante", "demandado", "demandeur",
    "défendeur", "kläger", "klägerin", "beklagter", "beklagte", "davacı", "davalı", "vekili",
    "ricorrente", "eiseres", "eiser", "gedaagde", "žalobce", "žalobkyně", "žalovaný", "powód",
    "pozwany", "kärande", "svarande", "arzt", "ärztin", "médico", "médica", "medico", "lekarz",
    "lékař", "lääkäri", "läkare", "læge", "hekim", "врач", "doktor", "signed", "signerad",
    "unterschrift", "firma", "podpis", "imza", "allekirjoitus", "underskrift", "fdo",
    "vertreten", "contact", "kontakt", "contacto", "contatto", "ansprechpartner"})
#: a label's or a heading's bullet or number before its words (`- `, `2. `, `IV. `, `§ 3 `)
_BULLET = r"(?:[-*•#>–—]+[ \t]*|\d{1,2}[.)][ \t]*|[IVX]{1,4}\.[ \t]*|§[ \t]?\d{1,3}[ \t]*)?"
#: a form's label at its line's start and its value up to a span (`Diagnose: Akute`,
#: `Zalecenia: Bisoprolol 5 mg, kontrola w `)
_LABEL_VALUE = re.compile(rf"[ \t]*{_BULLET}((?:[^\W\d_][^\s:]*[ \t]+){{0,3}}[^\W\d_][^\s:]*)"
                          r"[ \t]?:[ \t]+[^:\n]{0,80}")
_LABEL_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \t]*:[ \t]*\Z")
_TITLE_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)?)\.?[ \t]{1,4}\Z")
_WORD_AFTER = re.compile(r"[ \t]{1,4}([^\W\d_][\w'’.-]*)")
#: what stands before a span in its label: a bullet, a few words
_LABEL_HEAD = re.compile(rf"[ \t]*{_BULLET}(?:[^\W\d_][^\s:]*[ \t]+){{0,4}}")
#: what follows a span to its label's colon: a few words, a part in brackets
_LABEL_TAIL = re.compile(r"((?:[ \t]+[^\W\d_][^\s:()]*){0,4})[ \t]*(?:\([^()\n]{1,40}\))?[ \t]?:"
                         r"(?=\s|\Z)")
#: a document's number after its heading (`Fattura n. 45/2024`, `FAKTURA VAT nr FV/118`,
#: `СЧЁТ № 318`), or a number with its year (`Factuur 2024-118`)
_NUMBER_MARK = re.compile(
    r"(?i:n|nr|no|nº|n°|num|núm|nro|nummer|numer|number|číslo|č|sayı|№)\.?[ \t]*\Z")
_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d[-/]\d{1,6}\b|\d{1,6}[-/](?:19|20)\d\d\b")
_DIGIT = re.compile(r"\d")
#: a character other than whitespace (str.isspace's), searched for without copying the text
_NON_SPACE = re.compile(r"\S")
#: a house number after a street's name, before the address's next part or its line's end
_HOUSE_NUMBER_AFTER = re.compile(r"[ \t]+\d{1,4}[a-zA-Z]?(?:/\d{1,4})?(?=[ \t]*(?:[,;\n]|\Z))")
_NUMBER_AFTER = re.compile(r"\.?[ \t]*[:#]?[ \t]*\d|\.?[ \t]*:")
#: a firm's legal form after its name (`Byggfirma Väst AB`, `Rakennus Oy`): a firm, kept
_LEGAL_FORM_AFTER = re.compile(
    r"[ \t,]{1,3}(?:AB|AG|AS|A/S|ApS|Oy|Oyj|GmbH|KG|OHG|SE|SA|S\.A\.|SAS|SARL|S\.L\.|SL|SRL|"
    r"S\.r\.l\.|S\.p\.A\.|SpA|B\.V\.|BV|N\.V\.|NV|Ltd|Ltda|Sp\.|s\.r\.o\.|a\.s\.|A\.Ş\.|"
    r"Ltd\.|Şti|Kft|Zrt|d\.o\.o\.|ООО|АО|ПАО|LLC|Inc)(?![\w])")
_LINE_REACH = 200


@lru_cache(maxsize=8192)
def _word_masks(word: str) -> tuple[int, int, int]:
    """A word's languages as a common word (itself or its compound's parts), as a function
    word, and as a common or a rarer word of a large list (`veil.detect.language_words`)."""
    common = loose = -1
    for part in word.split("-"):
        mask = languages_of(part) or compound_languages(part)
        common &= mask
        loose &= mask | rare_languages_of(part)
    return common, stop_languages(word), loose


def _shared_language(words: list[str], *, rare: bool = False) -> int:
    """The languages in which each of ``words`` is a common word or a function word, one of
    them a common word of four letters at least; 0 where none is. ``rare``: a rarer word of
    a large list counts as a common one."""
    shared, content = -1, 0
    for w in words:
        common, stop, loose = _word_masks(w)
        known = loose if rare else common
        shared &= known | stop
        if not shared:
            return 0
        if len(w) >= 4:
            content |= known
    return shared & content if shared != -1 else 0


def _unknown_capitalised(word: str) -> bool:
    """Whether ``word`` may be a name: capitalised, of two letters at least, and no common,
    rarer or function word of any language; an acronym in capitals (`COPD`, `CHU`) is none."""
    if len(word) < 2 or not word[:1].isupper() or word.isupper() and len(word) <= 5:
        return False
    _, stop, loose = _word_masks(word)
    return not (loose or stop or english_function_word(word)) and not _common_word(word)


def _name_beside(text: str, s: int, e: int) -> bool:
    """Whether a title, a person's label or a word that may be a name stands right beside
    the span (`Herr Koch`, `Kiracı: Yurt`, `Selin Yurt`, `Yurt Selin`)."""
    m = _TITLE_WORD_BEFORE.search(text, max(0, s - 24), s)
    if m is not None:
        before = m.group(1).lower().replace(".", "")
        if before in _FOREIGN_TITLES or _unknown_capitalised(m.group(1)) and "." not in \
                text[m.end(1):s]:  # ("Karin Engström. Läkemedel": a sentence ends between)
            return True
    lab = _LABEL_BEFORE.search(text, max(0, s - 32), s)
    if lab is not None and lab.group(1).lower() in _PERSON_LABELS:
        return True
    if text[s - 1:s] == "\n" or s == 0:
        return False  # a role before its holder's name ("Overlæge Birgitte Sørensen")
    after = _WORD_AFTER.match(text, e, e + 40)
    return after is not None and _unknown_capitalised(after.group(1).rstrip(".,;'’-"))


def _after_label(text: str, s: int, ls: int, mask: int) -> bool:
    """Whether ``text[s:]`` is the value of a form's label on its line that names no person
    and is made of the same language's words (`Rozpoznanie: Niewydolność serca`, `Klinik:
    Kardiyoloji Servisi`, `Tedavi: ...`)."""
    lab = _LABEL_VALUE.fullmatch(text, ls, s)
    if lab is None:
        return False
    words = _NEIGHBOUR.findall(lab.group(1))
    return bool(words) and words[-1].lower() not in _PERSON_LABELS and bool(
        _shared_language(words, rare=True) & mask)


def _line(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The bounds of the line around ``text[s:e]``; None when it runs further than
    :data:`_LINE_REACH` either way (prose, not a label or a heading)."""
    ls = text.rfind("\n", max(0, s - _LINE_REACH), s) + 1
    if ls == 0 and s > _LINE_REACH:
        return None
    le = text.find("\n", e, e + _LINE_REACH)
    if le == -1:
        if len(text) - e > _LINE_REACH:
            return None
        le = len(text)
    return ls, le


def _in_label(text: str, s: int, e: int, ls: int, le: int) -> bool:
    """Whether ``text[s:e]`` stands in a form's label at its line's start, before its colon
    (`Lekarz prowadzący:`, `Primeiro Outorgante (Senhorio):`, `Hasta Adı Soyadı:`), the
    label's other words in lower case or common words too."""
    head = _LABEL_HEAD.fullmatch(text, ls, s)
    tail = _LABEL_TAIL.match(text, e, le)
    if head is None or tail is None:
        return False
    others = _NEIGHBOUR.findall(text, ls, s) + _NEIGHBOUR.findall(tail.group(1))
    return all(w.islower() or len(w) <= 3 or not _unknown_capitalised(w) for w in others)


def _in_heading(text: str, s: int, e: int, ls: int, le: int, mask: int) -> bool:
    """Whether ``text[s:e]`` stands in a heading alone on its line (`Epikrise`, `KARTA
    INFORMACYJNA LECZENIA SZPITALNEGO`, `Kündigung des Arbeitsverhältnisses`), or before a
    document's number (`Fattura n. 45/2024`, `Factuur 2024-118`): no colon, eight words at
    most."""
    if text.find(":", ls, le) != -1 or le - ls > 90 or _NON_SPACE.search(text, le) is None:
        return False  # (a heading heads lines after it: a line alone or last is a message's)
    digit = _DIGIT.search(text, ls, le)
    stop = le if digit is None else digit.start()
    if e > stop or len(_NEIGHBOUR.findall(text, ls, stop)) > 8 or any(
            c in text[ls:le] for c in "!?"):
        return False
    others = _NEIGHBOUR.findall(text[ls:s] + " " + text[e:stop])
    if any(english_function_word(w) for w in others) or others and not any(
            (_word_masks(w)[1] | _word_masks(w)[2]) & mask for w in others):
        return False  # a line of a message ("Thanks Parisa!"): its other words are no
        # words of the span's language
    if digit is None:
        return True
    return _NUMBER_MARK.search(text, e, stop) is not None or (
        _YEAR_NUMBER.match(text, stop) is not None and not text[e:stop].strip(" \t–—-"))


def _function_words_around(text: str, s: int, e: int, mask: int) -> tuple[int, int]:
    """How many function words of ``mask``'s languages, and how many of English's, stand
    within 160 characters of ``text[s:e]``: a span is a word of a sentence in its language
    with two of them at least, more than English's (`Der Notarzt hat ein EKG gemacht`, `con
    la qualifica di Impiegata`)."""
    own = english = 0
    for m in _NEIGHBOUR.finditer(text, max(0, s - 160), min(len(text), e + 160)):
        if s <= m.start() < e:
            continue
        w = m.group()
        if w.lower() == "no" and _NUMBER_AFTER.match(text, m.end()):
            continue  # "Fatura No: 118", "Cad. No: 45": a number's mark, no English
        ours = stop_languages(w) & mask
        if english_function_word(w):
            english += not ours  # (Polish "do", "a", "i", Italian "a", "come": either's)
        elif ours:
            own += 1
    return own, english


def _document_word(text: str, s: int, e: int, words: list[str], label: str) -> bool:
    """Whether a model's span is a document's own word in a language other than English: its
    heading (`Epikrise`, `Fattura n. 45`), a form's label (`Pronajímatel:`, `Hasta Adı
    Soyadı:`), or, written in that language around it, a term (`Niewydolność serca`, `Periodo
    di prova`, a German noun); or a language's name in a request (`into English`, `this
    German e-mail`). Each word is a common word of one language and no known name or place
    (`veil.detect.language_words`), and no title, person's label or unknown capitalised word
    stands beside it (`Herr Koch`, `Selin Yurt`). A place is dropped only in a label."""
    if len(words) == 1 and words[0].lower() in language_names():
        before = _WORD_BEFORE.search(text, max(0, s - 24), s)
        return before is not None and (before.group(1).islower() or before.group(1).lower()
                                       in _function_words())  # "into English"
    if len(words) > 6:
        return False
    shared = _shared_language(words)
    # a rarer word (`Odběratel`, `Vuosiloma`; a rare surname too) only where the document's
    # shape says what it is: a label, a heading, a label's value, or in the language a
    # request names
    rare = not shared
    if rare:
        shared = _shared_language(words, rare=True)
    if not shared:  # (most English spans: their words are in no table)
        return _unknown_words(text, s, e, words)
    if _HOUSE_NUMBER_AFTER.match(text, e) or _name_beside(text, s, e):
        return False  # "bytem Vinohradská 88", "Storgatan 22": a street's name
    bounds = _line(text, s, e)
    own, english = _function_words_around(text, s, e, shared)
    # a request that names the document's language ("this Polish bill", "into German"): its
    # words are the document's, English around them or not
    if english >= 2 and english > own and not _named_languages(text, s, e) & shared:
        return False  # English around it: a chat's speaker ("Parisa: hi"), a name in a line
    if bounds is not None and (_in_label(text, s, e, *bounds) or _in_heading(
            text, s, e, *bounds, shared)):
        return True  # "Pronajímatel:", "Lekarz prowadzący:", "Epikrise", "FATTURA n. 45"
    if label == "LOCATION":
        # a city's inflection is a word too ("w Poznaniu"), but seldom an item of a list
        # after a label ("Badania: Morfologia krwi, Lipidogram, Kreatynina, Próby wątrobowe")
        return bounds is not None and _listed(text, s, e, *bounds) and _after_label(
            text, s, bounds[0], shared)
    if label == "ORGANIZATION" and _LEGAL_FORM_AFTER.match(text, e):
        return False  # "Byggfirma Väst AB": a firm's name
    if (label == "PERSON" or len(words) == 1) and bounds is not None and _after_label(
            text, s, bounds[0], shared):
        return True  # "Rozpoznanie: Niewydolność serca", "Klinik: Kardiyoloji Servisi"
    if not rare and own >= 2 and own > english:
        return True  # a word in a sentence of its language
    # or a common word of the language a request names (not a rarer one: a film "directed by
    # Viljo A Lumme and starring Lumme" in a "Finnish" film's sentence is a surname)
    return not rare and bool(_named_languages(text, s, e) & shared)


def _unknown_words(text: str, s: int, e: int, words: list[str]) -> bool:
    """Whether a span of words no table holds is a document's own: a heading's function words
    (the "DE" of `CONTRACT INDIVIDUAL DE MUNCĂ`), or, no known name or place among them, a
    form's label, its title or a term listed after a label. Each shape is tried only where
    its mark stands beside the span (a colon after it, the text's start, a comma)."""
    short = all(len(w) <= 3 for w in words)
    colon = text.find(":", e, e + 48) != -1
    first = s < 256 and (s == 0 or text[:s].isspace())
    comma = text[e:e + 1] == "," or text[max(0, s - 2):s].strip() == ","
    if not (short or colon or first or comma):
        return False  # (most spans)
    bounds = _line(text, s, e)
    if bounds is None:
        return False
    if short and _heading_function_words(text, s, e, words, *bounds):
        return True
    if any(_known_name(w.lower()) or _is_place(w) for w in words):
        return False
    return colon and _form_label(text, s, e, *bounds) or first and _form_heading(
        text, s, e, words, *bounds) or comma and len(words) == 1 and _listed(
        text, s, e, *bounds) and _list_of_terms(text, s, e, *bounds)


#: a form's label at its line's start, up to its colon
_FORM_LABEL = re.compile(rf"^[ \t]*{_BULLET}((?:[^\W\d_][^\s:]*[ \t]+){{0,3}}[^\W\d_][^\s:]*)"
                         r"[ \t]?(?:\([^()\n]{1,40}\))?[ \t]?:", re.MULTILINE)


def _form_label(text: str, s: int, e: int, ls: int, le: int) -> bool:
    """Whether ``text[s:e]``, of words no list holds (`Tulosyy:`, `Købesum:`, `Aanvragend
    arts:`), stands in a form's label: at its line's start, in a form (see :func:`_form`),
    that label once (a chat's speakers repeat)."""
    if not _in_label(text, s, e, ls, le):
        return False
    here = _FORM_LABEL.match(text, ls, le)
    return here is not None and _form(text, s, e, here.group(1))


def _form(text: str, s: int, e: int, label: str | None = None) -> bool:
    """Whether ``text[s:e]`` stands in a form in a language other than English: within
    :data:`_REACH` characters of it, three labels or more at their lines' starts, a third of
    them a language's words (a roster's "Kofi:", "Nwosu:" are none), ``label`` among them
    once (a chat's speakers repeat), and no English prose (three of its function words at
    most that are no other language's). Read around the span, not over the whole text: a
    long text's chunk (`veil.detect.shards`) finds what the whole text finds."""
    lo, hi = max(0, s - _REACH), min(len(text), e + _REACH)
    labels: dict[str, int] = {}
    for m in _FORM_LABEL.finditer(text, lo, hi):
        labels[m.group(1)] = labels.get(m.group(1), 0) + 1
    if len(labels) < 3 or label is not None and labels.get(label, 0) != 1:
        return False
    worded = sum(bool(_shared_language(_NEIGHBOUR.findall(lab), rare=True)) for lab in labels)
    if worded < 2 or 3 * worded < len(labels):
        return False
    prose = 0
    for m in _NEIGHBOUR.finditer(text, lo, hi):
        prose += english_function_word(m.group()) and not stop_languages(m.group())
        if prose >= 3:
            return False
    return True


def _form_heading(text: str, s: int, e: int, words: list[str], ls: int, le: int) -> bool:
    """Whether ``text[s:e]`` is a form's title: one word of seven letters or more, alone on
    the form's first line (`Epikriisi`, `Labaanvraagformulier`, `Skadeanmälan`)."""
    return len(words) == 1 and len(words[0]) >= 7 and not text[:ls].strip() and \
        not text[ls:s].strip() and not text[e:le].strip() and _form(text, s, e)


def _list_of_terms(text: str, s: int, e: int, ls: int, le: int) -> bool:
    """Whether ``text[s:e]`` is an item of a list after a form's label that names no person,
    another item of which is made of a language's common words (`Zlecone badania: Morfologia
    krwi, Lipidogram, Kreatynina`): a list of terms, not of people."""
    lab = _LABEL_VALUE.fullmatch(text, ls, s)
    if lab is None or _NEIGHBOUR.findall(lab.group(1))[-1].lower() in _PERSON_LABELS:
        return False
    colon = text.find(":", ls, s)
    if _DIGIT.search(text, colon, le) or _is_place(text[s:e]):
        return False  # an address's or a person's line ("Pavel Král, nar. 1. 2. 1980, Brno")
    for item in text[colon + 1:le].split(","):
        words = _NEIGHBOUR.findall(item)
        if words and text[s:e] not in item and _shared_language(words):
            return True
    return False


def _is_place(word: str) -> bool:
    from veil.detect.place_names import PLACES

    return word.lower() in PLACES


def role_before_name(text: str, s: int, e: int) -> int:
    """Where a name's span starts past a role or a title in a language other than English
    before it (`Erikoislääkäri Anna-Liisa Heikkinen`, `Notaio Alberto Ferraris`): a
    capitalised common word of one of those languages and no known name, then a known given
    name; ``s`` otherwise."""
    m = _ROLE_THEN_WORD.match(text, s, e)
    if m is None or _known_name(m.group(1).lower()) or not _known_given(
            m.group(2).split("-")[0].lower()):
        return s
    common, _, _ = _word_masks(m.group(1))
    return m.start(2) if common else s


_ROLE_THEN_WORD = re.compile(r"([A-ZÀ-ÞŁŚŻŹĆŃŠŽČŘĎŤŇ][^\W\d_]{3,})[ \t]"
                             r"([A-ZÀ-Þ][^\W\d_]+(?:-[^\W\d_]+)?)")


def _heading_function_words(text: str, s: int, e: int, words: list[str], ls: int,
                            le: int) -> bool:
    """Whether ``text[s:e]`` is only function words of a heading in capitals alone on its line
    (the "NA" of `SKIEROWANIE NA BADANIA`, the "DE" of `NOTA DE ALTA`)."""
    line = text[ls:le]
    return line.isupper() and ":" not in line and not _DIGIT.search(line) and all(
        len(w) <= 3 and stop_languages(w) for w in words) and len(_NEIGHBOUR.findall(
            line)) >= 3


def _listed(text: str, s: int, e: int, ls: int, le: int) -> bool:
    """Whether ``text[s:e]`` is an item of a list of three or more on its line, apart by
    commas."""
    return text.count(",", ls, le) >= 2 and (text[e:e + 1] == "," or text.rfind(
        ",", ls, s) != -1)


def _named_languages(text: str, s: int, e: int) -> int:
    """The mask of :data:`~veil.detect.language_words.LANGUAGES` whose English name the text
    writes capitalised within :data:`_REACH` characters of ``text[s:e]`` (`Translate this
    Polish bill`); the names found once per text."""
    found: list[tuple[int, int]] = _memoized(text, "named languages", _language_mentions, text)
    if not found:
        return 0
    mask = 0
    i = bisect.bisect_left(found, (s - _REACH, 0))
    while i < len(found) and found[i][0] < e + _REACH:
        mask |= found[i][1]
        i += 1
    return mask


def _language_mentions(text: str) -> list[tuple[int, int]]:
    codes = _language_bits()
    return [(m.start(), codes[m.group().lower()]) for m in _language_name_re().finditer(text)]


@lru_cache(maxsize=1)
def _language_name_re() -> re.Pattern[str]:
    names = sorted(_language_bits(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(n.capitalize() for n in names) + r")\b"
                      if names else r"(?!)")


@lru_cache(maxsize=1)
def _language_bits() -> dict[str, int]:
    """Each language's English name (lingua's) to its bit in the language words' masks."""
    try:
        from lingua import Language
    except ImportError:
        return {}
    from veil.detect.language_words import LANGUAGES, bit

    bits = {m.name.lower(): bit(code) for m in Language.all()
            if (code := m.iso_code_639_1.name.lower()) in LANGUAGES}
    return {**bits, "norwegian": bit("nb")}  # (lingua's "Bokmal")


#: how far from a span a form's labels, English prose or a language's name bear on it
_REACH = 1000


_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)[ \t]{1,4}\Z")
_NEXT_WORD = re.compile(r"[ \t]{1,4}([^\W\d_]+)")


def _drug_before(text: str, s: int) -> bool:
    if text[s - 1:s] not in (" ", "\t"):
        return False
    m = _WORD_BEFORE.search(text, max(0, s - 30), s)
    return m is not None and _drug_word(m.group(1))


def _car_before(text: str, s: int) -> bool:
    """Whether a car's make stands one or two words before ``s`` (`Ford` + `Focus`, `Toyota
    Corolla` + `Hybrid`), with no known given name before it (`Henry Ford`)."""
    if not any(w.strip(".,;:!?\"'()[]{}<>").lstrip("0123456789_-").lower() in CAR_MAKES
               for w in text[max(0, s - 48):s].split()[-2:]):
        return False  # (most spans: no make in the two words before; searched back, dearer)
    for _ in range(2):
        if text[s - 1:s] not in (" ", "\t"):
            return False
        m = _WORD_BEFORE.search(text, max(0, s - 24), s)
        if m is None:
            return False
        if m.group(1).lower() in CAR_MAKES:
            return not _given_before(text, m.start(1))
        s = m.start(1)
    return False


__all__ = ["CAR_MAKES", "DRUG_BRANDS", "in_citation", "place_after", "role_before_name",
           "trade_word"]
