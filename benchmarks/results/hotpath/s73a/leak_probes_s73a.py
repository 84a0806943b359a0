"""Probe prompts for over-masking in documents that are not in English: discharge and referral
letters, laboratory reports, prescriptions, invoices, rental and employment contracts, court
rulings, HR letters and tax forms as a hospital, firm, court or public office writes them in
German, French, Spanish, Italian, Portuguese (Portugal and Brazil), Dutch, Polish, Swedish,
Danish, Finnish, Czech, Romanian, Turkish, Russian, Arabic, Chinese, Japanese, Korean and
Hindi, and a few English requests about such a document. Each keeps its headings in capitals,
section titles, form labels before a colon, drug names, legal and medical terms, departments,
months and weekdays, place words in lower case and (German) capitalised nouns, with a few
made-up values: the persons after their labels and titles (some of them surnames that are
words too: `Koch`, `Richter`, `Berg`, `Bianchi`), their ids, addresses and phones. The words
that must stay are the document's own vocabulary. Counts with the ``veil`` on ``PYTHONPATH``
and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s73a/leak_probes_s73a.py \
        learned|spacy [--show]

All values are made up; checksums are valid where the id has one (codice fiscale, NIP,
PESEL, personnummer, henkilötunnus, CNP, BSN, TC Kimlik, CPF/CNPJ, Portuguese NIF, resident
identity card of China).
"""

