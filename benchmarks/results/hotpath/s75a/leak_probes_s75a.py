"""Held-out probe prompts for over-masking in documents that are not in English, written before
round s75a changed the detector (so that its fixes are not fitted to them): pharmacy labels,
school reports, insurance claims, customs declarations, job offers, utility bills, notary
deeds, police statements and laboratory requests in German, French, Spanish, Italian,
Portuguese (Portugal and Brazil), Dutch, Polish, Swedish, Danish, Finnish, Czech, Romanian,
Turkish, Russian, Arabic, Chinese, Japanese, Korean and Hindi, and a few English requests about
such a document. Each keeps its headings (some in capitals), form labels before a colon,
section titles, drug and test names, roles, departments and legal terms, with made-up values:
persons after their labels and titles, addresses, ids, dates of birth, IBANs and phones. The
words that must stay are the document's own vocabulary. Same shape and harness as
``s73a/leak_probes_s73a.py``:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s75a/leak_probes_s75a.py \
        learned|spacy [--show]

All values are made up; checksums are valid where the id has one (IBAN, PESEL,
personnummer, henkilötunnus, rodné číslo, CNP, TC Kimlik, CPF, BSN, DNI, codice fiscale,
Portuguese NIF, resident identity card of China, Korean resident registration number).
"""

# ruff: noqa: E501  (the Chinese, Japanese and Korean prompts: a wide character counts twice)
from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- German --------------------------------------------------------------------------------
    ('de', 'APOTHEKE AM MARKTPLATZ\nAbgabeetikett\nPatientin: Frau Gisela Obermeier\nArzneimittel: '
     'Metoprololsuccinat 47,5 mg Retardtabletten\nDosierung: morgens eine Tablette unzerkaut '
     'einnehmen\nAufbewahrung: Nicht über 25 °C lagern\nVerordnender Arzt: Dr. Hartmut Wiesner\n'
     'Rückfragen: 0221 4477120',
     ('Gisela Obermeier', 'Hartmut Wiesner', '0221 4477120'),
     ('APOTHEKE', 'Abgabeetikett', 'Arzneimittel', 'Metoprololsuccinat', 'Retardtabletten',
      'Dosierung', 'Aufbewahrung', 'Verordnender Arzt', 'Rückfragen')),
    ('de', 'Zeugnis\nSchuljahr 2023/24 – 2. Halbjahr\nName: Leonie Baumgartner, geboren am '
     '02.11.2012\nKlasse: 6b\nDeutsch: gut\nMathematik: befriedigend\nBiologie: sehr gut\n'
     'Sozialverhalten: Leonie arbeitet zuverlässig und hilfsbereit mit.\nVersetzungsvermerk: '
     'Versetzt in Klasse 7\nKlassenlehrerin: Ursula Hinrichsen',
     ('Leonie Baumgartner', '02.11.2012', 'Ursula Hinrichsen'),
     ('Zeugnis', 'Schuljahr', 'Halbjahr', 'Klasse', 'Mathematik', 'befriedigend', 'Biologie',
      'Sozialverhalten', 'Versetzungsvermerk', 'Klassenlehrerin')),
    ('de', 'Schadenmeldung Hausratversicherung\nVersicherungsnehmer: Herr Volker Strauß, '
     'Gartenweg 7, 34117 Kassel\nSchadentag: 03.04.2024\nSchadenart: Leitungswasserschaden\n'
     'Schadenhergang: Durch einen Rohrbruch im Badezimmer wurde der Laminatboden beschädigt.\n'
     'Geschätzte Schadenhöhe: 2.800 EUR\nBankverbindung: DE35 3704 0044 0532 0130 99',
     ('Volker Strauß', 'Gartenweg 7', '34117', 'DE35 3704 0044 0532 0130 99'),
     ('Schadenmeldung', 'Hausratversicherung', 'Versicherungsnehmer', 'Schadentag',
      'Schadenart', 'Leitungswasserschaden', 'Schadenhergang', 'Rohrbruch', 'Badezimmer',
      'Laminatboden', 'Geschätzte Schadenhöhe', 'Bankverbindung')),
    # --- French --------------------------------------------------------------------------------
    ('fr', 'BULLETIN SCOLAIRE\nTroisième trimestre\nÉlève : Manon Lefèvre-Garnier\nNée le : '
     '17/09/2010\nFrançais : 14,5 – Bon travail, participation active\nMathématiques : 11 – '
     'Des efforts à poursuivre\nHistoire-Géographie : 15\nAppréciation générale : Élève sérieuse.'
     '\nLe professeur principal : M. Olivier Dumoulin',
     ('Manon Lefèvre-Garnier', '17/09/2010', 'Olivier Dumoulin'),
     ('BULLETIN SCOLAIRE', 'Troisième trimestre', 'Élève', 'Français', 'Mathématiques',
      'Histoire-Géographie', 'Appréciation générale', 'professeur principal')),
    ('fr', 'Déclaration de sinistre\nAssuré : Monsieur Thierry Vasseur\nAdresse : 18 rue des '
     'Tanneurs, 59000 Lille\nNuméro de contrat : HAB-778812\nDate du sinistre : 22 janvier 2024\n'
     'Nature du sinistre : Dégât des eaux\nCirconstances : Fuite du chauffe-eau dans la '
     'buanderie.\nRèglement par virement sur FR75 3000 3021 9700 0205 4321 K76',
     ('Thierry Vasseur', '18 rue des Tanneurs', '59000', 'FR75 3000 3021 9700 0205 4321 K76'),
     ('Déclaration de sinistre', 'Assuré', 'Adresse', 'Numéro de contrat', 'Date du sinistre',
      'Nature du sinistre', 'Dégât des eaux', 'Circonstances', 'chauffe-eau', 'buanderie',
      'Règlement par virement')),
    ('fr', "Procès-verbal d'audition\nCommissariat de police de Nantes\nL'an deux mille "
     "vingt-quatre, le 9 mars, devant nous, Brigadier-chef Sandrine Mallet, a comparu :\n"
     'Nom : ROUSSEL Prénom : Fabrice\nNé le 04/06/1983 à Angers\nDemeurant 7 allée des Pins, '
     '44300 Nantes\nDéclare : Mon véhicule a été fracturé pendant la nuit.\nLecture faite, '
     'persiste et signe.',
     ('Sandrine Mallet', 'ROUSSEL', 'Fabrice', '04/06/1983', '7 allée des Pins'),
     ("Procès-verbal d'audition", 'Commissariat de police', 'Brigadier-chef', 'a comparu',
      'Demeurant', 'Déclare', 'véhicule', 'fracturé', 'Lecture faite', 'persiste et signe')),
    # --- Spanish -------------------------------------------------------------------------------
    ('es', 'RECETA MÉDICA\nFarmacia Central – Dispensación\nPaciente: Rocío Villanueva Prieto\n'
     'DNI: 48291736Q\nMedicamento: Omeprazol 20 mg cápsulas duras\nPosología: una cápsula en '
     'ayunas durante 28 días\nPrescriptor: Dr. Ignacio Sáez Lorente\nFecha de dispensación: '
     '12/02/2024',
     ('Rocío Villanueva Prieto', '48291736Q', 'Ignacio Sáez Lorente'),
     ('RECETA MÉDICA', 'Farmacia Central', 'Dispensación', 'Paciente', 'Medicamento',
      'Omeprazol', 'cápsulas duras', 'Posología', 'ayunas', 'Prescriptor',
      'Fecha de dispensación')),
    ('es', 'OFERTA DE EMPLEO\nPuesto: Técnico de Mantenimiento Industrial\nUbicación: Polígono '
     'Industrial de Getafe\nFunciones: Mantenimiento preventivo y correctivo de maquinaria\n'
     'Requisitos: Ciclo Formativo de Grado Superior, carnet de conducir\nSe ofrece: Contrato '
     'indefinido, jornada completa\nPersona de contacto: Montserrat Ribas Ferrer, teléfono '
     '612 345 987',
     ('Montserrat Ribas Ferrer', '612 345 987'),
     ('OFERTA DE EMPLEO', 'Puesto', 'Técnico de Mantenimiento Industrial', 'Funciones',
      'Mantenimiento preventivo', 'maquinaria', 'Requisitos', 'Ciclo Formativo de Grado Superior',
      'carnet de conducir', 'Contrato indefinido', 'jornada completa')),
    ('es', 'FACTURA DE SUMINISTRO ELÉCTRICO\nTitular del contrato: Anselmo Quintana Robles\n'
     'Dirección de suministro: Calle Alcalá 245, 3º B, 28028 Madrid\nPeriodo de facturación: del '
     '01/03/2024 al 31/03/2024\nTérmino de potencia: 12,40 €\nTérmino de energía: 48,75 €\n'
     'Impuesto eléctrico: 3,13 €\nDomiciliación bancaria: ES60 0049 1500 0512 3456 7892',
     ('Anselmo Quintana Robles', 'Calle Alcalá 245', '28028', 'ES60 0049 1500 0512 3456 7892'),
     ('FACTURA DE SUMINISTRO ELÉCTRICO', 'Titular del contrato', 'Dirección de suministro',
      'Periodo de facturación', 'Término de potencia', 'Término de energía',
      'Impuesto eléctrico', 'Domiciliación bancaria')),
    # --- Italian -------------------------------------------------------------------------------
    ('it', 'RICHIESTA DI ESAMI DI LABORATORIO\nAssistito: Sig.ra Carla Pellegrini\nCodice '
     'fiscale: BNCLRA90A41F205I\nPrestazioni richieste: Emocromo completo, Glicemia, '
     'Colesterolo totale, Creatinina, Transaminasi\nQuesito diagnostico: Controllo annuale\n'
     'Medico prescrittore: Dott. Fabrizio Santoro',
     ('Carla Pellegrini', 'BNCLRA90A41F205I', 'Fabrizio Santoro'),
     ('RICHIESTA DI ESAMI DI LABORATORIO', 'Assistito', 'Prestazioni richieste',
      'Emocromo completo', 'Glicemia', 'Colesterolo totale', 'Creatinina', 'Transaminasi',
      'Quesito diagnostico', 'Controllo annuale', 'Medico prescrittore')),
    ('it', 'Bolletta Gas Naturale\nIntestatario: Gianluca Moretti\nIndirizzo di fornitura: Via '
     'Garibaldi 42, 10122 Torino\nPeriodo di riferimento: gennaio – febbraio 2024\nConsumo '
     'rilevato: 312 Smc\nSpesa per la materia gas: 287,40 €\nOneri di sistema: 21,10 €\nTotale '
     'da pagare: 354,80 €\nAddebito su IT19 A030 6909 6061 0000 0063 728',
     ('Gianluca Moretti', 'Via Garibaldi 42', '10122', 'IT19 A030 6909 6061 0000 0063 728'),
     ('Bolletta Gas Naturale', 'Intestatario', 'Indirizzo di fornitura',
      'Periodo di riferimento', 'Consumo rilevato', 'Spesa per la materia gas',
      'Oneri di sistema', 'Totale da pagare', 'Addebito')),
    ('it', 'Atto di compravendita\nRepertorio n. 45.218 – Raccolta n. 12.904\nDavanti a me, '
     'Notaio Alberto Ferraris, sono presenti:\nil signor Enrico Galli, nato a Bergamo il '
     '10/12/1985, codice fiscale RSSMRA85T10A562S, in qualità di venditore;\nla Parte '
     'acquirente, che dichiara di conoscere lo stato dell\'immobile.\nPrezzo: euro 210.000.',
     ('Alberto Ferraris', 'Enrico Galli', '10/12/1985', 'RSSMRA85T10A562S'),
     ('Atto di compravendita', 'Repertorio', 'Raccolta', 'Davanti a me', 'Notaio',
      'venditore', 'Parte acquirente', "stato dell'immobile", 'Prezzo')),
    # --- Portuguese (Portugal) -----------------------------------------------------------------
    ('pt', 'FARMÁCIA SÃO JOÃO\nRótulo de dispensa\nUtente: Graça Ferreira Nunes\nMedicamento: '
     'Amoxicilina + Ácido clavulânico 875 mg\nPosologia: um comprimido de 12 em 12 horas '
     'durante 8 dias\nAdvertências: Tomar às refeições\nFarmacêutico responsável: Dr. Rui '
     'Carvalhal',
     ('Graça Ferreira Nunes', 'Rui Carvalhal'),
     ('FARMÁCIA', 'Rótulo de dispensa', 'Utente', 'Medicamento', 'Amoxicilina',
      'Ácido clavulânico', 'Posologia', 'comprimido', 'Advertências', 'Tomar às refeições',
      'Farmacêutico responsável')),
    ('pt', 'ESCRITURA DE COMPRA E VENDA\nNo Cartório Notarial de Braga, perante mim, Notária '
     'Helena Queirós, compareceram:\nPrimeira Outorgante: Lurdes Amaral Teixeira, NIF 234567899,'
     ' residente na Rua de São Vicente 58, Braga\nSegundo Outorgante: Vasco Pinheiro Lobo\n'
     'Disseram os outorgantes que celebram o presente contrato de compra e venda.',
     ('Helena Queirós', 'Lurdes Amaral Teixeira', '234567899', 'Rua de São Vicente 58',
      'Vasco Pinheiro Lobo'),
     ('ESCRITURA DE COMPRA E VENDA', 'Cartório Notarial', 'Notária', 'compareceram',
      'Primeira Outorgante', 'Segundo Outorgante', 'outorgantes', 'contrato de compra e venda')),
    ('pt', 'Participação de sinistro automóvel\nTomador do seguro: Sérgio Antunes Rocha\n'
     'Apólice: AU-5521-884\nLocal do acidente: Avenida da Boavista, Porto\nDescrição: Colisão '
     'traseira num semáforo\nDanos: para-choques e farolim traseiro\nContacto: 912 448 305\n'
     'IBAN para indemnização: PT40 0033 0000 4521 6382 7360 5',
     ('Sérgio Antunes Rocha', '912 448 305', 'PT40 0033 0000 4521 6382 7360 5'),
     ('Participação de sinistro automóvel', 'Tomador do seguro', 'Apólice',
      'Local do acidente', 'Descrição', 'Colisão traseira', 'semáforo', 'Danos',
      'para-choques', 'farolim traseiro', 'IBAN para indemnização')),
    # --- Portuguese (Brazil) -------------------------------------------------------------------
    ('br', 'BOLETIM ESCOLAR\nAluno: Enzo Gabriel Tavares\nData de nascimento: 21/05/2011\nTurma: '
     '7º ano B\nLíngua Portuguesa: 8,5\nMatemática: 7,0\nCiências: 9,0\nFrequência: 96%\n'
     'Observações: O aluno demonstra interesse e boa convivência com os colegas.\nCoordenadora '
     'pedagógica: Simone Albuquerque',
     ('Enzo Gabriel Tavares', '21/05/2011', 'Simone Albuquerque'),
     ('BOLETIM ESCOLAR', 'Aluno', 'Data de nascimento', 'Turma', 'Língua Portuguesa',
      'Matemática', 'Ciências', 'Frequência', 'Observações', 'Coordenadora pedagógica')),
    ('br', 'BOLETIM DE OCORRÊNCIA\nDelegacia de Polícia de Campinas\nNatureza: Furto de '
     'veículo\nVítima: Rodrigo Matos Figueiredo, CPF 529.982.247-25\nEndereço: Rua Barão de '
     'Jaguara 1120, Campinas\nHistórico: A vítima relata que estacionou o automóvel e, ao '
     'retornar, não o encontrou.\nEscrivão: Márcio Leal',
     ('Rodrigo Matos Figueiredo', '529.982.247-25', 'Rua Barão de Jaguara 1120', 'Márcio Leal'),
     ('BOLETIM DE OCORRÊNCIA', 'Delegacia de Polícia', 'Natureza', 'Furto de veículo',
      'Vítima', 'Endereço', 'Histórico', 'estacionou o automóvel', 'Escrivão')),
    ('br', 'Proposta de Emprego\nPrezado Thiago Nogueira,\nTemos o prazer de oferecer-lhe a vaga '
     'de Analista Financeiro Pleno.\nSalário: R$ 7.800,00 mensais\nBenefícios: vale-refeição, '
     'plano de saúde, participação nos lucros\nRegime: CLT, 44 horas semanais\nInício: 1º de '
     'julho\nAtenciosamente,\nRecursos Humanos',
     ('Thiago Nogueira',),
     ('Proposta de Emprego', 'Analista Financeiro Pleno', 'Salário', 'Benefícios',
      'vale-refeição', 'plano de saúde', 'participação nos lucros', 'Regime', 'Início',
      'Atenciosamente', 'Recursos Humanos')),
    # --- Dutch ---------------------------------------------------------------------------------
    ('nl', 'Labaanvraagformulier\nPatiënt: mevrouw Ingrid Verbruggen\nGeboortedatum: 08-02-1967\n'
     'BSN: 123456782\nGevraagde bepalingen: Hemoglobine, Bezinking, Glucose nuchter, TSH, '
     'Vitamine D\nKlinische gegevens: Vermoeidheid sinds drie maanden\nAanvragend arts: dr. '
     'Pieter Wolters, huisartsenpraktijk De Linde',
     ('Ingrid Verbruggen', '08-02-1967', '123456782', 'Pieter Wolters'),
     ('Labaanvraagformulier', 'Geboortedatum', 'Gevraagde bepalingen', 'Hemoglobine',
      'Bezinking', 'Glucose nuchter', 'Klinische gegevens', 'Vermoeidheid', 'Aanvragend arts',
      'huisartsenpraktijk')),
    ('nl', 'Jaarafrekening Energie\nKlantnaam: Sander Kuipers\nLeveringsadres: Lindenlaan 31, '
     '3521 AB Utrecht\nVerbruik elektriciteit: 2.840 kWh\nVerbruik gas: 1.120 m³\nTotaal '
     'termijnbedragen: 1.560,00 euro\nTe ontvangen: 84,20 euro\nWij storten het bedrag op '
     'NL81 RABO 0312 3456 78.',
     ('Sander Kuipers', 'Lindenlaan 31', '3521 AB', 'NL81 RABO 0312 3456 78'),
     ('Jaarafrekening Energie', 'Klantnaam', 'Leveringsadres', 'Verbruik elektriciteit',
      'Verbruik gas', 'Totaal termijnbedragen', 'Te ontvangen', 'storten het bedrag')),
    ('nl', 'Proces-verbaal van aangifte\nPolitie Eenheid Rotterdam\nAangever: Dirk-Jan Hoekstra, '
     'geboren 14-09-1978\nWoonadres: Kruiskade 12, Rotterdam\nPlaats delict: fietsenstalling '
     'station Blaak\nOmschrijving: Mijn elektrische fiets is gestolen.\nVerbalisant: hoofdagent '
     'Esther Bakker',
     ('Dirk-Jan Hoekstra', '14-09-1978', 'Kruiskade 12', 'Esther Bakker'),
     ('Proces-verbaal van aangifte', 'Politie Eenheid', 'Aangever', 'Woonadres',
      'Plaats delict', 'fietsenstalling', 'Omschrijving', 'elektrische fiets', 'Verbalisant',
      'hoofdagent')),
    # --- Polish --------------------------------------------------------------------------------
    ('pl', 'SKIEROWANIE NA BADANIA LABORATORYJNE\nPacjent: Bożena Wróblewska\nPESEL: '
     '72030512345\nZlecone badania: Morfologia krwi, Lipidogram, Hemoglobina glikowana, '
     'Kreatynina, Próby wątrobowe\nRozpoznanie wstępne: Cukrzyca typu 2\nLekarz kierujący: lek. '
     'Grzegorz Pawlak\nPoradnia Podstawowej Opieki Zdrowotnej',
     ('Bożena Wróblewska', '72030512345', 'Grzegorz Pawlak'),
     ('SKIEROWANIE NA BADANIA LABORATORYJNE', 'Zlecone badania', 'Morfologia krwi',
      'Lipidogram', 'Hemoglobina glikowana', 'Kreatynina', 'Próby wątrobowe',
      'Rozpoznanie wstępne', 'Cukrzyca', 'Lekarz kierujący',
      'Poradnia Podstawowej Opieki Zdrowotnej')),
    ('pl', 'ŚWIADECTWO SZKOLNE\nUczeń: Kacper Jabłoński, urodzony 23.11.2011\nKlasa: szósta\n'
     'Oceny roczne:\nJęzyk polski: dobry\nMatematyka: bardzo dobry\nPrzyroda: celujący\n'
     'Zachowanie: wzorowe\nUczeń otrzymuje promocję do klasy siódmej.\nWychowawczyni: Danuta '
     'Sikorska',
     ('Kacper Jabłoński', '23.11.2011', 'Danuta Sikorska'),
     ('ŚWIADECTWO SZKOLNE', 'Uczeń', 'Oceny roczne', 'Język polski', 'Matematyka',
      'bardzo dobry', 'Przyroda', 'celujący', 'Zachowanie', 'wzorowe', 'promocję',
      'Wychowawczyni')),
    ('pl', 'Rachunek za wodę i ścieki\nOdbiorca usług: Zbigniew Kołodziej\nAdres: ul. Lipowa 17/4,'
     ' 20-020 Lublin\nOkres rozliczeniowy: 01.01.2024 – 31.03.2024\nZużycie wody: 18 m³\n'
     'Opłata abonamentowa: 12,30 zł\nDo zapłaty: 246,90 zł\nNumer rachunku do wpłat: PL66 1140 '
     '2004 0000 3202 0341 2345',
     ('Zbigniew Kołodziej', 'ul. Lipowa 17/4', '20-020', 'PL66 1140 2004 0000 3202 0341 2345'),
     ('Rachunek za wodę i ścieki', 'Odbiorca usług', 'Okres rozliczeniowy', 'Zużycie wody',
      'Opłata abonamentowa', 'Do zapłaty', 'Numer rachunku do wpłat')),
    # --- Swedish -------------------------------------------------------------------------------
    ('sv', 'Apoteksetikett\nApoteket Hjärtat, Uppsala\nPatient: Birgitta Lindqvist\n'
     'Läkemedel: Alvedon 500 mg filmdragerade tabletter\nDosering: 1–2 tabletter vid behov, '
     'högst 8 tabletter per dygn\nFörskrivare: Leg. läkare Magnus Holmberg\nUttag: 1 av 3',
     ('Birgitta Lindqvist', 'Magnus Holmberg'),
     ('Apoteksetikett', 'Läkemedel', 'Alvedon', 'filmdragerade tabletter', 'Dosering',
      'vid behov', 'Förskrivare', 'läkare', 'Uttag')),
    ('sv', 'Skadeanmälan hemförsäkring\nFörsäkringstagare: Johan Sjöberg, personnummer '
     '850714-1235\nAdress: Storgatan 22, 903 26 Umeå\nSkadedatum: 2024-02-11\nSkadehändelse: '
     'Inbrott i förrådet, cykel och verktyg stulna\nPolisanmälan: gjord\nErsättning önskas till '
     'kontonummer SE81 6000 0000 0000 9123 4567',
     ('Johan Sjöberg', '850714-1235', 'Storgatan 22', '903 26',
      'SE81 6000 0000 0000 9123 4567'),
     ('Skadeanmälan', 'hemförsäkring', 'Försäkringstagare', 'Skadedatum', 'Skadehändelse',
      'Inbrott', 'förrådet', 'verktyg', 'Polisanmälan', 'Ersättning')),
    ('sv', 'Anställningserbjudande\nHej Elin Forsberg,\nVi erbjuder dig tjänsten som '
     'Projektledare på avdelningen för Samhällsbyggnad.\nTillträde: 1 september 2024\n'
     'Månadslön: 46 000 kronor\nSemester: 25 dagar per år\nProvanställning: sex månader\n'
     'Med vänliga hälsningar\nPersonalchef',
     ('Elin Forsberg',),
     ('Anställningserbjudande', 'Projektledare', 'Samhällsbyggnad', 'Tillträde',
      'Månadslön', 'Semester', 'Provanställning', 'Personalchef')),
    # --- Danish --------------------------------------------------------------------------------
    ('da', 'Henvisning til blodprøver\nPatient: Mette Kragh Johannsen\nCPR-nummer: 140785-1234\n'
     'Ønskede analyser: Hæmoglobin, Leukocytter, Kolesterol, Levertal, Nyretal\nKlinisk '
     'information: Træthed og vægttab\nHenvisende læge: Praktiserende læge Søren Dalgaard',
     ('Mette Kragh Johannsen', '140785-1234', 'Søren Dalgaard'),
     ('Henvisning til blodprøver', 'Ønskede analyser', 'Hæmoglobin', 'Leukocytter',
      'Kolesterol', 'Levertal', 'Nyretal', 'Klinisk information', 'Træthed', 'vægttab',
      'Henvisende læge', 'Praktiserende læge')),
    ('da', 'ÅRSOPGØRELSE VARME\nForbruger: Anders Overgaard\nForbrugssted: Vesterbrogade 140, '
     '1620 København V\nAflæsning: 31.12.2023\nForbrug: 9,8 MWh\nFast afgift: 1.850 kr.\n'
     'Tilgodehavende: 640 kr.\nBeløbet indsættes på DK29 3000 0001 2345 67',
     ('Anders Overgaard', 'Vesterbrogade 140', '1620', 'DK29 3000 0001 2345 67'),
     ('ÅRSOPGØRELSE VARME', 'Forbruger', 'Forbrugssted', 'Aflæsning', 'Forbrug',
      'Fast afgift', 'Tilgodehavende', 'indsættes')),
    ('da', 'Skøde\nUndertegnede sælger, Jytte Mikkelsen, overdrager hermed ejendommen '
     'matr.nr. 14b til køberen, Lasse Bech.\nKøbesum: 2.450.000 kr.\nOvertagelsesdag: 1. '
     'august 2024\nTinglysning: Køberen betaler tinglysningsafgiften.\nUnderskrifter',
     ('Jytte Mikkelsen', 'Lasse Bech'),
     ('Skøde', 'Undertegnede sælger', 'overdrager', 'ejendommen', 'Købesum',
      'Overtagelsesdag', 'Tinglysning', 'tinglysningsafgiften', 'Underskrifter')),
    # --- Finnish -------------------------------------------------------------------------------
    ('fi', 'Laboratoriolähete\nPotilas: Sirpa Lehtonen, henkilötunnus 140785-123K\n'
     'Tutkimukset: Perusverenkuva, Kolesteroli, Kreatiniini, Sokerihemoglobiini\n'
     'Kliiniset tiedot: Väsymys ja janon tunne\nLähettävä lääkäri: Jukka Rantanen\n'
     'Näytteenotto: paastonäyte aamulla',
     ('Sirpa Lehtonen', '140785-123K', 'Jukka Rantanen'),
     ('Laboratoriolähete', 'Tutkimukset', 'Perusverenkuva', 'Kolesteroli', 'Kreatiniini',
      'Sokerihemoglobiini', 'Kliiniset tiedot', 'Väsymys', 'Lähettävä lääkäri',
      'Näytteenotto', 'paastonäyte')),
    ('fi', 'Sähkölasku\nAsiakas: Pekka Mäkinen\nKäyttöpaikka: Hämeenkatu 19 B 8, 33200 Tampere\n'
     'Laskutuskausi: 1.1.–31.3.2024\nPerusmaksu: 11,70 €\nEnergiamaksu: 142,35 €\nSiirtomaksu:'
     ' 64,10 €\nEräpäivä: 15.4.2024\nTilinumero: FI81 4005 0010 2835 46',
     ('Pekka Mäkinen', 'Hämeenkatu 19 B 8', '33200', 'FI81 4005 0010 2835 46'),
     ('Sähkölasku', 'Asiakas', 'Käyttöpaikka', 'Laskutuskausi', 'Perusmaksu', 'Energiamaksu',
      'Siirtomaksu', 'Eräpäivä', 'Tilinumero')),
    ('fi', 'Rikosilmoitus\nIlmoittaja: Tuula Karjalainen, puhelin 040 812 3456\nTapahtumapaikka: '
     'kauppakeskuksen pysäköintihalli\nRikosnimike: Vahingonteko\nTapahtumankuvaus: '
     'Autoni sivupeili oli rikottu.\nKuulustelija: rikoskomisario Ville Laaksonen',
     ('Tuula Karjalainen', '040 812 3456', 'Ville Laaksonen'),
     ('Rikosilmoitus', 'Ilmoittaja', 'Tapahtumapaikka', 'pysäköintihalli', 'Rikosnimike',
      'Vahingonteko', 'Tapahtumankuvaus', 'sivupeili', 'Kuulustelija', 'rikoskomisario')),
    # --- Czech ---------------------------------------------------------------------------------
    ('cs', 'ŽÁDANKA O LABORATORNÍ VYŠETŘENÍ\nPacientka: Jana Dvořáková\nRodné číslo: 725305/4567\n'
     'Požadovaná vyšetření: Krevní obraz, Glykémie, Cholesterol, Kreatinin, Jaterní testy\n'
     'Diagnóza: Hypertenze\nOdesílající lékař: MUDr. Radek Kučera\nOdběr: nalačno',
     ('Jana Dvořáková', '725305/4567', 'Radek Kučera'),
     ('ŽÁDANKA O LABORATORNÍ VYŠETŘENÍ', 'Požadovaná vyšetření', 'Krevní obraz', 'Glykémie',
      'Kreatinin', 'Jaterní testy', 'Diagnóza', 'Hypertenze', 'Odesílající lékař', 'Odběr',
      'nalačno')),
    ('cs', 'Vyúčtování dodávky plynu\nZákazník: Miroslav Beneš\nOdběrné místo: Husova 12, 602 00 '
     'Brno\nZúčtovací období: 1. 1. 2023 – 31. 12. 2023\nSpotřeba: 14 200 kWh\nZaplacené zálohy: '
     '18 000 Kč\nPřeplatek: 1 240 Kč bude vrácen na účet CZ22 5500 0000 0012 3456 7899',
     ('Miroslav Beneš', 'Husova 12', '602 00', 'CZ22 5500 0000 0012 3456 7899'),
     ('Vyúčtování dodávky plynu', 'Zákazník', 'Odběrné místo', 'Zúčtovací období', 'Spotřeba',
      'Zaplacené zálohy', 'Přeplatek', 'vrácen na účet')),
    ('cs', 'Úřední záznam\nPolicie České republiky, Obvodní oddělení Praha 2\nOznamovatel: Petr '
     'Novotný, nar. 14.07.1985, bytem Vinohradská 88, Praha\nPředmět oznámení: Krádež '
     'mobilního telefonu v tramvaji\nŠkoda: 12 000 Kč\nZáznam sepsal: prap. Lucie Horáková',
     ('Petr Novotný', '14.07.1985', 'Vinohradská 88', 'Lucie Horáková'),
     ('Úřední záznam', 'Policie České republiky', 'Obvodní oddělení', 'Oznamovatel',
      'Předmět oznámení', 'Krádež', 'mobilního telefonu', 'tramvaji', 'Škoda',
      'Záznam sepsal')),
    # --- Romanian ------------------------------------------------------------------------------
    ('ro', 'BULETIN DE ANALIZE MEDICALE\nPacient: Ioana Dumitrescu\nCNP: 2790305123458\nHemoleucogramă'
     ' completă: în limite normale\nGlicemie: 112 mg/dl\nColesterol total: 245 mg/dl\n'
     'Medic trimițător: Dr. Cristian Munteanu\nLaborator: Recoltare efectuată dimineața',
     ('Ioana Dumitrescu', '2790305123458', 'Cristian Munteanu'),
     ('BULETIN DE ANALIZE MEDICALE', 'Hemoleucogramă completă', 'limite normale', 'Glicemie',
      'Colesterol total', 'Medic trimițător', 'Laborator', 'Recoltare efectuată')),
    ('ro', 'OFERTĂ DE ANGAJARE\nStimate domnule Andrei Popescu,\nVă oferim postul de Inginer '
     'Proiectant în cadrul Departamentului Tehnic.\nSalariu brut: 9.500 lei\nProgram de lucru: '
     'luni – vineri, 8 ore\nBeneficii: tichete de masă, asigurare medicală\nData începerii: 1 '
     'iunie 2024\nCu stimă,\nDirector Resurse Umane',
     ('Andrei Popescu',),
     ('OFERTĂ DE ANGAJARE', 'Inginer Proiectant', 'Departamentului Tehnic', 'Salariu brut',
      'Program de lucru', 'Beneficii', 'tichete de masă', 'asigurare medicală',
      'Data începerii', 'Director Resurse Umane')),
    ('ro', 'Factură energie electrică\nClient: Mihaela Stănescu\nLoc de consum: Str. Republicii '
     '15, Cluj-Napoca\nCod client: 2004519872\nPerioada de facturare: martie 2024\nEnergie '
     'activă: 210 kWh\nAcciză: 3,40 lei\nTotal de plată: 198,60 lei\nCont: RO14 BTRL 0130 1205 '
     'Z123 45XX',
     ('Mihaela Stănescu', 'Str. Republicii 15', 'RO14 BTRL 0130 1205 Z123 45XX'),
     ('Factură energie electrică', 'Loc de consum', 'Cod client', 'Perioada de facturare',
      'Energie activă', 'Acciză', 'Total de plată')),
    # --- Turkish -------------------------------------------------------------------------------
    ('tr', 'REÇETE\nHasta: Ayşe Yıldırım\nT.C. Kimlik No: 12345678950\nTanı: Akut sinüzit\nİlaç: '
     'Amoksisilin 1000 mg tablet, günde iki kez\nKullanım Süresi: 10 gün\nEczacı Notu: Tok '
     'karnına alınız\nHekim: Uzm. Dr. Mehmet Aydın',
     ('Ayşe Yıldırım', '12345678950', 'Mehmet Aydın'),
     ('REÇETE', 'Tanı', 'Akut sinüzit', 'İlaç', 'Amoksisilin', 'günde iki kez',
      'Kullanım Süresi', 'Eczacı Notu', 'Tok karnına')),
    ('tr', 'GÜMRÜK BEYANNAMESİ\nGönderici: Zeynep Arslan, Moda Cad. No: 18, Kadıköy, İstanbul\n'
     'Alıcı Firma: Nordlicht Handel GmbH\nEşya Tanımı: El dokuması halı, 2 adet\nMenşe Ülke: '
     'Türkiye\nBeyan Edilen Değer: 1.450 EUR\nGümrük Tarife Pozisyonu: 5701.10\nTelefon: '
     '0532 418 77 09',
     ('Zeynep Arslan', 'Moda Cad. No: 18', '0532 418 77 09'),
     ('GÜMRÜK BEYANNAMESİ', 'Gönderici', 'Alıcı Firma', 'Eşya Tanımı', 'El dokuması halı',
      'Menşe Ülke', 'Beyan Edilen Değer', 'Gümrük Tarife Pozisyonu')),
    ('tr', 'Karne\nÖğrencinin Adı Soyadı: Emir Çelik\nSınıfı: 5-C\nTürkçe: 85\nMatematik: 92\n'
     'Fen Bilimleri: 88\nSosyal Bilgiler: 79\nDevamsızlık: 2 gün\nDavranış Notu: Çok iyi\n'
     'Sınıf Öğretmeni: Hatice Korkmaz',
     ('Emir Çelik', 'Hatice Korkmaz'),
     ('Karne', 'Öğrencinin Adı Soyadı', 'Sınıfı', 'Türkçe', 'Matematik', 'Fen Bilimleri',
      'Sosyal Bilgiler', 'Devamsızlık', 'Davranış Notu', 'Sınıf Öğretmeni')),
    # --- Russian -------------------------------------------------------------------------------
    ('ru', 'НАПРАВЛЕНИЕ НА ЛАБОРАТОРНОЕ ИССЛЕДОВАНИЕ\nПациент: Кузнецова Ольга Викторовна\nДата '
     'рождения: 12.04.1969\nИсследования: Общий анализ крови, Глюкоза, Холестерин, Креатинин\n'
     'Диагноз: Гипертоническая болезнь\nНаправивший врач: Смирнов Алексей Павлович\n'
     'Забор материала: натощак',
     ('Кузнецова Ольга Викторовна', '12.04.1969', 'Смирнов Алексей Павлович'),
     ('НАПРАВЛЕНИЕ НА ЛАБОРАТОРНОЕ ИССЛЕДОВАНИЕ', 'Исследования', 'Общий анализ крови',
      'Глюкоза', 'Холестерин', 'Креатинин', 'Гипертоническая болезнь', 'Направивший врач',
      'Забор материала', 'натощак')),
    ('ru', 'КВИТАНЦИЯ ЗА КОММУНАЛЬНЫЕ УСЛУГИ\nПлательщик: Морозов Игорь Степанович\nАдрес: ул. '
     'Ленина, д. 8, кв. 17, Екатеринбург\nЛицевой счёт: 4401-2287\nХолодное водоснабжение: '
     '412,30 руб.\nЭлектроэнергия: 1 180,00 руб.\nОтопление: 2 640,50 руб.\nИтого к оплате: '
     '4 232,80 руб.',
     ('Морозов Игорь Степанович', 'ул. Ленина, д. 8, кв. 17'),
     ('КВИТАНЦИЯ ЗА КОММУНАЛЬНЫЕ УСЛУГИ', 'Плательщик', 'Лицевой счёт',
      'Холодное водоснабжение', 'Электроэнергия', 'Отопление', 'Итого к оплате')),
    ('ru', 'ПРОТОКОЛ ДОПРОСА СВИДЕТЕЛЯ\nСледователь: лейтенант юстиции Орлова Е. А.\nСвидетель: '
     'Белов Артём Олегович, 1990 года рождения\nПо существу дела показал: около 22 часов я '
     'услышал шум во дворе.\nПротокол прочитан лично, замечаний нет.\nПодпись свидетеля',
     ('Белов Артём Олегович',),
     ('ПРОТОКОЛ ДОПРОСА СВИДЕТЕЛЯ', 'Следователь', 'лейтенант юстиции', 'Свидетель',
      'По существу дела', 'показал', 'Протокол прочитан', 'замечаний нет', 'Подпись свидетеля')),
    # --- Arabic --------------------------------------------------------------------------------
    ('ar', 'وصفة طبية\nاسم المريض: فاطمة علي الزهراني\nالدواء: أموكسيسيلين 500 ملغ\nالجرعة: '
     'كبسولة كل ثماني ساعات لمدة سبعة أيام\nتعليمات: يؤخذ بعد الطعام\nالطبيب: د. ماجد السبيعي\n'
     'رقم الهاتف: 0551234987',
     ('فاطمة علي الزهراني', 'ماجد السبيعي', '0551234987'),
     ('وصفة طبية', 'اسم المريض', 'الدواء', 'الجرعة', 'كبسولة', 'تعليمات', 'بعد الطعام')),
    ('ar', 'عرض وظيفي\nالسيد عمر خالد النعيمي المحترم،\nيسرنا أن نعرض عليكم وظيفة مهندس '
     'شبكات في إدارة تقنية المعلومات.\nالراتب الشهري: 14,000 ريال\nالمزايا: تأمين طبي، بدل '
     'سكن، بدل نقل\nتاريخ المباشرة: 1 يوليو 2024\nإدارة الموارد البشرية',
     ('عمر خالد النعيمي',),
     ('عرض وظيفي', 'مهندس شبكات', 'إدارة تقنية المعلومات', 'الراتب الشهري', 'المزايا',
      'تأمين طبي', 'بدل سكن', 'تاريخ المباشرة', 'إدارة الموارد البشرية')),
    ('ar', 'فاتورة الكهرباء\nاسم المشترك: نورة سعد القحطاني\nرقم الحساب: 30019922\nفترة '
     'الاستهلاك: مارس 2024\nالاستهلاك: 1,240 كيلوواط ساعة\nرسوم العداد: 10 ريال\nالمبلغ '
     'المستحق: 236 ريال',
     ('نورة سعد القحطاني',),
     ('فاتورة الكهرباء', 'اسم المشترك', 'رقم الحساب', 'فترة الاستهلاك', 'رسوم العداد',
      'المبلغ المستحق')),
    # --- Chinese -------------------------------------------------------------------------------
    ('zh', '药品标签\n患者：陈美玲\n药品名称：盐酸二甲双胍片 0.5g\n用法用量：口服，一日两次，每次一片\n'
     '注意事项：餐后服用，服药期间忌酒\n调配药师：周文斌\n联系电话：13912345678',
     ('陈美玲', '周文斌', '13912345678'),
     ('药品标签', '药品名称', '盐酸二甲双胍片', '用法用量', '口服', '注意事项', '餐后服用',
      '调配药师', '联系电话')),
    ('zh', '学生成绩报告单\n学生姓名：林浩然\n班级：初二（3）班\n语文：92\n数学：88\n英语：95\n'
     '物理：90\n班主任评语：学习认真，积极参加班级活动。\n班主任：黄丽君',
     ('林浩然', '黄丽君'),
     ('学生成绩报告单', '学生姓名', '班级', '语文', '数学', '英语', '物理', '班主任评语',
      '积极参加班级活动', '班主任')),
    ('zh', '报案笔录\n报案人：赵国栋，身份证号：310115197809234511\n住址：上海市浦东新区张杨路500号\n'
     '案发时间：2024年3月2日晚\n案情简述：本人停放在小区内的电动自行车被盗。\n记录人：民警孙伟',
     ('赵国栋', '310115197809234511', '张杨路500号'),
     ('报案笔录', '报案人', '身份证号', '住址', '案发时间', '案情简述', '电动自行车', '记录人')),
    # --- Japanese ------------------------------------------------------------------------------
    ('ja', '薬袋\n患者名：中村優子 様\n薬品名：ロキソプロフェンナトリウム錠60mg\n用法：1日3回 毎食後 1錠\n'
     '日数：5日分\n注意：胃の不快感がある場合は服用を中止してください\n調剤薬局：さくら薬局\n'
     '電話：03-5412-7788',
     ('中村優子', '03-5412-7788'),
     ('薬袋', '患者名', '薬品名', 'ロキソプロフェンナトリウム錠', '用法', '毎食後', '日数', '注意',
      '調剤薬局')),
    ('ja', '通知表\n氏名：渡辺翔太\n学年：第4学年 2組\n国語：よくできる\n算数：できる\n理科：よくできる\n'
     '社会：できる\n所見：授業に意欲的に取り組んでいます。\n担任：小林恵子',
     ('渡辺翔太', '小林恵子'),
     ('通知表', '学年', '国語', '算数', '理科', '社会', '所見', '授業に意欲的に取り組んでいます',
      '担任')),
    ('ja', '保険金請求書\n被保険者：伊藤大輔\n生年月日：1982年6月14日\n事故日：2024年1月20日\n'
     '事故の内容：自転車で転倒し右手首を骨折\n入院日数：7日\n振込口座：三井住友銀行 新宿支店 普通 '
     '7654321',
     ('伊藤大輔', '1982年6月14日', '7654321'),
     ('保険金請求書', '被保険者', '生年月日', '事故日', '事故の内容', '自転車で転倒', '右手首を骨折',
      '入院日数', '振込口座')),
    # --- Korean --------------------------------------------------------------------------------
    ('ko', '처방전\n환자 성명: 윤서준\n주민등록번호: 920305-2345670\n처방 의약품: 아목시실린 500mg\n'
     '용법: 1일 3회 식후 30분\n투약 일수: 7일\n처방 의사: 한지민\n조제 약국: 푸른약국',
     ('윤서준', '920305-2345670', '한지민'),
     ('처방전', '환자 성명', '주민등록번호', '처방 의약품', '아목시실린', '용법', '식후',
      '투약 일수', '처방 의사', '조제 약국')),
    ('ko', '보험금 청구서\n피보험자: 강도윤\n연락처: 010-4821-7730\n사고 일자: 2024년 2월 14일\n'
     '사고 내용: 빙판길에서 미끄러져 발목 골절\n청구 항목: 입원비, 수술비, 통원치료비\n'
     '입금 계좌: 국민은행 123-45-678901',
     ('강도윤', '010-4821-7730', '123-45-678901'),
     ('보험금 청구서', '피보험자', '연락처', '사고 일자', '사고 내용', '골절', '청구 항목',
      '입원비', '수술비', '통원치료비', '입금 계좌')),
    ('ko', '채용 제안서\n수신: 오하은 님\n직무: 데이터 분석가\n근무 부서: 전략기획실\n연봉: 5,200만 원\n'
     '근무 형태: 정규직, 주 5일 근무\n입사 예정일: 2024년 7월 1일\n인사팀장 드림',
     ('오하은',),
     ('채용 제안서', '직무', '데이터 분석가', '근무 부서', '전략기획실', '연봉', '근무 형태',
      '정규직', '입사 예정일', '인사팀장')),
    # --- Hindi ---------------------------------------------------------------------------------
    ('hi', 'दवा पर्ची\nरोगी का नाम: सुरेश चंद्र पांडे\nदवा: एमोक्सिसिलिन 500 मिलीग्राम\nखुराक: '
     'दिन में तीन बार भोजन के बाद\nअवधि: सात दिन\nचेतावनी: शराब का सेवन न करें\nडॉक्टर: डॉ. '
     'कविता जोशी\nफ़ोन: 9876501234',
     ('सुरेश चंद्र पांडे', 'कविता जोशी', '9876501234'),
     ('दवा पर्ची', 'रोगी का नाम', 'खुराक', 'भोजन के बाद', 'अवधि', 'चेतावनी', 'शराब')),
    ('hi', 'बिजली बिल\nउपभोक्ता का नाम: रमेश प्रसाद तिवारी\nपता: मकान नंबर 12, गांधी नगर, '
     'लखनऊ\nबिलिंग अवधि: मार्च 2024\nखपत: 245 यूनिट\nस्थायी शुल्क: 110 रुपये\nकुल देय राशि: '
     '1,870 रुपये\nअंतिम तिथि: 15 अप्रैल 2024',
     ('रमेश प्रसाद तिवारी',),
     ('बिजली बिल', 'उपभोक्ता का नाम', 'बिलिंग अवधि', 'खपत', 'स्थायी शुल्क', 'कुल देय राशि',
      'अंतिम तिथि')),
    ('hi', 'प्रथम सूचना रिपोर्ट\nथाना: कोतवाली, जयपुर\nशिकायतकर्ता: श्री मनोज कुमार मीणा\n'
     'घटना का विवरण: मेरी मोटरसाइकिल घर के बाहर से चोरी हो गई।\nघटना की तिथि: 5 मार्च 2024\n'
     'जांच अधिकारी: उप निरीक्षक अजय राठौर',
     ('मनोज कुमार मीणा', 'अजय राठौर'),
     ('प्रथम सूचना रिपोर्ट', 'थाना', 'शिकायतकर्ता', 'घटना का विवरण', 'मोटरसाइकिल',
      'घटना की तिथि', 'जांच अधिकारी', 'उप निरीक्षक')),
    # --- English requests about such a document ------------------------------------------------
    ('mixed', 'Please translate this Swedish pharmacy label for my mother: "Patient: Karin '
     'Engström. Läkemedel: Waran 2,5 mg. Dosering: enligt ordination. Förskrivare: Lars '
     'Nyström."',
     ('Karin Engström', 'Lars Nyström'),
     ('Swedish', 'Läkemedel', 'Waran', 'Dosering', 'enligt ordination', 'Förskrivare')),
    ('mixed', 'What does this Polish utility bill say I owe? "Faktura VAT – Odbiorca: Marek '
     'Zieliński, ul. Polna 9, Gdańsk. Opłata dystrybucyjna: 48 zł. Należność ogółem: 212 zł."',
     ('Marek Zieliński', 'ul. Polna 9'),
     ('Polish', 'Faktura VAT', 'Odbiorca', 'Opłata dystrybucyjna', 'Należność ogółem')),
    ('mixed', 'Check my Italian school report for mistakes:\nPagella – Alunna: Giulia Ricci\n'
     'Italiano: ottimo\nMatematica: distinto\nComportamento: lodevole\nGiudizio globale: '
     "L'alunna partecipa con impegno.",
     ('Giulia Ricci',),
     ('Italian', 'Pagella', 'Alunna', 'Italiano', 'Matematica', 'distinto', 'Comportamento',
      'lodevole', 'Giudizio globale')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