# ruff: noqa: E501  (the Chinese, Japanese and Korean prompts: a wide character counts twice)
from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- German --------------------------------------------------------------------------------
    ('de', 'Entlassungsbrief\nSehr geehrte Frau Kollegin,\nwir berichten über Ihren Patienten '
     'Herrn Klaus-Dieter Hoffmann, geb. 03.07.1951, der sich vom 12.02. bis 19.02.2024 in '
     'unserer stationären Behandlung befand.\nDiagnosen: Akute Exazerbation einer COPD, '
     'Arterielle Hypertonie\nTherapie: Prednisolon 40 mg, Salbutamol bei Bedarf, Ramipril 5 mg\n'
     'Procedere: Kontrolle beim Hausarzt in einer Woche.\nMit freundlichen Grüßen\n'
     'Dr. med. Sabine Krämer\nOberärztin Innere Medizin',
     ('Klaus-Dieter Hoffmann', '03.07.1951', 'Sabine Krämer'),
     ('Entlassungsbrief', 'Diagnosen', 'Akute Exazerbation', 'Arterielle Hypertonie',
      'Therapie', 'Prednisolon', 'Salbutamol', 'Procedere', 'Hausarzt', 'Oberärztin',
      'Innere Medizin')),
    ('de', 'Rechnung Nr. 2024-0457\nRechnungsdatum: 14.03.2024\nLeistungszeitraum: Februar 2024\n'
     'Kunde: Bäckerei Brandt GmbH, z. Hd. Herrn Jürgen Brandt, Lindenallee 14, 50968 Köln\n'
     'Position 1: Wartung Kühlanlage, 3 Stunden à 85,00 EUR\nNettobetrag: 255,00 EUR\n'
     'Umsatzsteuer 19 %: 48,45 EUR\nGesamtbetrag: 303,45 EUR\nZahlbar innerhalb von 14 Tagen '
     'ohne Abzug auf DE89 3704 0044 0532 0130 00.',
     ('Jürgen Brandt', 'Lindenallee 14', '50968', 'DE89 3704 0044 0532 0130 00'),
     ('Rechnung', 'Rechnungsdatum', 'Leistungszeitraum', 'Wartung Kühlanlage', 'Nettobetrag',
      'Umsatzsteuer', 'Gesamtbetrag', 'Zahlbar innerhalb', 'Abzug')),
    ('de', 'Kündigung des Arbeitsverhältnisses\nSehr geehrte Frau Schulte,\nhiermit kündigen wir '
     'das mit Ihnen bestehende Arbeitsverhältnis ordentlich und fristgerecht zum 30.06.2024. Ihr '
     'Resturlaub von 8 Tagen wird während der Kündigungsfrist gewährt. Das Arbeitszeugnis '
     'erhalten Sie mit der letzten Gehaltsabrechnung. Bitte geben Sie Laptop, Firmenausweis und '
     'Schlüssel bis Freitag bei der Personalabteilung ab.\nMit freundlichen Grüßen\n'
     'Thomas Bergmann\nLeiter Personal',
     ('Schulte', 'Thomas Bergmann'),
     ('Kündigung des Arbeitsverhältnisses', 'Resturlaub', 'Kündigungsfrist', 'Arbeitszeugnis',
      'Gehaltsabrechnung', 'Laptop', 'Firmenausweis', 'Schlüssel', 'Freitag',
      'Personalabteilung', 'Leiter Personal')),
    ('de', 'Amtsgericht Charlottenburg\nUrteil\nIm Namen des Volkes\nIn dem Rechtsstreit\nder '
     'Frau Petra Lindemann, Kantstraße 88, 10627 Berlin,\n- Klägerin -\ngegen\nHerrn Dirk '
     'Ahlers, Wilmersdorfer Str. 5, 10585 Berlin,\n- Beklagter -\nwegen Mietzahlung\nhat das '
     'Gericht im schriftlichen Verfahren für Recht erkannt:\n1. Der Beklagte wird verurteilt, an '
     'die Klägerin 2.340,00 EUR nebst Zinsen zu zahlen.\n2. Die Kosten des Rechtsstreits trägt '
     'der Beklagte.\nTatbestand\nDie Parteien streiten über rückständige Miete.',
     ('Petra Lindemann', 'Kantstraße 88', '10627', 'Dirk Ahlers', 'Wilmersdorfer Str. 5',
      '10585'),
     ('Urteil', 'Im Namen des Volkes', 'Rechtsstreit', 'Klägerin', 'Beklagter', 'Mietzahlung',
      'Verfahren', 'Zinsen', 'Kosten des Rechtsstreits', 'Tatbestand', 'Parteien', 'Miete')),
    ('de', 'Finanzamt München\nSteuernummer: 143/256/78901\nBescheid für 2023 über '
     'Einkommensteuer\nSteuerpflichtige: Frau Dr. Anna Schneider\nFestgesetzt werden: '
     'Einkommensteuer 12.480,00 EUR, Solidaritätszuschlag 0,00 EUR, Kirchensteuer 998,40 EUR\n'
     'Erläuterungen: Die Werbungskosten wurden mit dem Arbeitnehmer-Pauschbetrag '
     'berücksichtigt.\nRechtsbehelfsbelehrung: Gegen diesen Bescheid ist der Einspruch zulässig.',
     ('143/256/78901', 'Anna Schneider'),
     ('Steuernummer', 'Bescheid', 'Einkommensteuer', 'Steuerpflichtige', 'Festgesetzt',
      'Solidaritätszuschlag', 'Kirchensteuer', 'Erläuterungen', 'Werbungskosten',
      'Arbeitnehmer-Pauschbetrag', 'Rechtsbehelfsbelehrung', 'Einspruch')),
    ('de', 'Kannst du diese E-Mail kürzen? "Hallo Frau Weber, wie besprochen schicke ich Ihnen die '
     'Unterlagen für den Bauantrag. Der Architekt Herr Yilmaz hat die Statik noch einmal '
     'geprüft. Die Baugenehmigung sollte bis Ende Mai vorliegen. Bei Rückfragen erreichen Sie '
     'mich unter 0171 2345678. Viele Grüße, Stefan Kühn"',
     ('Weber', 'Yilmaz', '0171 2345678', 'Stefan Kühn'),
     ('Unterlagen', 'Bauantrag', 'Architekt', 'Statik', 'Baugenehmigung', 'Ende Mai',
      'Rückfragen')),
    ('de', 'Laborbefund\nPatientin: Margarete Vogt, geb. 22.11.1946\nEinsender: Praxis Dr. '
     'Hubert Lang\nHämoglobin 10,9 g/dl (erniedrigt)\nLeukozyten 7,2 /nl\nKreatinin 1,4 mg/dl\n'
     'Kalium 5,1 mmol/l\nBeurteilung: Normozytäre Anämie, eingeschränkte Nierenfunktion.\n'
     'Empfehlung: Kontrolle in vier Wochen, Eisenstatus bestimmen.',
     ('Margarete Vogt', '22.11.1946', 'Hubert Lang'),
     ('Laborbefund', 'Patientin', 'Einsender', 'Hämoglobin', 'Leukozyten', 'Kreatinin',
      'Kalium', 'Beurteilung', 'Normozytäre Anämie', 'Nierenfunktion', 'Empfehlung',
      'Eisenstatus')),
    ('de', 'Mietvertrag über Wohnraum\nVermieter: Hausverwaltung Gruber & Partner, vertreten '
     'durch Mag. Elisabeth Gruber\nMieter: Lukas Pichler, geboren am 9. Jänner 1990\n'
     'Mietgegenstand: Wohnung Top 7, Mariahilfer Straße 112, 1070 Wien\nMietzins: 890 Euro '
     'monatlich, Betriebskosten inklusive\nKaution: drei Bruttomonatsmieten\nHausordnung und '
     'Übergabeprotokoll sind Bestandteil dieses Vertrages.',
     ('Elisabeth Gruber', 'Lukas Pichler', '9. Jänner 1990', 'Mariahilfer Straße 112', '1070'),
     ('Mietvertrag über Wohnraum', 'Vermieter', 'Mieter', 'Mietgegenstand', 'Wohnung',
      'Mietzins', 'Betriebskosten', 'Kaution', 'Bruttomonatsmieten', 'Hausordnung',
      'Übergabeprotokoll', 'Bestandteil')),
    ('de', 'Mein Vater Herbert Krause hat seit Dienstag Schmerzen in der Brust. Der Notarzt hat '
     'ein EKG gemacht und ihn ins Krankenhaus gebracht. Die Ärztin meinte, es sei vielleicht '
     'eine Angina Pectoris. Was bedeutet das und welche Untersuchungen kommen jetzt?',
     ('Herbert Krause',),
     ('Dienstag', 'Schmerzen', 'Brust', 'Notarzt', 'Krankenhaus', 'Ärztin', 'Angina Pectoris',
      'Untersuchungen')),
    ('de', 'Vermerk\nHerr Koch aus der Buchhaltung hat die Abrechnung geprüft. Frau Richter '
     'übernimmt die Vertretung während des Urlaubs. Rückfragen bitte an Frau Dr. Schneider oder '
     'Herrn Fischer.',
     ('Koch', 'Richter', 'Schneider', 'Fischer'),
     ('Vermerk', 'Buchhaltung', 'Abrechnung', 'Vertretung', 'Urlaubs', 'Rückfragen')),
    # --- French --------------------------------------------------------------------------------
    ('fr', "COMPTE RENDU D'HOSPITALISATION\nService de Cardiologie – CHU de Rennes\nPatient : M. "
     "Gérard Lemoine, né le 17/05/1949\nMotif d'hospitalisation : douleur thoracique\n"
     "Antécédents : diabète de type 2, hypertension artérielle\nTraitement de sortie : Kardégic "
     "75 mg, Bisoprolol 2,5 mg, Atorvastatine 40 mg\nConclusion : syndrome coronarien aigu "
     "traité par angioplastie.\nDr Claire Fontaine, cardiologue",
     ('Gérard Lemoine', '17/05/1949', 'Claire Fontaine'),
     ("COMPTE RENDU D'HOSPITALISATION", 'Service de Cardiologie', "Motif d'hospitalisation",
      'Antécédents', 'Traitement de sortie', 'Kardégic', 'Bisoprolol', 'Atorvastatine',
      'Conclusion', 'syndrome coronarien aigu', 'cardiologue')),
    ('fr', "FACTURE N° F-2024-0312\nDate d'émission : 5 avril 2024\nClient : SARL Boulangerie "
     "Marchand, à l'attention de Mme Sylvie Marchand, 14 rue des Lilas, 69003 Lyon\n"
     "Désignation : Maintenance annuelle du four, Pièces détachées\nMontant HT : 640,00 €\n"
     "TVA 20 % : 128,00 €\nTotal TTC : 768,00 €\nConditions de paiement : à réception de "
     "facture, par virement sur FR76 3000 6000 0112 3456 7890 189.\nPénalités de retard : trois "
     "fois le taux d'intérêt légal.",
     ('Sylvie Marchand', '14 rue des Lilas', '69003', 'FR76 3000 6000 0112 3456 7890 189'),
     ('FACTURE', "Date d'émission", 'Désignation', 'Maintenance annuelle', 'Pièces détachées',
      'Montant HT', 'TVA', 'Total TTC', 'Conditions de paiement', 'virement',
      'Pénalités de retard')),
    ('fr', "TRIBUNAL JUDICIAIRE DE BORDEAUX\nJUGEMENT DU 3 JUILLET 2024\nDEMANDEUR : Monsieur "
     "Olivier Besson, demeurant 22 cours Victor Hugo, 33000 Bordeaux\nDÉFENDEUR : Société "
     "Immobilière Garonne, prise en la personne de son représentant légal\nEXPOSÉ DU LITIGE\n"
     "Par acte d'huissier, le demandeur a assigné la société en réparation de son préjudice.\n"
     "MOTIFS DE LA DÉCISION\nPAR CES MOTIFS, le Tribunal condamne la défenderesse aux dépens.",
     ('Olivier Besson', '22 cours Victor Hugo', '33000'),
     ('JUGEMENT', 'DEMANDEUR', 'DÉFENDEUR', 'représentant légal', 'EXPOSÉ DU LITIGE',
      "acte d'huissier", 'préjudice', 'MOTIFS DE LA DÉCISION', 'PAR CES MOTIFS',
      'défenderesse', 'dépens')),
    ('fr', "Objet : Convocation à un entretien préalable\nMadame Nathalie Girard,\nNous vous "
     "informons que nous envisageons à votre égard une mesure de licenciement. Nous vous "
     "convoquons à un entretien préalable le mardi 14 mai à 10 heures, au siège social, "
     "Direction des Ressources Humaines. Vous pouvez vous faire assister par un membre du "
     "personnel de l'entreprise.\nVeuillez agréer, Madame, l'expression de nos salutations "
     "distinguées.\nFrançois Mercier, Directeur des Ressources Humaines",
     ('Nathalie Girard', 'François Mercier'),
     ('Objet', 'Convocation', 'entretien préalable', 'licenciement', 'mardi', 'siège social',
      'Direction des Ressources Humaines', 'Veuillez agréer', 'salutations distinguées',
      'Directeur des Ressources Humaines')),
    ('fr', "Déclaration des revenus 2023\nNuméro fiscal : 1234567890123\nDéclarant 1 : Mme "
     "Isabelle Roux\nSituation de famille : Mariée\nTraitements et salaires : 38 450 €\n"
     "Revenus fonciers : 4 200 €\nPrélèvement à la source : taux personnalisé 7,5 %\nCentre des "
     "Finances Publiques de Nantes",
     ('1234567890123', 'Isabelle Roux'),
     ('Déclaration des revenus', 'Numéro fiscal', 'Déclarant', 'Situation de famille',
      'Mariée', 'Traitements et salaires', 'Revenus fonciers', 'Prélèvement à la source',
      'taux personnalisé', 'Centre des Finances Publiques')),
    ('fr', "ORDONNANCE\nDr Marc Aubert – Médecin généraliste\nLe 12 février 2024\nMme Hélène "
     "Caron, 58 ans, 64 kg\nAmoxicilline 1 g : 1 comprimé matin et soir pendant 7 jours\n"
     "Doliprane 1000 mg : si douleur ou fièvre, maximum 3 par jour\nRenouvellement : non\nEn cas "
     "d'allergie, arrêter le traitement et consulter.",
     ('Marc Aubert', 'Hélène Caron'),
     ('ORDONNANCE', 'Médecin généraliste', 'Amoxicilline', 'comprimé', 'Doliprane', 'fièvre',
      'Renouvellement', 'allergie')),
    ('fr', "Bonjour, je suis Mme Dubois, ma fille Léa a rendez-vous en Pédiatrie mercredi. Faut-il "
     "apporter le carnet de santé et la carte Vitale ? Merci d'avance.",
     ('Dubois', 'Léa'),
     ('Pédiatrie', 'mercredi', 'carnet de santé', 'carte Vitale')),
    # --- Spanish -------------------------------------------------------------------------------
    ('es', 'INFORME DE URGENCIAS\nHospital Universitario La Paz – Servicio de Urgencias\n'
     'Paciente: Carmen Ortega Molina\nEdad: 72 años\nMotivo de consulta: disnea y dolor '
     'torácico\nExploración física: crepitantes bibasales, edemas en miembros inferiores\n'
     'Juicio clínico: Insuficiencia cardíaca descompensada\nTratamiento: Furosemida 40 mg '
     'intravenosa, Enalapril 10 mg\nRecomendaciones: control por su médico de Atención '
     'Primaria.\nFdo.: Dr. Alberto Navarro Gil',
     ('Carmen Ortega Molina', 'Alberto Navarro Gil'),
     ('INFORME DE URGENCIAS', 'Servicio de Urgencias', 'Motivo de consulta',
      'Exploración física', 'Juicio clínico', 'Insuficiencia cardíaca descompensada',
      'Tratamiento', 'Furosemida', 'Enalapril', 'Recomendaciones', 'Atención Primaria')),
    ('es', 'FACTURA Nº 2024/0087\nFecha de expedición: 18 de enero de 2024\nEmisor: Reformas '
     'Hidalgo S.L., CIF B12345674\nCliente: Raúl Jiménez Castro, NIF 12345678Z\nConcepto: '
     'Sustitución de bañera por plato de ducha\nBase imponible: 1.850,00 €\nIVA (21%): 388,50 €\n'
     'Total factura: 2.238,50 €\nForma de pago: transferencia bancaria',
     ('Raúl Jiménez Castro', '12345678Z'),
     ('FACTURA', 'Fecha de expedición', 'Emisor', 'Concepto', 'Sustitución de bañera',
      'plato de ducha', 'Base imponible', 'IVA', 'Total factura', 'Forma de pago',
      'transferencia bancaria')),
    ('es', 'CONTRATO DE ARRENDAMIENTO DE VIVIENDA\nREUNIDOS\nDe una parte, como ARRENDADOR, D. '
     'Manuel Herrera Vidal, mayor de edad, con DNI 32847561K.\nDe otra parte, como '
     'ARRENDATARIA, Dña. Elena Campos Rey.\nEXPONEN\nPrimero.- Que el arrendador es propietario '
     'de la vivienda sita en Calle Mayor 15, 2º A, 50001 Zaragoza.\nCLÁUSULAS\nPrimera.- '
     'Duración: un año prorrogable.\nSegunda.- Renta: 750 euros mensuales.\nTercera.- Fianza: '
     'una mensualidad.',
     ('Manuel Herrera Vidal', '32847561K', 'Elena Campos Rey', 'Calle Mayor 15', '50001'),
     ('CONTRATO DE ARRENDAMIENTO DE VIVIENDA', 'REUNIDOS', 'ARRENDADOR', 'ARRENDATARIA',
      'EXPONEN', 'Primero', 'propietario', 'CLÁUSULAS', 'Duración', 'prorrogable', 'Renta',
      'Fianza', 'mensualidad')),
    ('es', 'Asunto: Comunicación de despido disciplinario\nEstimado Sr. Ignacio Prieto:\nPor medio '
     'de la presente, la Dirección de la empresa le comunica su despido disciplinario con '
     'efectos del día de hoy, por las faltas muy graves tipificadas en el Convenio Colectivo. '
     'Tiene a su disposición la liquidación, el finiquito y el certificado de empresa en el '
     'Departamento de Recursos Humanos.\nAtentamente,\nSusana Cordero, Jefa de Personal',
     ('Ignacio Prieto', 'Susana Cordero'),
     ('Asunto', 'despido disciplinario', 'Dirección de la empresa', 'faltas muy graves',
      'Convenio Colectivo', 'liquidación', 'finiquito', 'certificado de empresa',
      'Departamento de Recursos Humanos', 'Atentamente', 'Jefa de Personal')),
    ('es', 'SENTENCIA DEFINITIVA\nVISTOS para resolver los autos del juicio ordinario civil '
     'promovido por Gabriela Mendoza Luna en contra de Transportes del Bajío S.A. de C.V.\n'
     'RESULTANDO\nPRIMERO. Mediante escrito presentado el quince de marzo, la actora demandó el '
     'pago de daños y perjuicios.\nCONSIDERANDO\nÚNICO. La acción intentada resultó procedente.\n'
     'RESUELVE\nSe condena a la demandada al pago de las costas.',
     ('Gabriela Mendoza Luna',),
     ('SENTENCIA DEFINITIVA', 'VISTOS', 'juicio ordinario civil', 'RESULTANDO', 'PRIMERO',
      'la actora', 'daños y perjuicios', 'CONSIDERANDO', 'ÚNICO', 'RESUELVE', 'demandada',
      'costas')),
    ('es', 'Agencia Tributaria – Requerimiento\nObligado tributario: Francisco Javier Sanz '
     'Ibáñez\nNIF: 50123456B\nEjercicio: 2022\nModelo: 100 – Impuesto sobre la Renta de las '
     'Personas Físicas\nDocumentación requerida: justificantes de las deducciones por alquiler '
     'de vivienda habitual y certificado de retenciones.\nPlazo: diez días hábiles desde la '
     'notificación.',
     ('Francisco Javier Sanz Ibáñez', '50123456B'),
     ('Requerimiento', 'Obligado tributario', 'Ejercicio', 'Modelo', 'Impuesto sobre la Renta',
      'Personas Físicas', 'Documentación requerida', 'justificantes', 'deducciones',
      'vivienda habitual', 'certificado de retenciones', 'Plazo', 'días hábiles',
      'notificación')),
    ('es', 'hola, necesito ayuda con una reclamación. me llamo lucía moreno y el seguro no me '
     'cubre la fisioterapia después de la operación de rodilla del lunes. qué puedo hacer?',
     ('lucía moreno',),
     ('reclamación', 'seguro', 'fisioterapia', 'operación de rodilla', 'lunes')),
    # --- Italian -------------------------------------------------------------------------------
    ('it', 'LETTERA DI DIMISSIONE\nReparto di Medicina Interna – Ospedale Maggiore di Bologna\n'
     'Paziente: Giuseppe Esposito, nato il 02/09/1944\nData di ricovero: 3 marzo 2024\nDiagnosi '
     'di dimissione: Polmonite lobare destra, Fibrillazione atriale\nTerapia consigliata: '
     'Apixaban 5 mg due volte al giorno, Bisoprololo 1,25 mg\nControlli: visita cardiologica '
     'tra un mese.\nIl Medico: Dott.ssa Francesca Marino',
     ('Giuseppe Esposito', '02/09/1944', 'Francesca Marino'),
     ('LETTERA DI DIMISSIONE', 'Reparto di Medicina Interna', 'Data di ricovero',
      'Diagnosi di dimissione', 'Polmonite lobare destra', 'Fibrillazione atriale',
      'Terapia consigliata', 'Apixaban', 'Bisoprololo', 'Controlli', 'visita cardiologica')),
    ('it', 'FATTURA n. 45/2024 del 30 aprile 2024\nCedente: Idraulica Colombo di Marco Colombo, '
     'P.IVA 01234567890\nCessionario: Condominio Via Garibaldi 12, c.a. Amministratore Rag. '
     'Paolo Ricci\nDescrizione: Riparazione colonna di scarico, Manodopera\nImponibile: '
     '1.200,00 €\nIVA 22%: 264,00 €\nTotale documento: 1.464,00 €\nModalità di pagamento: '
     'bonifico bancario a 30 giorni',
     ('Marco Colombo', '01234567890', 'Paolo Ricci'),
     ('FATTURA', 'Cedente', 'Cessionario', 'Amministratore', 'Descrizione',
      'Riparazione colonna di scarico', 'Manodopera', 'Imponibile', 'Totale documento',
      'Modalità di pagamento', 'bonifico bancario')),
    ('it', 'REPUBBLICA ITALIANA\nIN NOME DEL POPOLO ITALIANO\nIL TRIBUNALE DI MILANO\nSezione '
     'Lavoro\nha pronunciato la seguente SENTENZA nella causa promossa da Roberta Galli, '
     'ricorrente, contro Logistica Lombarda S.p.A., resistente.\nSVOLGIMENTO DEL PROCESSO\nCon '
     'ricorso depositato il 10 gennaio la ricorrente impugnava il licenziamento.\nMOTIVI DELLA '
     'DECISIONE\nP.Q.M. accoglie il ricorso e condanna la resistente alle spese di lite.',
     ('Roberta Galli',),
     ('REPUBBLICA ITALIANA', 'IN NOME DEL POPOLO ITALIANO', 'Sezione Lavoro', 'SENTENZA',
      'ricorrente', 'resistente', 'SVOLGIMENTO DEL PROCESSO', 'ricorso', 'licenziamento',
      'MOTIVI DELLA DECISIONE', 'spese di lite')),
    ('it', "Oggetto: Lettera di assunzione\nGentile Sig.ra Valentina Conti,\ncon la presente Le "
     "confermiamo l'assunzione a tempo indeterminato con la qualifica di Impiegata "
     "amministrativa, livello 4 del CCNL Commercio, a decorrere dal 1° settembre. Periodo di "
     "prova: 60 giorni. Retribuzione lorda mensile: 1.850 euro per quattordici mensilità.\n"
     "Cordiali saluti,\nUfficio del Personale\nDott. Andrea Fabbri",
     ('Valentina Conti', 'Andrea Fabbri'),
     ('Oggetto', 'Lettera di assunzione', 'tempo indeterminato', 'qualifica',
      'Impiegata amministrativa', 'CCNL Commercio', 'Periodo di prova',
      'Retribuzione lorda mensile', 'mensilità', 'Cordiali saluti', 'Ufficio del Personale')),
    ('it', "Modello 730/2024\nContribuente: Stefano Moretti\nCodice fiscale: MRTSFN80A01F205G\n"
     "Domicilio fiscale: Via Dante 8, 20121 Milano\nQuadro E – Oneri e spese: spese sanitarie "
     "1.240 euro, interessi passivi mutuo 2.100 euro\nSostituto d'imposta: Farmacia Centrale "
     "S.r.l.\nEsito della liquidazione: rimborso 612 euro",
     ('Stefano Moretti', 'MRTSFN80A01F205G', 'Via Dante 8', '20121'),
     ('Contribuente', 'Codice fiscale', 'Domicilio fiscale', 'Quadro', 'Oneri e spese',
      'spese sanitarie', 'interessi passivi mutuo', "Sostituto d'imposta",
      'Esito della liquidazione', 'rimborso')),
    ('it', "Gentile Sig.ra Bianchi,\nLe ricordiamo l'appuntamento presso l'Ambulatorio di "
     "Dermatologia per giovedì alle ore 9. Porti con sé la tessera sanitaria e l'impegnativa del "
     "medico curante.\nCordiali saluti,\nSegreteria – Dott. Ferrari",
     ('Bianchi', 'Ferrari'),
     ('appuntamento', 'Ambulatorio di Dermatologia', 'giovedì', 'tessera sanitaria',
      'impegnativa', 'medico curante', 'Cordiali saluti', 'Segreteria')),
    # --- Portuguese ----------------------------------------------------------------------------
    ('pt', 'NOTA DE ALTA\nServiço de Medicina Interna – Hospital de Santa Maria\nUtente: Manuel '
     'Joaquim Sousa Carvalho\nNº de processo: 4471823\nDiagnóstico principal: Infeção do trato '
     'urinário\nMedicação habitual: Metformina 850 mg, Sinvastatina 20 mg\nRecomendações: '
     'reavaliação pelo médico de família dentro de uma semana.\nA Médica Assistente, Dra. Rita '
     'Almeida',
     ('Manuel Joaquim Sousa Carvalho', 'Rita Almeida'),
     ('NOTA DE ALTA', 'Serviço de Medicina Interna', 'Utente', 'Nº de processo',
      'Diagnóstico principal', 'Infeção do trato urinário', 'Medicação habitual',
      'Metformina', 'Sinvastatina', 'Recomendações', 'médico de família', 'Médica Assistente')),
    ('pt', 'CONTRATO DE ARRENDAMENTO\nPrimeiro Outorgante (Senhorio): Joaquim Pereira Lopes, NIF '
     '123456789\nSegundo Outorgante (Arrendatário): Beatriz Martins Coelho\nCláusula Primeira – '
     'Objeto: fração autónoma designada pela letra B, sita na Rua do Almada 210, 4050-032 Porto.'
     '\nCláusula Segunda – Renda: 700 euros mensais.\nCláusula Terceira – Caução: dois meses de '
     'renda.',
     ('Joaquim Pereira Lopes', '123456789', 'Beatriz Martins Coelho', 'Rua do Almada 210',
      '4050-032'),
     ('CONTRATO DE ARRENDAMENTO', 'Primeiro Outorgante', 'Senhorio', 'Segundo Outorgante',
      'Arrendatário', 'Cláusula Primeira', 'Objeto', 'fração autónoma', 'Renda', 'Caução')),
    ('br', 'NOTA FISCAL DE SERVIÇOS ELETRÔNICA\nPrestador: Contabilidade Ribeiro Ltda., CNPJ '
     '11.222.333/0001-81\nTomador: Luciana Barbosa de Andrade, CPF 529.982.247-25\n'
     'Discriminação dos serviços: Assessoria contábil referente a março\nValor dos serviços: '
     'R$ 1.500,00\nISS retido: não\nValor líquido: R$ 1.500,00',
     ('Luciana Barbosa de Andrade', '529.982.247-25'),
     ('NOTA FISCAL DE SERVIÇOS ELETRÔNICA', 'Prestador', 'Tomador',
      'Discriminação dos serviços', 'Assessoria contábil', 'Valor dos serviços', 'ISS retido',
      'Valor líquido')),
    ('br', 'PODER JUDICIÁRIO\nTRIBUNAL DE JUSTIÇA DO ESTADO DE SÃO PAULO\nSENTENÇA\nProcesso nº '
     '1002345-67.2023.8.26.0100\nRequerente: Fernanda Cristina Moraes\nRequerido: Banco '
     'Horizonte S.A.\nRELATÓRIO\nTrata-se de ação de indenização por danos morais.\n'
     'FUNDAMENTAÇÃO\nO pedido é procedente.\nDISPOSITIVO\nJulgo procedente a ação e condeno o '
     'réu ao pagamento de custas e honorários advocatícios.',
     ('Fernanda Cristina Moraes',),
     ('PODER JUDICIÁRIO', 'SENTENÇA', 'Requerente', 'Requerido', 'RELATÓRIO',
      'ação de indenização', 'danos morais', 'FUNDAMENTAÇÃO', 'DISPOSITIVO',
      'Julgo procedente', 'custas', 'honorários advocatícios')),
    ('br', 'Prezada Sra. Juliana Teixeira,\nComunicamos que o seu período de férias foi aprovado '
     'de 2 a 21 de dezembro. O adiantamento do 13º salário e o abono pecuniário serão pagos na '
     'folha de novembro. Em caso de dúvidas, procure o Departamento Pessoal.\nAtenciosamente,\n'
     'Rodrigo Farias\nGerente de Recursos Humanos',
     ('Juliana Teixeira', 'Rodrigo Farias'),
     ('Prezada', 'período de férias', 'adiantamento', 'abono pecuniário', 'folha de novembro',
      'Departamento Pessoal', 'Atenciosamente', 'Gerente de Recursos Humanos')),
    # --- Dutch ---------------------------------------------------------------------------------
    ('nl', 'Ontslagbrief\nAfdeling Longziekten – Maasstad Ziekenhuis\nBetreft: dhr. Johannes van '
     'Dijk, geb. 12-04-1955\nOpnamedatum: 4 februari 2024\nDiagnose: Exacerbatie COPD GOLD III\n'
     'Medicatie bij ontslag: Prednison 30 mg, Tiotropium, Salbutamol zo nodig\nBeleid: controle '
     'op de polikliniek over zes weken.\nMet collegiale groet,\nDrs. Marieke Jansen, '
     'arts-assistent',
     ('Johannes van Dijk', '12-04-1955', 'Marieke Jansen'),
     ('Ontslagbrief', 'Afdeling Longziekten', 'Betreft', 'Opnamedatum', 'Diagnose',
      'Exacerbatie', 'Medicatie bij ontslag', 'Prednison', 'Tiotropium', 'Salbutamol',
      'Beleid', 'polikliniek', 'Met collegiale groet', 'arts-assistent')),
    ('nl', 'FACTUUR\nFactuurnummer: 2024-0193\nFactuurdatum: 8 mei 2024\nDebiteur: Bouwbedrijf '
     'De Vries B.V., t.a.v. mevrouw Sanne de Vries\nOmschrijving: Schilderwerk buitenkozijnen, '
     'Materiaalkosten\nSubtotaal: € 2.300,00\nBTW 21%: € 483,00\nTotaalbedrag: € 2.783,00\n'
     'Gelieve binnen 30 dagen te betalen onder vermelding van het factuurnummer.',
     ('Sanne de Vries',),
     ('FACTUUR', 'Factuurnummer', 'Factuurdatum', 'Debiteur', 'Omschrijving',
      'Schilderwerk buitenkozijnen', 'Materiaalkosten', 'Subtotaal', 'BTW', 'Totaalbedrag',
      'Gelieve binnen 30 dagen')),
    ('nl', 'ARBEIDSOVEREENKOMST VOOR BEPAALDE TIJD\nWerkgever: Zorggroep Noord, gevestigd te '
     'Groningen\nWerknemer: Pieter Bakker, wonende Vismarkt 21, 9712 CB Groningen\nFunctie: '
     'verpleegkundige\nProeftijd: één maand\nSalaris: schaal 45, trede 6, conform de cao\n'
     'Vakantiedagen: 25 per jaar\nOpzegtermijn: één maand',
     ('Pieter Bakker', 'Vismarkt 21', '9712 CB'),
     ('ARBEIDSOVEREENKOMST VOOR BEPAALDE TIJD', 'Werkgever', 'Werknemer', 'Functie',
      'verpleegkundige', 'Proeftijd', 'Salaris', 'trede', 'Vakantiedagen', 'Opzegtermijn')),
    ('nl', 'VONNIS\nRECHTBANK AMSTERDAM\nKantonrechter\nin de zaak van Fatima El Amrani, '
     'eiseres,\ntegen Woningcorporatie Stadgenoot, gedaagde.\n1. De procedure\n2. De feiten\n3. '
     'Het geschil\nEiseres vordert vergoeding van de huurachterstand.\n4. De beoordeling\n5. De '
     'beslissing\nDe kantonrechter wijst de vordering toe en veroordeelt gedaagde in de '
     'proceskosten.',
     ('Fatima El Amrani',),
     ('VONNIS', 'Kantonrechter', 'eiseres', 'gedaagde', 'De procedure', 'De feiten',
      'Het geschil', 'vergoeding', 'huurachterstand', 'De beoordeling', 'De beslissing',
      'vordering', 'proceskosten')),
    ('nl', 'Belastingdienst – Aanslag inkomstenbelasting 2023\nBurgerservicenummer: 111222333\n'
     'Naam: W. Smit-Hendriks\nBox 1: Inkomen uit werk en woning € 52.340\nHeffingskorting: '
     '€ 3.070\nArbeidskorting: € 5.052\nTe betalen: € 412\nBetalingstermijn: vóór 31 augustus',
     ('111222333', 'Smit-Hendriks'),
     ('Aanslag inkomstenbelasting', 'Burgerservicenummer', 'Inkomen uit werk en woning',
      'Heffingskorting', 'Arbeidskorting', 'Te betalen', 'Betalingstermijn')),
    # --- Polish --------------------------------------------------------------------------------
    ('pl', 'KARTA INFORMACYJNA LECZENIA SZPITALNEGO\nOddział Kardiologii – Szpital Wojewódzki w '
     'Poznaniu\nPacjent: Tadeusz Kamiński, PESEL 44051401458\nRozpoznanie: Niewydolność serca, '
     'Migotanie przedsionków\nZalecenia: Bisoprolol 5 mg, Rywaroksaban 20 mg, kontrola w Poradni '
     'Kardiologicznej za miesiąc.\nLekarz prowadzący: lek. Agnieszka Zielińska',
     ('Tadeusz Kamiński', '44051401458', 'Agnieszka Zielińska'),
     ('KARTA INFORMACYJNA LECZENIA SZPITALNEGO', 'Oddział Kardiologii', 'Rozpoznanie',
      'Niewydolność serca', 'Migotanie przedsionków', 'Zalecenia', 'Bisoprolol',
      'Rywaroksaban', 'Poradni Kardiologicznej', 'Lekarz prowadzący')),
    ('pl', 'FAKTURA VAT nr FV/118/2024\nData wystawienia: 15 maja 2024\nSprzedawca: Usługi '
     'Remontowe Marek Nowak, NIP 7781234505\nNabywca: Katarzyna Wójcik, ul. Ogrodowa 7/3, '
     '90-001 Łódź\nNazwa towaru lub usługi: Malowanie mieszkania\nWartość netto: 3 000,00 zł\n'
     'Stawka VAT: 8%\nDo zapłaty: 3 240,00 zł\nSposób płatności: przelew',
     ('Marek Nowak', 'Katarzyna Wójcik', 'Ogrodowa 7/3', '90-001'),
     ('FAKTURA VAT', 'Data wystawienia', 'Sprzedawca', 'Nabywca', 'Nazwa towaru lub usługi',
      'Malowanie mieszkania', 'Wartość netto', 'Stawka VAT', 'Do zapłaty', 'Sposób płatności',
      'przelew')),
    ('pl', 'UMOWA NAJMU LOKALU MIESZKALNEGO\nzawarta w Krakowie pomiędzy:\nWynajmującym: Janem '
     'Kowalczykiem, zam. ul. Długa 12, 31-147 Kraków\na\nNajemcą: Magdaleną Lewandowską\n§ 1 '
     'Przedmiot umowy\n§ 2 Czynsz i opłaty: 2 500 zł miesięcznie\n§ 3 Kaucja zabezpieczająca\n'
     '§ 4 Wypowiedzenie umowy',
     ('Janem Kowalczykiem', 'Długa 12', '31-147', 'Magdaleną Lewandowską'),
     ('UMOWA NAJMU LOKALU MIESZKALNEGO', 'Wynajmującym', 'Najemcą', 'Przedmiot umowy',
      'Czynsz i opłaty', 'Kaucja zabezpieczająca', 'Wypowiedzenie umowy')),
    ('pl', 'ŚWIADECTWO PRACY\n1. Stwierdza się, że Pani Ewa Dąbrowska, urodzona 3 października '
     '1988, była zatrudniona w Przedsiębiorstwie Handlowym Orion Sp. z o.o. w okresie od 1 '
     'lutego 2019 do 31 marca 2024.\n2. Wymiar czasu pracy: pełny etat.\n3. Stanowisko: '
     'specjalista do spraw kadr.\n4. Stosunek pracy ustał w wyniku rozwiązania umowy za '
     'wypowiedzeniem.\nUrlop wypoczynkowy: wykorzystano 26 dni.',
     ('Ewa Dąbrowska', '3 października 1988'),
     ('ŚWIADECTWO PRACY', 'Stwierdza się', 'Wymiar czasu pracy', 'pełny etat', 'Stanowisko',
      'specjalista do spraw kadr', 'Stosunek pracy', 'wypowiedzeniem', 'Urlop wypoczynkowy')),
    ('pl', 'WYROK W IMIENIU RZECZYPOSPOLITEJ POLSKIEJ\nSąd Okręgowy w Warszawie, I Wydział '
     'Cywilny\npo rozpoznaniu sprawy z powództwa Roberta Mazura przeciwko Towarzystwu '
     'Ubezpieczeń Vista S.A. o zadośćuczynienie\n1. zasądza od pozwanego na rzecz powoda kwotę '
     '40 000 zł z ustawowymi odsetkami;\n2. oddala powództwo w pozostałym zakresie;\n3. '
     'Uzasadnienie sporządzono na wniosek.',
     ('Roberta Mazura',),
     ('WYROK', 'W IMIENIU RZECZYPOSPOLITEJ POLSKIEJ', 'Wydział Cywilny', 'z powództwa',
      'zadośćuczynienie', 'zasądza', 'pozwanego', 'powoda', 'ustawowymi odsetkami',
      'oddala powództwo', 'Uzasadnienie')),
    # --- Swedish -------------------------------------------------------------------------------
    ('sv', 'Epikris\nKlinik: Medicinkliniken, Karolinska Universitetssjukhuset\nPatient: '
     'Lars-Erik Johansson, personnummer 19470315-2381\nInskrivningsorsak: bröstsmärta\n'
     'Bedömning: Instabil angina. Behandlad med Trombyl och Metoprolol.\nUppföljning: '
     'återbesök hos distriktsläkare om två veckor.\nSignerad av: Leg. läkare Karin Lindqvist',
     ('Lars-Erik Johansson', '19470315-2381', 'Karin Lindqvist'),
     ('Epikris', 'Klinik', 'Medicinkliniken', 'Inskrivningsorsak', 'bröstsmärta', 'Bedömning',
      'Instabil angina', 'Trombyl', 'Metoprolol', 'Uppföljning', 'återbesök',
      'distriktsläkare', 'Signerad av')),
    ('sv', 'FAKTURA\nFakturanummer: 10482\nFakturadatum: 2024-03-28\nKund: Ingrid Nilsson, '
     'Storgatan 14, 852 30 Sundsvall\nSpecifikation: Takrengöring, Arbetskostnad, '
     'Materialkostnad\nMoms 25 %: 1 250 kr\nAtt betala: 6 250 kr\nBankgiro: 5050-1055\n'
     'Förfallodatum: 30 dagar netto',
     ('Ingrid Nilsson', 'Storgatan 14', '852 30'),
     ('FAKTURA', 'Fakturanummer', 'Fakturadatum', 'Specifikation', 'Takrengöring',
      'Arbetskostnad', 'Materialkostnad', 'Moms', 'Att betala', 'Bankgiro', 'Förfallodatum')),
    ('sv', 'DOM\nGöteborgs tingsrätt, Avdelning 3\nKÄRANDE: Mikael Andersson, Vasagatan 5, 411 24 '
     'Göteborg\nSVARANDE: Byggfirma Väst AB\nSAKEN: Fordran\nDOMSLUT\n1. Tingsrätten förpliktar '
     'Byggfirma Väst AB att betala 85 000 kr jämte ränta.\n2. Svaranden ska ersätta käranden för '
     'rättegångskostnader.\nDOMSKÄL\nYrkanden och inställning',
     ('Mikael Andersson', 'Vasagatan 5', '411 24'),
     ('KÄRANDE', 'SVARANDE', 'SAKEN', 'Fordran', 'DOMSLUT', 'Tingsrätten', 'jämte ränta',
      'rättegångskostnader', 'DOMSKÄL', 'Yrkanden och inställning')),
    ('sv', 'Hej Sofia Berg,\nVi bekräftar härmed din tjänstledighet för föräldraledighet från och '
     'med 1 september. Under ledigheten betalar Försäkringskassan föräldrapenning. Kontakta '
     'Personalavdelningen om du vill ändra omfattningen.\nMed vänliga hälsningar\nAnders Holm\n'
     'HR-chef',
     ('Sofia Berg', 'Anders Holm'),
     ('tjänstledighet', 'föräldraledighet', 'Försäkringskassan', 'föräldrapenning',
      'Personalavdelningen', 'Med vänliga hälsningar', 'HR-chef')),
    # --- Danish --------------------------------------------------------------------------------
    ('da', 'Epikrise\nAfdeling: Kirurgisk Afdeling, Odense Universitetshospital\nPatient: Jens '
     'Kristian Madsen, CPR 120356-1234\nIndlæggelsesårsag: akut blindtarmsbetændelse\n'
     'Behandling: Laparoskopisk appendektomi. Postoperativt forløb ukompliceret.\nMedicin ved '
     'udskrivelse: Paracetamol 1 g, Ibuprofen 400 mg\nOpfølgning: ved egen læge efter behov.\n'
     'Med venlig hilsen\nOverlæge Birgitte Sørensen',
     ('Jens Kristian Madsen', '120356-1234', 'Birgitte Sørensen'),
     ('Epikrise', 'Kirurgisk Afdeling', 'Indlæggelsesårsag', 'blindtarmsbetændelse',
      'Behandling', 'Laparoskopisk appendektomi', 'Postoperativt forløb',
      'Medicin ved udskrivelse', 'Paracetamol', 'Ibuprofen', 'Opfølgning', 'egen læge',
      'Overlæge')),
    ('da', 'Faktura nr. 2024-211\nFakturadato: 2. april 2024\nKunde: Mette Rasmussen, Vestergade '
     '31, 8000 Aarhus C\nYdelse: Rådgivning om skat og regnskab\nBeløb ekskl. moms: 4.000,00 '
     'kr.\nMoms 25 %: 1.000,00 kr.\nI alt: 5.000,00 kr.\nBetalingsbetingelser: netto 14 dage',
     ('Mette Rasmussen', 'Vestergade 31', '8000'),
     ('Faktura', 'Fakturadato', 'Ydelse', 'Rådgivning om skat og regnskab',
      'Beløb ekskl. moms', 'I alt', 'Betalingsbetingelser')),
    ('da', 'LEJEKONTRAKT\nUdlejer: Boligselskabet Fjordhus A/S\nLejer: Frederik Kjær Nielsen\n'
     'Det lejede: lejlighed på 3. sal, Nørrebrogade 45, 2200 København N\nHusleje: 9.800 kr. pr. '
     'måned\nDepositum: tre måneders leje\nIndflytning: 1. oktober\nOpsigelse: tre måneders '
     'varsel',
     ('Frederik Kjær Nielsen', 'Nørrebrogade 45', '2200'),
     ('LEJEKONTRAKT', 'Udlejer', 'Lejer', 'Det lejede', 'lejlighed', 'Husleje', 'Depositum',
      'Indflytning', 'Opsigelse', 'varsel')),
    # --- Finnish -------------------------------------------------------------------------------
    ('fi', 'Epikriisi\nOsasto: Sisätautien osasto 4, Tampereen yliopistollinen sairaala\nPotilas: '
     'Matti Juhani Laine, hetu 150549-123A\nTulosyy: hengenahdistus\nDiagnoosit: Keuhkokuume, '
     'Eteisvärinä\nLääkitys: Amoksisilliini 750 mg, Bisoprololi 5 mg\nJatkohoito: kontrolli '
     'terveyskeskuksessa kahden viikon kuluttua.\nYstävällisin terveisin\nErikoislääkäri '
     'Anna-Liisa Heikkinen',
     ('Matti Juhani Laine', '150549-123A', 'Anna-Liisa Heikkinen'),
     ('Epikriisi', 'Osasto', 'Sisätautien osasto', 'Tulosyy', 'hengenahdistus', 'Diagnoosit',
      'Keuhkokuume', 'Eteisvärinä', 'Lääkitys', 'Amoksisilliini', 'Bisoprololi', 'Jatkohoito',
      'terveyskeskuksessa', 'Ystävällisin terveisin', 'Erikoislääkäri')),
    ('fi', 'LASKU\nLaskun numero: 5531\nLaskun päivämäärä: 12.4.2024\nAsiakas: Timo Nieminen, '
     'Kauppakatu 9, 40100 Jyväskylä\nTuote: Ikkunoiden pesu, Työn osuus\nVeroton hinta: 400,00 '
     '€\nArvonlisävero 24 %: 96,00 €\nYhteensä: 496,00 €\nEräpäivä: 26.4.2024\nViitenumero: '
     '12345',
     ('Timo Nieminen', 'Kauppakatu 9', '40100'),
     ('LASKU', 'Laskun numero', 'Laskun päivämäärä', 'Asiakas', 'Ikkunoiden pesu',
      'Työn osuus', 'Veroton hinta', 'Arvonlisävero', 'Yhteensä', 'Eräpäivä', 'Viitenumero')),
    ('fi', 'TYÖSOPIMUS\nTyönantaja: Rakennus Oy Pohjola\nTyöntekijä: Elina Salminen\nTyön '
     'alkamispäivä: 1.6.2024\nKoeaika: neljä kuukautta\nTehtävät: projektisihteeri\nPalkka: '
     '3 100 euroa kuukaudessa\nVuosiloma: vuosilomalain mukaan\nIrtisanomisaika: '
     'työehtosopimuksen mukaan',
     ('Elina Salminen',),
     ('TYÖSOPIMUS', 'Työnantaja', 'Työntekijä', 'Työn alkamispäivä', 'Koeaika', 'Tehtävät',
      'projektisihteeri', 'Palkka', 'Vuosiloma', 'Irtisanomisaika')),
    # --- Czech ---------------------------------------------------------------------------------
    ('cs', 'PROPOUŠTĚCÍ ZPRÁVA\nInterní oddělení, Fakultní nemocnice Olomouc\nPacient: Josef '
     'Procházka, r. č. 450312/123\nDiagnóza při propuštění: Pneumonie, Diabetes mellitus 2. typu\n'
     'Terapie: Amoxicilin 1 g, Metformin 1000 mg\nDoporučení: kontrola u praktického lékaře za '
     'týden.\nOšetřující lékař: MUDr. Lenka Horáková',
     ('Josef Procházka', '450312/123', 'Lenka Horáková'),
     ('PROPOUŠTĚCÍ ZPRÁVA', 'Interní oddělení', 'Diagnóza při propuštění', 'Pneumonie',
      'Diabetes mellitus', 'Terapie', 'Amoxicilin', 'Metformin', 'Doporučení',
      'praktického lékaře', 'Ošetřující lékař')),
    ('cs', 'FAKTURA – DAŇOVÝ DOKLAD č. 2024031\nDodavatel: Elektro Svoboda s.r.o., IČO 27082440\n'
     'Odběratel: Martin Kučera, Nádražní 18, 370 01 České Budějovice\nPředmět plnění: Revize '
     'elektroinstalace\nZáklad daně: 5 000 Kč\nDPH 21 %: 1 050 Kč\nCelkem k úhradě: 6 050 Kč\n'
     'Datum splatnosti: 15. 5. 2024\nZpůsob úhrady: převodem',
     ('Martin Kučera', 'Nádražní 18', '370 01'),
     ('DAŇOVÝ DOKLAD', 'Dodavatel', 'Odběratel', 'Předmět plnění', 'Revize elektroinstalace',
      'Základ daně', 'DPH', 'Celkem k úhradě', 'Datum splatnosti', 'Způsob úhrady',
      'převodem')),
    ('cs', 'ROZSUDEK\nJMÉNEM REPUBLIKY\nOkresní soud v Liberci rozhodl ve věci žalobkyně Hany '
     'Marešové, bytem Husova 5, 460 01 Liberec, proti žalovanému Pavlu Benešovi o zaplacení '
     '48 000 Kč takto:\nI. Žalovaný je povinen zaplatit žalobkyni částku 48 000 Kč s úrokem z '
     'prodlení.\nII. Žalovaný je povinen nahradit žalobkyni náklady řízení.\nOdůvodnění:',
     ('Hany Marešové', 'Husova 5', '460 01', 'Pavlu Benešovi'),
     ('ROZSUDEK', 'JMÉNEM REPUBLIKY', 'žalobkyně', 'žalovanému', 'Žalovaný',
      'úrokem z prodlení', 'náklady řízení', 'Odůvodnění')),
    # --- Romanian ------------------------------------------------------------------------------
    ('ro', 'BILET DE IEȘIRE DIN SPITAL\nSecția Cardiologie, Spitalul Clinic Județean de Urgență '
     'Cluj\nPacient: Gheorghe Munteanu, CNP 1560714120012\nDiagnostic la externare: Cardiopatie '
     'ischemică, Hipertensiune arterială\nTratament recomandat: Aspirină 75 mg, Atorvastatină '
     '20 mg\nRecomandări: control la medicul de familie peste o lună.\nMedic curant: Dr. '
     'Adriana Stoica',
     ('Gheorghe Munteanu', '1560714120012', 'Adriana Stoica'),
     ('BILET DE IEȘIRE DIN SPITAL', 'Secția Cardiologie', 'Diagnostic la externare',
      'Cardiopatie ischemică', 'Hipertensiune arterială', 'Tratament recomandat', 'Aspirină',
      'Atorvastatină', 'Recomandări', 'medicul de familie', 'Medic curant')),
    ('ro', 'FACTURĂ FISCALĂ seria AB nr. 0457\nData emiterii: 20 mai 2024\nFurnizor: Construct '
     'Vest SRL, CUI RO18547290\nCumpărător: Ionuț Dumitrescu, Str. Republicii 33, Timișoara\n'
     'Denumirea produselor sau serviciilor: Montaj gresie și faianță\nValoare fără TVA: '
     '3.200,00 lei\nTVA 19%: 608,00 lei\nTotal de plată: 3.808,00 lei',
     ('Ionuț Dumitrescu', 'Republicii 33'),
     ('FACTURĂ FISCALĂ', 'Data emiterii', 'Furnizor', 'Cumpărător',
      'Denumirea produselor sau serviciilor', 'Montaj gresie și faianță', 'Valoare fără TVA',
      'Total de plată')),
    ('ro', 'CONTRACT INDIVIDUAL DE MUNCĂ\nAngajator: Transilvania Soft SRL, cu sediul în '
     'Cluj-Napoca\nSalariat: Cristina Popa, domiciliată în Str. Horea 12, Cluj-Napoca\nFuncția: '
     'programator\nDurata contractului: nedeterminată\nSalariul de bază brut: 8.500 lei lunar\n'
     'Concediul de odihnă: 21 de zile lucrătoare\nPerioada de probă: 90 de zile',
     ('Cristina Popa', 'Horea 12'),
     ('CONTRACT INDIVIDUAL DE MUNCĂ', 'Angajator', 'Salariat', 'Funcția', 'programator',
      'Durata contractului', 'nedeterminată', 'Salariul de bază brut', 'Concediul de odihnă',
      'zile lucrătoare', 'Perioada de probă')),
    # --- Turkish -------------------------------------------------------------------------------
    ('tr', 'EPİKRİZ\nKlinik: Kardiyoloji Servisi, Ankara Şehir Hastanesi\nHasta Adı Soyadı: Mehmet '
     'Ali Aydın\nT.C. Kimlik No: 10000000146\nYatış Tarihi: 4 Nisan 2024\nTanı: Akut miyokard '
     'enfarktüsü\nTedavi: Klopidogrel 75 mg, Atorvastatin 40 mg, Metoprolol 50 mg\nÖneriler: '
     'Kardiyoloji polikliniğine bir ay sonra kontrol.\nSorumlu Hekim: Uzm. Dr. Zeynep Arslan',
     ('Mehmet Ali Aydın', '10000000146', 'Zeynep Arslan'),
     ('EPİKRİZ', 'Kardiyoloji Servisi', 'Hasta Adı Soyadı', 'Yatış Tarihi', 'Tanı',
      'Akut miyokard enfarktüsü', 'Tedavi', 'Klopidogrel', 'Öneriler', 'polikliniğine',
      'Sorumlu Hekim')),
    ('tr', 'FATURA\nFatura No: ABC2024000001234\nFatura Tarihi: 12.05.2024\nSatıcı: Demir İnşaat '
     'Ltd. Şti., Vergi Dairesi: Kadıköy\nAlıcı: Emre Koç, Bağdat Cad. No: 45, Kadıköy\n'
     'Mal/Hizmet: Boya badana işçiliği\nKDV %20: 2.000,00 TL\nGenel Toplam: 12.000,00 TL\n'
     'Ödeme Şekli: Havale',
     ('Emre Koç', 'Bağdat Cad. No: 45'),
     ('Fatura Tarihi', 'Satıcı', 'Vergi Dairesi', 'Alıcı', 'Mal/Hizmet',
      'Boya badana işçiliği', 'KDV', 'Genel Toplam', 'Ödeme Şekli', 'Havale')),
    ('tr', 'T.C.\nİSTANBUL 12. İŞ MAHKEMESİ\nKARAR\nDAVACI: Selin Yurt\nVEKİLİ: Av. Burak Şimşek\n'
     'DAVALI: Marmara Tekstil A.Ş.\nDAVA: İşçilik alacağı\nGEREĞİ DÜŞÜNÜLDÜ: Davanın kabulü ile '
     'kıdem tazminatı ve ihbar tazminatının davalıdan tahsiline karar verildi.',
     ('Selin Yurt', 'Burak Şimşek'),
     ('KARAR', 'DAVACI', 'VEKİLİ', 'DAVALI', 'İşçilik alacağı', 'GEREĞİ DÜŞÜNÜLDÜ',
      'Davanın kabulü', 'kıdem tazminatı', 'ihbar tazminatının')),
    # --- Russian -------------------------------------------------------------------------------
    ('ru', 'ВЫПИСНОЙ ЭПИКРИЗ\nОтделение: Кардиологическое отделение, ГКБ № 15\nПациент: Смирнов '
     'Алексей Петрович, 1956 г.р.\nДиагноз: Ишемическая болезнь сердца. Стенокардия напряжения.\n'
     'Лечение: Аспирин 100 мг, Бисопролол 5 мг, Аторвастатин 20 мг\nРекомендации: наблюдение у '
     'терапевта по месту жительства.\nЛечащий врач: Кузнецова Ольга Викторовна',
     ('Смирнов Алексей Петрович', 'Кузнецова Ольга Викторовна'),
     ('ВЫПИСНОЙ ЭПИКРИЗ', 'Отделение', 'Кардиологическое отделение', 'Диагноз',
      'Ишемическая болезнь сердца', 'Стенокардия напряжения', 'Лечение', 'Аспирин',
      'Бисопролол', 'Аторвастатин', 'Рекомендации', 'терапевта', 'Лечащий врач')),
    ('ru', 'ДОГОВОР АРЕНДЫ КВАРТИРЫ\nг. Москва\nАрендодатель: Иванова Мария Сергеевна, паспорт '
     '4510 123456\nАрендатор: Петров Дмитрий Андреевич\nПредмет договора: квартира по адресу '
     'ул. Тверская, д. 12, кв. 45\nАрендная плата: 60 000 рублей в месяц\nСрок действия '
     'договора: 11 месяцев\nОбязанности сторон',
     ('Иванова Мария Сергеевна', '4510 123456', 'Петров Дмитрий Андреевич'),
     ('ДОГОВОР АРЕНДЫ КВАРТИРЫ', 'Арендодатель', 'Арендатор', 'Предмет договора',
      'Арендная плата', 'Срок действия договора', 'Обязанности сторон')),
    ('ru', 'РЕШЕНИЕ\nИМЕНЕМ РОССИЙСКОЙ ФЕДЕРАЦИИ\nМещанский районный суд города Москвы рассмотрел '
     'гражданское дело по иску Соколовой Натальи Игоревны к ООО «Вектор» о взыскании заработной '
     'платы.\nУСТАНОВИЛ:\nИстец работала в должности бухгалтера.\nРЕШИЛ:\nИсковые требования '
     'удовлетворить.',
     ('Соколовой Натальи Игоревны',),
     ('РЕШЕНИЕ', 'ИМЕНЕМ РОССИЙСКОЙ ФЕДЕРАЦИИ', 'гражданское дело',
      'взыскании заработной платы', 'УСТАНОВИЛ', 'Истец', 'бухгалтера', 'РЕШИЛ',
      'Исковые требования')),
    ('ru', 'СЧЁТ НА ОПЛАТУ № 318 от 5 марта 2024 г.\nПоставщик: ИП Волков Сергей Николаевич, ИНН '
     '773412345678\nПокупатель: ООО «Северный ветер»\nНаименование товара: Ремонт офисной '
     'техники\nИтого: 24 000 руб.\nВ том числе НДС: 4 000 руб.\nВсего к оплате: 24 000 руб.\n'
     'Руководитель, Бухгалтер',
     ('Волков Сергей Николаевич', '773412345678'),
     ('СЧЁТ НА ОПЛАТУ', 'Поставщик', 'Покупатель', 'Наименование товара',
      'Ремонт офисной техники', 'Итого', 'В том числе НДС', 'Всего к оплате', 'Руководитель',
      'Бухгалтер')),
    # --- Arabic --------------------------------------------------------------------------------
    ('ar', 'تقرير خروج المريض\nالقسم: قسم الباطنة، مستشفى الملك فهد\nاسم المريض: خالد عبد الله '
     'العتيبي\nرقم الملف الطبي: 884512\nالتشخيص: التهاب رئوي حاد\nالعلاج: أموكسيسيلين 500 ملغ، '
     'باراسيتامول عند الحاجة\nالتوصيات: مراجعة العيادة بعد أسبوعين\nالطبيب المعالج: د. سارة '
     'الحربي',
     ('خالد عبد الله العتيبي', 'سارة الحربي'),
     ('تقرير خروج المريض', 'قسم الباطنة', 'اسم المريض', 'التشخيص', 'التهاب رئوي حاد',
      'العلاج', 'أموكسيسيلين', 'باراسيتامول', 'التوصيات', 'مراجعة العيادة',
      'الطبيب المعالج')),
    ('ar', 'فاتورة ضريبية\nرقم الفاتورة: INV-2024-0311\nتاريخ الإصدار: 15 مارس 2024\nاسم العميل: '
     'محمد يوسف الشمري\nالوصف: صيانة أجهزة التكييف\nالمبلغ قبل الضريبة: 2,000 ريال\nضريبة '
     'القيمة المضافة 15%: 300 ريال\nالإجمالي: 2,300 ريال',
     ('محمد يوسف الشمري',),
     ('فاتورة ضريبية', 'رقم الفاتورة', 'تاريخ الإصدار', 'اسم العميل', 'صيانة أجهزة التكييف',
      'المبلغ قبل الضريبة', 'ضريبة القيمة المضافة', 'الإجمالي')),
    ('ar', 'عقد عمل\nالطرف الأول: شركة النخبة للمقاولات\nالطرف الثاني: أحمد حسن المصري، الجنسية: '
     'مصري\nالمسمى الوظيفي: محاسب\nالراتب الأساسي: 8,000 ريال شهرياً\nمدة العقد: سنتان\nفترة '
     'التجربة: تسعون يوماً\nالإجازة السنوية: ثلاثون يوماً',
     ('أحمد حسن المصري',),
     ('عقد عمل', 'الطرف الأول', 'الطرف الثاني', 'الجنسية', 'المسمى الوظيفي', 'محاسب',
      'الراتب الأساسي', 'مدة العقد', 'فترة التجربة', 'الإجازة السنوية')),
    # --- Chinese -------------------------------------------------------------------------------
    ('zh', '出院小结\n科室：心内科\n姓名：王建国  性别：男  年龄：67岁\n住院号：20240315\n入院诊断：'
     '冠状动脉粥样硬化性心脏病\n出院医嘱：阿司匹林 100mg 每日一次，阿托伐他汀 20mg 每晚一次\n'
     '主治医师：李晓梅',
     ('王建国', '李晓梅'),
     ('出院小结', '科室', '心内科', '住院号', '入院诊断', '冠状动脉粥样硬化性心脏病', '出院医嘱',
      '阿司匹林', '阿托伐他汀', '主治医师')),
    ('zh', '劳动合同\n甲方（用人单位）：上海明达科技有限公司\n乙方（劳动者）：张丽华\n身份证号码：'
     '110101199003071233\n工作岗位：软件工程师\n合同期限：三年，试用期三个月\n劳动报酬：月工资人民币'
     '一万五千元\n社会保险：甲方依法为乙方缴纳社会保险。',
     ('张丽华', '110101199003071233'),
     ('劳动合同', '甲方', '用人单位', '乙方', '劳动者', '身份证号码', '工作岗位', '软件工程师',
      '合同期限', '试用期', '劳动报酬', '社会保险')),
    ('zh', '北京市朝阳区人民法院\n民事判决书\n原告：刘志强，男，1980年5月12日出生\n被告：北京鑫源物业'
     '管理有限公司\n案由：物业服务合同纠纷\n本院认为，原告的诉讼请求合理。\n判决如下：被告于本判决生效'
     '之日起十日内返还原告押金五千元。\n案件受理费由被告负担。',
     ('刘志强', '1980年5月12日'),
     ('民事判决书', '原告', '被告', '案由', '物业服务合同纠纷', '本院认为', '诉讼请求', '判决如下',
      '押金', '案件受理费')),
    # --- Japanese ------------------------------------------------------------------------------
    ('ja', '診療情報提供書\n紹介先：東京大学医学部附属病院 循環器内科\n患者氏名：佐藤健一 様\n生年月日：'
     '昭和30年4月1日\n傷病名：高血圧症、心房細動\n処方：アムロジピン 5mg、ワルファリン 2mg\n'
     '紹介目的：精査加療のお願い\n紹介元医師：田中美穂',
     ('佐藤健一', '昭和30年4月1日', '田中美穂'),
     ('診療情報提供書', '紹介先', '循環器内科', '患者氏名', '傷病名', '高血圧症', '心房細動', '処方',
      'アムロジピン', 'ワルファリン', '紹介目的', '精査加療', '紹介元医師')),
    ('ja', '請求書\n請求番号：INV-0425\n発行日：2024年4月25日\n株式会社山田商事 御中\nご担当：鈴木一郎 '
     '様\n品名：ウェブサイト保守費用（4月分）\n小計：100,000円\n消費税（10%）：10,000円\n合計金額：'
     '110,000円\nお支払期限：2024年5月31日\n振込先：みずほ銀行 渋谷支店 普通 1234567',
     ('鈴木一郎', '1234567'),
     ('請求書', '請求番号', '発行日', '品名', 'ウェブサイト保守費用', '小計', '消費税', '合計金額',
      'お支払期限', '振込先')),
    ('ja', '雇用契約書\n雇用主：株式会社グリーンフーズ\n従業員：高橋さくら\n就業場所：本社営業部\n'
     '業務内容：営業事務\n契約期間：期間の定めなし\n賃金：月給250,000円\n休日：土曜日、日曜日、祝日\n'
     '年次有給休暇：労働基準法による',
     ('高橋さくら',),
     ('雇用契約書', '雇用主', '従業員', '就業場所', '本社営業部', '業務内容', '営業事務', '契約期間',
      '賃金', '月給', '休日', '土曜日', '年次有給休暇', '労働基準法')),
    # --- Korean --------------------------------------------------------------------------------
    ('ko', '진료의뢰서\n환자 성명: 김민준\n주민등록번호: 850315-1234567\n진단명: 제2형 당뇨병, 고혈압\n'
     '현재 투약: 메트포르민 500mg, 암로디핀 5mg\n의뢰 내용: 내분비내과 정밀 검사 부탁드립니다.\n'
     '의뢰 의사: 박지현',
     ('김민준', '850315-1234567', '박지현'),
     ('진료의뢰서', '환자 성명', '주민등록번호', '진단명', '당뇨병', '고혈압', '현재 투약',
      '메트포르민', '암로디핀', '의뢰 내용', '내분비내과', '정밀 검사', '의뢰 의사')),
    ('ko', '표준근로계약서\n사업주: 주식회사 한빛소프트\n근로자: 이서연\n근로개시일: 2024년 3월 1일\n'
     '근무장소: 본사 개발팀\n업무의 내용: 웹 개발\n임금: 월 3,500,000원\n연차유급휴가: 근로기준법에서 '
     '정하는 바에 따름\n사회보험 적용여부: 고용보험, 산재보험, 국민연금, 건강보험',
     ('이서연',),
     ('표준근로계약서', '사업주', '근로자', '근로개시일', '근무장소', '업무의 내용', '임금',
      '연차유급휴가', '근로기준법', '사회보험 적용여부', '고용보험', '산재보험', '국민연금',
      '건강보험')),
    ('ko', '서울중앙지방법원\n판결\n사건: 2023가단12345 손해배상(기)\n원고: 최영호\n피고: 정수빈\n'
     '주문\n1. 피고는 원고에게 5,000,000원을 지급하라.\n2. 소송비용은 피고가 부담한다.\n이유',
     ('최영호', '정수빈'),
     ('판결', '손해배상', '원고', '피고', '주문', '소송비용', '이유')),
    # --- Hindi ---------------------------------------------------------------------------------
    ('hi', 'डिस्चार्ज सारांश\nविभाग: मेडिसिन विभाग, अखिल भारतीय आयुर्विज्ञान संस्थान\nरोगी का नाम: '
     'राजेश कुमार शर्मा\nआयु: 58 वर्ष\nनिदान: टाइप 2 मधुमेह, उच्च रक्तचाप\nउपचार: मेटफॉर्मिन 500 '
     'मिलीग्राम, एम्लोडिपिन 5 मिलीग्राम\nसलाह: दो सप्ताह बाद ओपीडी में दिखाएँ।\nचिकित्सक: डॉ. '
     'सुनीता वर्मा',
     ('राजेश कुमार शर्मा', 'सुनीता वर्मा'),
     ('डिस्चार्ज सारांश', 'विभाग', 'रोगी का नाम', 'निदान', 'मधुमेह', 'उच्च रक्तचाप', 'उपचार',
      'मेटफॉर्मिन', 'सलाह', 'चिकित्सक')),
    ('hi', 'किराया अनुबंध\nमकान मालिक: श्री अनिल गुप्ता\nकिरायेदार: श्रीमती प्रिया सिंह\nसंपत्ति का '
     'पता: मकान संख्या 24, सेक्टर 15, नोएडा\nमासिक किराया: 18,000 रुपये\nसुरक्षा जमा: दो महीने का '
     'किराया\nअनुबंध की अवधि: ग्यारह महीने',
     ('अनिल गुप्ता', 'प्रिया सिंह'),
     ('किराया अनुबंध', 'मकान मालिक', 'किरायेदार', 'संपत्ति का पता', 'मासिक किराया',
      'सुरक्षा जमा', 'अनुबंध की अवधि')),
    ('hi', 'नियुक्ति पत्र\nप्रिय श्री विकास यादव,\nहमें आपको सहायक प्रबंधक के पद पर नियुक्त करते हुए '
     'प्रसन्नता हो रही है। आपका मासिक वेतन 45,000 रुपये होगा। परिवीक्षा अवधि छह महीने की होगी। कृपया '
     'मानव संसाधन विभाग में अपने दस्तावेज़ जमा करें।\nभवदीय,\nनेहा मिश्रा\nमानव संसाधन प्रबंधक',
     ('विकास यादव', 'नेहा मिश्रा'),
     ('नियुक्ति पत्र', 'सहायक प्रबंधक', 'मासिक वेतन', 'परिवीक्षा अवधि', 'मानव संसाधन विभाग',
      'दस्तावेज़', 'भवदीय', 'मानव संसाधन प्रबंधक')),
    # --- English requests about such a document ------------------------------------------------
    ('mixed', 'Translate the following German discharge letter into English and keep the drug '
     'names:\nEntlassungsbrief – Patient Herr Wolfgang Schäfer, geb. 14.08.1939. Diagnose: '
     'Herzinsuffizienz NYHA III. Medikation: Torasemid 10 mg, Spironolacton 25 mg.',
     ('Wolfgang Schäfer', '14.08.1939'),
     ('German', 'English', 'Entlassungsbrief', 'Diagnose', 'Herzinsuffizienz', 'Medikation',
      'Torasemid', 'Spironolacton')),
    ('mixed', 'Summarise in French: the Dutch court ruling below concerns the tenancy of Mr '
     'Jeroen Visser at Prinsengracht 263, Amsterdam. "De kantonrechter veroordeelt gedaagde tot '
     'betaling van de huurachterstand."',
     ('Jeroen Visser', 'Prinsengracht 263'),
     ('French', 'Dutch', 'kantonrechter', 'gedaagde', 'huurachterstand')),
    ('mixed', 'Is this Spanish invoice correct? The Portuguese supplier charged IVA twice.\n'
     'FACTURA 118 – Cliente: Marta Gómez Vidal – Base imponible 900 € – IVA 21% – Total 1.089 €',
     ('Marta Gómez Vidal',),
     ('Spanish', 'Portuguese', 'FACTURA', 'Cliente', 'Base imponible', 'IVA')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
