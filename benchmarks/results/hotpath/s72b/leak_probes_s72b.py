"""The forty-second round's second probe prompts: documents written wholly in a European
language (Spanish, French, German, Italian, Portuguese of Portugal and Brazil, Dutch, Polish,
Swedish, Danish, Norwegian, Finnish, Czech, Romanian, Turkish) as a hospital, bank, law firm or
public office there pastes them: discharge and referral letters, transfer confirmations, SEPA
mandates, rental contracts, court rulings with their parties, police reports, HR letters, tax
forms, invoices, support chats and e-mails with signatures. Names with particles (de, van, von,
di, da, dos, del, y), double surnames and diacritics, in lower case and capitals; addresses in
each country's order; national and +CC phones; national ids; IBANs; dates with month names;
ages, licence plates, health insurance numbers and e-mail addresses on national domains. Each
with the values that must not go upstream whole and the prompt's own words that must stay.
Counts both with the ``veil`` on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s72b/leak_probes_s72b.py \
        learned|spacy [--show]

All values are made up; checksums are valid where the id has one (DNI/NIE letter, Spanish NSS
mod 97, Steuer-IdNr, Rentenversicherungsnummer and KVNR check digits, codice fiscale, partita
IVA, NIR key, CPF/CNPJ, Portuguese NIF, BSN eleven-test, PESEL, NIP, REGON, personnummer, CPR,
fødselsnummer, henkilötunnus, rodné číslo, CNP, TC Kimlik, IBAN mod-97, tessera sanitaria Luhn).
The first run left 43 of the 360 values whole with the learned backend and 47 with spaCy: dates
with a month's name in Italian, Portuguese, Dutch, Czech and Romanian; streets written in lower
case, with an elided particle, a Polish, Czech or Turkish street shape, a hyphenated German street
or a post-office box, and the postcodes after them; surnames after ``van der``, ``von``, ``de``;
a tessera sanitaria, partita IVA, SNS and REGON number; Portuguese and Danish phones; Spanish,
Italian, Dutch and Polish plates.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- Spanish -------------------------------------------------------------------------------
    ('es', 'INFORME DE ALTA HOSPITALARIA\nPaciente: María del Carmen Ruiz de Alarcón Peñalver\n'
     'DNI: 47183920H   NHC: 0045812\nFecha de nacimiento: 14 de marzo de 1958 (66 años)\n'
     'Domicilio: Calle de Alcalá 48, 3º izq., 28014 Madrid\nTeléfono: 612 345 678\n'
     'Diagnóstico principal: neumonía adquirida en la comunidad.\n'
     'Resume el informe para el médico de cabecera.',
     ('María del Carmen', 'Ruiz de Alarcón', '47183920H', '14 de marzo de 1958',
      'Calle de Alcalá 48', '28014', '612 345 678'),
     ('INFORME DE ALTA HOSPITALARIA', 'Diagnóstico principal', 'médico de cabecera')),
    ('es', 'Hola, soy José Antonio García y Fernández, mi NIE es Y4382160F y el número de la '
     'Seguridad Social 28/12345678/40. Vivo en Avda. de la Constitución, 12, 2ºB, 41001 '
     'Sevilla. ¿Me ayudas a rellenar el modelo 145 para la empresa?',
     ('José Antonio', 'García y Fernández', 'Y4382160F', '28/12345678/40',
      'Avda. de la Constitución, 12', '41001'),
     ('modelo 145', 'empresa')),
    ('es', 'Confirmación de transferencia\nOrdenante: LUCÍA FERNÁNDEZ DE CÓRDOBA\n'
     'IBAN ordenante: ES91 2100 0418 4502 0005 1332\nBeneficiario: Inmobiliaria Levante S.L.\n'
     'Concepto: alquiler octubre piso c/ Colón 7, 46004 Valencia\nImporte: 850,00 EUR\n'
     'Fecha: 3 de octubre de 2024',
     ('LUCÍA', 'FERNÁNDEZ DE CÓRDOBA', 'ES91 2100 0418 4502 0005 1332', 'Colón 7', '46004'),
     ('Confirmación de transferencia', 'Importe', 'Concepto')),
    ('es', 'SENTENCIA Nº 214/2024\nEn Barcelona, a 12 de junio de 2024.\nVistos los autos de '
     'juicio verbal promovidos por D. Jordi Puig i Ferrer, con DNI 05382160E, contra Dña. '
     'Montserrat Vidal Soler, sobre desahucio por falta de pago de la vivienda sita en '
     'Carrer de Mallorca 401, 08013 Barcelona.\nFALLO: Estimo la demanda.',
     ('Jordi Puig i Ferrer', '05382160E', 'Montserrat Vidal Soler', 'Carrer de Mallorca 401',
      '08013'),
     ('SENTENCIA', 'juicio verbal', 'FALLO', 'desahucio')),
    ('es', 'chat soporte:\ncliente: hola buenas, me llamo pablo ortega del río y no me llega '
     'la tarjeta\nagente: ¿me confirma su teléfono y su correo?\ncliente: +34 699 12 34 56 y '
     'pablo.ortegadelrio@telefonica.es, la dirección es plaza mayor 3, 37002 salamanca',
     ('pablo ortega del río', '+34 699 12 34 56', 'pablo.ortegadelrio@telefonica.es',
      'plaza mayor 3', '37002'),
     ('chat soporte', 'tarjeta')),
    ('es', 'CONTRATO DE ARRENDAMIENTO DE VIVIENDA\nDe una parte, D. Álvaro Méndez Sáez, mayor '
     'de edad, con DNI 47183920H, y de otra Dña. Inés Castro-Villanueva, con NIE Y4382160F, '
     'domiciliada en Calle Real 15, 15003 A Coruña. Matrícula del vehículo de la plaza de '
     'garaje: 4821 KLM.',
     ('Álvaro Méndez Sáez', 'Inés Castro-Villanueva', 'Calle Real 15', '15003', '4821 KLM'),
     ('CONTRATO DE ARRENDAMIENTO', 'mayor de edad')),
    # --- French --------------------------------------------------------------------------------
    ('fr', 'Lettre de sortie\nPatient : M. Jean-Baptiste de La Fontaine, né le 12 mars 1947\n'
     'N° de sécurité sociale : 1 78 03 75 114 082 58\nAdresse : 14, rue des Lilas, 69003 Lyon\n'
     'Tél. : 06 12 34 56 78\nMédecin traitant : Dr Hélène Marchetti\nTraitement de sortie : '
     'apixaban 5 mg.',
     ('Jean-Baptiste', 'de La Fontaine', '12 mars 1947', '1 78 03 75 114 082 58',
      '14, rue des Lilas', '69003', '06 12 34 56 78', 'Hélène Marchetti'),
     ('Lettre de sortie', 'Traitement de sortie', 'Médecin traitant')),
    ('fr', 'Bonjour,\nJe vous écris au sujet de ma carte Vitale. Mon numéro est le '
     '2 87 05 69 123 456 87. Je m\'appelle Françoise Lefèvre-Dubois et j\'habite 3 bis '
     'avenue Jean-Jaurès, 31000 Toulouse.\nCordialement,\nFrançoise Lefèvre-Dubois\n'
     '+33 6 45 78 12 90\nfrancoise.lefevre@orange.fr',
     ('2 87 05 69 123 456 87', 'Françoise', 'Lefèvre-Dubois', '3 bis avenue Jean-Jaurès',
      '31000', '+33 6 45 78 12 90', 'francoise.lefevre@orange.fr'),
     ('carte Vitale', 'Cordialement')),
    ('fr', 'Avis de virement SEPA\nDonneur d\'ordre : SARL Boulangerie Moreau\nBénéficiaire : '
     'Mme Amélie Rousseau\nIBAN : FR14 2004 1010 0505 0001 3M02 606\nBIC : PSSTFRPPLIL\n'
     'Montant : 1 240,00 EUR\nDate d\'exécution : 28 février 2024',
     ('Amélie Rousseau', 'FR14 2004 1010 0505 0001 3M02 606'),
     ('Avis de virement', 'Montant', 'Bénéficiaire')),
    ('fr', 'PROCÈS-VERBAL D\'AUDITION\nL\'an deux mille vingt-quatre, le quinze avril, '
     'devant nous, comparaît : DUPONT-MOREAU Sébastien, né le 2 août 1989 à Marseille, '
     'demeurant 27 boulevard de la Libération, 13001 Marseille, téléphone 04 91 22 33 44, '
     'qui déclare avoir été agressé par un individu nommé Karim Benali.',
     ('DUPONT-MOREAU', 'Sébastien', '2 août 1989', '27 boulevard de la Libération', '13001',
      '04 91 22 33 44', 'Karim Benali'),
     ('PROCÈS-VERBAL', 'qui déclare')),
    ('fr', 'Facture n° 2024-0412\nClient : Cabinet Girard & Associés, à l\'attention de '
     'Maître Odile Girard\nSIRET : 73281945300018\nAdresse : 8 place Bellecour, 69002 Lyon\n'
     'TVA : 20 %\nRèglement par virement sur FR27 3000 3036 2000 0502 8103 715',
     ('Odile Girard', '8 place Bellecour', '69002', 'FR27 3000 3036 2000 0502 8103 715'),
     ('Facture', 'Règlement par virement')),
    ('fr', 'Objet : convocation à un entretien préalable\nMadame Nathalie Chevalier,\nNous '
     'vous informons que nous envisageons à votre égard une mesure de licenciement. Vous êtes '
     'convoquée le 4 juin 2024 à 10h. Vous pouvez vous faire assister par M. Thierry Vasseur, '
     'délégué du personnel.\nLa DRH, Claire Aubert',
     ('Nathalie Chevalier', 'Thierry Vasseur', 'Claire Aubert'),
     ('entretien préalable', 'licenciement', 'délégué du personnel')),
    # --- German --------------------------------------------------------------------------------
    ('de', 'Arztbrief\nSehr geehrte Frau Kollegin Dr. Annette von Bülow,\nwir berichten über '
     'Ihren Patienten Herrn Klaus-Dieter Schäfer, geb. 3. März 1951, wohnhaft Hauptstraße 5a, '
     '10115 Berlin, der vom 12. bis 19. Februar 2024 stationär behandelt wurde.\n'
     'Versichertennummer: T551938248\nDiagnose: NSTEMI',
     ('Annette von Bülow', 'Klaus-Dieter Schäfer', '3. März 1951', 'Hauptstraße 5a', '10115',
      'T551938248'),
     ('Arztbrief', 'stationär behandelt', 'Diagnose')),
    ('de', 'SEPA-Lastschriftmandat\nZahlungspflichtiger: Jürgen Weißmüller\n'
     'Straße: Gustav-Freytag-Str. 19\nPLZ/Ort: 04277 Leipzig\nIBAN: DE89 3704 0044 0532 0130 00'
     '\nMandatsreferenz: M-2024-0815\nLeipzig, den 2. Januar 2024',
     ('Jürgen Weißmüller', 'Gustav-Freytag-Str. 19', '04277', 'DE89 3704 0044 0532 0130 00'),
     ('Zahlungspflichtiger', 'Mandatsreferenz')),
    ('de', 'Lohnabrechnung Mai 2024\nName: Sabine Krüger-Hoffmann\nSteuer-ID: 57392846135\n'
     'Sozialversicherungsnummer: 65 170385 K 493\nSteuerklasse: IV\nAnschrift: '
     'Lindenallee 22, 50968 Köln\nKrankenkasse: AOK Rheinland',
     ('Sabine', 'Krüger-Hoffmann', '57392846135', '65 170385 K 493', 'Lindenallee 22', '50968'),
     ('Lohnabrechnung', 'Steuerklasse')),
    ('de', 'URTEIL\nIm Namen des Volkes\nIn dem Rechtsstreit\ndes Herrn Friedrich Wilhelm '
     'Graf von Hohenberg, Schloßweg 1, 80331 München,\n- Kläger -\ngegen\nFrau Petra '
     'Lindemann, Am Mühlbach 7, 82319 Starnberg,\n- Beklagte -\nwegen Mietzahlung.',
     ('Friedrich Wilhelm', 'von Hohenberg', 'Schloßweg 1', '80331', 'Petra Lindemann',
      'Am Mühlbach 7', '82319'),
     ('Im Namen des Volkes', 'Kläger', 'Beklagte', 'Mietzahlung')),
    ('de', 'Strafanzeige\nAnzeigeerstatter: Mehmet Yılmaz, geb. 14.07.1982, Tel. 0176 '
     '23456789\nTatort: Parkplatz Königstraße 40, 70173 Stuttgart\nDas Fahrzeug mit dem '
     'Kennzeichen S-KL 4821 wurde beschädigt. Tatverdächtig ist Herr Dennis Brandt.',
     ('Mehmet Yılmaz', '14.07.1982', '0176 23456789', 'Königstraße 40', '70173', 'S-KL 4821',
      'Dennis Brandt'),
     ('Strafanzeige', 'Tatverdächtig')),
    ('de', 'Hallo Frau Wagner,\nanbei die Kündigung meines Mietvertrags zum 31. Juli.\n'
     'Mit freundlichen Grüßen\nLukas Bergmann\nRosenweg 3\n6020 Innsbruck\n'
     '+43 660 1234567\nlukas.bergmann@gmx.at\nIBAN AT61 1904 3002 3457 3201',
     ('Wagner', 'Lukas Bergmann', 'Rosenweg 3', '6020', '+43 660 1234567',
      'lukas.bergmann@gmx.at', 'AT61 1904 3002 3457 3201'),
     ('Kündigung', 'Mit freundlichen Grüßen')),
    ('de', 'Überweisungsbeleg: Empfänger ANNA-LENA MÜLLER, IBAN DE27 5001 0517 5409 2381 74, '
     'Verwendungszweck Rechnung 4471 vom 15. April 2024, Betrag 312,50 EUR. Auftraggeber '
     'Thomas Schmitz, Tel. +49 221 9876543.',
     ('ANNA-LENA MÜLLER', 'DE27 5001 0517 5409 2381 74', 'Thomas Schmitz', '+49 221 9876543'),
     ('Verwendungszweck', 'Betrag')),
    # --- Italian -------------------------------------------------------------------------------
    ('it', 'Lettera di dimissione\nPaziente: Giulia Rossi, nata il 5 aprile 1982\n'
     'Codice fiscale: RSSGLI82D45F205U\nTessera sanitaria: 80380000031234567893\n'
     'Residenza: Via Giuseppe Garibaldi 21, 20121 Milano\nCell. 347 123 4567\n'
     'Diagnosi: colecistite acuta.',
     ('Giulia Rossi', '5 aprile 1982', 'RSSGLI82D45F205U', '80380000031234567893',
      'Via Giuseppe Garibaldi 21', '20121', '347 123 4567'),
     ('Lettera di dimissione', 'Diagnosi')),
    ('it', 'Fattura n. 118/2024\nCedente: Studio Legale Di Stefano, P.IVA 07814230152\n'
     'Cessionario: sig. Marco Bianchi, C.F. BNCMRC77T12H501A, Piazza di Spagna 9, 00187 '
     'Roma\nIBAN: IT60 X054 2811 1010 0000 0123 456',
     ('07814230152', 'Marco Bianchi', 'BNCMRC77T12H501A', 'Piazza di Spagna 9', '00187',
      'IT60 X054 2811 1010 0000 0123 456'),
     ('Fattura', 'Cedente', 'Cessionario')),
    ('it', 'TRIBUNALE DI NAPOLI\nSentenza n. 3312/2024\nnella causa promossa da Salvatore '
     'Esposito, residente in Via Toledo 156, 80134 Napoli, contro Anna Maria De Luca, '
     'rappresentata dall\'avv. Gennaro D\'Alessandro.\nP.Q.M. rigetta la domanda.',
     ('Salvatore Esposito', 'Via Toledo 156', '80134', 'Anna Maria De Luca',
      "Gennaro D'Alessandro"),
     ('TRIBUNALE DI NAPOLI', 'rigetta la domanda')),
    ('it', 'ciao, mi chiamo francesca di benedetto, il mio numero è +39 333 987 6543 e la '
     'mail francesca.dibenedetto@libero.it. abito in corso vittorio emanuele II 45, 10128 '
     'torino. potete richiamarmi?',
     ('francesca di benedetto', '+39 333 987 6543', 'francesca.dibenedetto@libero.it',
      'corso vittorio emanuele II 45', '10128'),
     ('potete richiamarmi',)),
    ('it', 'Verbale di contravvenzione: il veicolo targato AB 123 CD, intestato a Lorenzo '
     'Ferrari nato a Bologna il 22 settembre 1975, è stato rilevato in Via dell\'Indipendenza '
     '12, Bologna.',
     ('AB 123 CD', 'Lorenzo Ferrari', '22 settembre 1975', "Via dell'Indipendenza 12"),
     ('Verbale di contravvenzione',)),
    # --- Portuguese (PT) -----------------------------------------------------------------------
    ('pt', 'Carta de referenciação\nUtente: Maria João dos Santos Pereira\nNIF: 238475611\n'
     'Nº de utente SNS: 123456789\nMorada: Rua Augusta 120, 2º Esq., 1100-053 Lisboa\n'
     'Telemóvel: 912 345 678\nData de nascimento: 22 de setembro de 1990',
     ('Maria João', 'dos Santos Pereira', '238475611', '123456789', 'Rua Augusta 120',
      '1100-053', '912 345 678', '22 de setembro de 1990'),
     ('Carta de referenciação', 'Morada')),
    ('pt', 'Comprovativo de transferência\nOrdenante: António Manuel da Silva Costa\n'
     'IBAN: PT02 0007 0000 0063 2819 9472 3\nDestinatário: Condomínio Edifício Atlântico\n'
     'Descritivo: quota de março\nContacto: +351 936 112 233',
     ('António Manuel', 'da Silva Costa', 'PT02 0007 0000 0063 2819 9472 3',
      '+351 936 112 233'),
     ('Comprovativo de transferência', 'Descritivo')),
    ('pt', 'Exmo. Sr. Dr. Rui Carvalho,\nvenho por este meio reclamar da fatura do mês '
     'passado. O meu NIF é 192837460 e moro na Avenida da Boavista 1830, 4100-119 Porto.\n'
     'Com os melhores cumprimentos,\nInês Figueiredo',
     ('Rui Carvalho', '192837460', 'Avenida da Boavista 1830', '4100-119', 'Inês Figueiredo'),
     ('reclamar da fatura', 'Com os melhores cumprimentos')),
    # --- Portuguese (BR) -----------------------------------------------------------------------
    ('br', 'Boletim de ocorrência\nComunicante: Ana Beatriz de Oliveira Souza, CPF '
     '529.982.247-25, RG 12.345.678-9\nEndereço: Rua das Laranjeiras, 315, apto 402, '
     'Laranjeiras, Rio de Janeiro - RJ, CEP 22240-003\nCelular: (21) 98765-4321\n'
     'Relato: teve o celular furtado na saída do metrô.',
     ('Ana Beatriz', 'de Oliveira Souza', '529.982.247-25', '12.345.678-9',
      'Rua das Laranjeiras, 315', '22240-003', '(21) 98765-4321'),
     ('Boletim de ocorrência', 'Relato')),
    ('br', 'oi, aqui é o joão pedro dos santos, meu cpf é 381.447.205-55 e o pix é '
     'joaopedro.santos@uol.com.br. moro na av. paulista 1578, bela vista, são paulo, '
     '01310-200. liga no +55 11 99876-5432',
     ('joão pedro dos santos', '381.447.205-55', 'joaopedro.santos@uol.com.br',
      'av. paulista 1578', '01310-200', '+55 11 99876-5432'),
     ('pix',)),
    ('br', 'Nota fiscal de serviço\nPrestador: Clínica Sorriso Ltda, CNPJ 11.444.777/0001-61\n'
     'Tomador: Fernanda Lima Albuquerque, CPF 52998224725\nEndereço: Rua XV de Novembro, 88, '
     'Centro, Curitiba/PR, CEP 80020-310\nValor: R$ 480,00',
     ('11.444.777/0001-61', 'Fernanda Lima Albuquerque', '52998224725',
      'Rua XV de Novembro, 88', '80020-310'),
     ('Nota fiscal', 'Tomador', 'Prestador')),
    ('br', 'Prezados,\nsegue o contrato de locação do imóvel na Rua Augusta, 2690, São Paulo, '
     'em nome de Carlos Eduardo Nascimento (nascido em 9 de janeiro de 1984).\nAtt,\n'
     'Patrícia Gomes\nImobiliária Central\n(11) 3456-7890',
     ('Rua Augusta, 2690', 'Carlos Eduardo Nascimento', '9 de janeiro de 1984',
      'Patrícia Gomes', '(11) 3456-7890'),
     ('contrato de locação', 'Prezados')),
    # --- Dutch ---------------------------------------------------------------------------------
    ('nl', 'Verwijsbrief\nGeachte collega,\nHierbij verwijs ik mevrouw Johanna van der Berg-'
     'de Vries, geboren 15 mei 1962, BSN 273819471, wonende Keizersgracht 123-II, 1015 CJ '
     'Amsterdam, tel. 06-12345678, naar uw polikliniek cardiologie.\nMet vriendelijke groet,'
     '\nDr. Pieter van den Heuvel, huisarts',
     ('Johanna', 'van der Berg-de Vries', '15 mei 1962', '273819471', 'Keizersgracht 123-II',
      '1015 CJ', '06-12345678', 'Pieter van den Heuvel'),
     ('Verwijsbrief', 'polikliniek cardiologie', 'Met vriendelijke groet')),
    ('nl', 'Huurovereenkomst woonruimte\nVerhuurder: Vastgoed Oranje B.V.\nHuurder: de heer '
     'Sven de Jong, BSN 304918623\nAdres gehuurde: Oudegracht 88 bis, 3511 AR Utrecht\n'
     'Huurprijs: € 1.250 per maand, te voldoen op NL91 ABNA 0417 1643 00',
     ('Sven de Jong', '304918623', 'Oudegracht 88 bis', '3511 AR',
      'NL91 ABNA 0417 1643 00'),
     ('Huurovereenkomst', 'Huurprijs', 'per maand')),
    ('nl', 'Klantgesprek:\nklant: hoi, ik ben femke janssen, mijn rekening NL70 INGB 0006 8231 95 '
     'is geblokkeerd\nmedewerker: wat is uw geboortedatum en mobiele nummer?\nklant: 3 '
     'februari 1994, +31 6 23456789',
     ('femke janssen', 'NL70 INGB 0006 8231 95', '3 februari 1994', '+31 6 23456789'),
     ('Klantgesprek', 'geblokkeerd')),
    ('nl', 'Proces-verbaal van aangifte\nAangever: Mohamed El Amrani, geboren 21 oktober '
     '1988 te Rotterdam\nAdres: Coolsingel 40, 3011 AD Rotterdam\nDe aangever verklaart dat '
     'zijn scooter met kenteken D-123-BX werd gestolen door een man genaamd '
     'Bram Visser.',
     ('Mohamed El Amrani', '21 oktober 1988', 'Coolsingel 40', '3011 AD', 'D-123-BX',
      'Bram Visser'),
     ('Proces-verbaal van aangifte', 'verklaart')),
    # --- Polish --------------------------------------------------------------------------------
    ('pl', 'Karta informacyjna leczenia szpitalnego\nPacjent: Katarzyna Wójcik-Zielińska\n'
     'PESEL: 85031418725\nAdres: ul. Marszałkowska 12/4, 00-590 Warszawa\nTel.: 601 234 567\n'
     'Data przyjęcia: 3 maja 2024\nRozpoznanie: zapalenie wyrostka robaczkowego.',
     ('Katarzyna', 'Wójcik-Zielińska', '85031418725', 'Marszałkowska 12/4', '00-590',
      '601 234 567'),
     ('Karta informacyjna', 'Rozpoznanie')),
    ('pl', 'Faktura VAT nr FV/2024/05/117\nSprzedawca: Kancelaria Adwokacka Tomasz Nowak, '
     'NIP 5272048130, REGON 012384712\nNabywca: Paweł Kowalczyk, os. Tysiąclecia 45/12, '
     '31-610 Kraków\nRachunek: PL61 1090 1014 0000 0712 1981 2874',
     ('Tomasz Nowak', '5272048130', '012384712', 'Paweł Kowalczyk', 'Tysiąclecia 45/12',
      '31-610', 'PL61 1090 1014 0000 0712 1981 2874'),
     ('Faktura VAT', 'Sprzedawca', 'Nabywca')),
    ('pl', 'Dzień dobry, nazywam się Agnieszka Lewandowska, mój PESEL 92110724367, mieszkam '
     'przy ulicy Piotrkowskiej 104 m. 7 w Łodzi (90-006). Numer telefonu +48 512 345 678. '
     'Proszę o zmianę adresu korespondencyjnego.',
     ('Agnieszka Lewandowska', '92110724367', 'Piotrkowskiej 104', '90-006',
      '+48 512 345 678'),
     ('Dzień dobry', 'zmianę adresu')),
    ('pl', 'WYROK W IMIENIU RZECZYPOSPOLITEJ POLSKIEJ\nSąd Rejonowy w Gdańsku po rozpoznaniu '
     'sprawy z powództwa Jana Kamińskiego przeciwko Marii Dąbrowskiej o zapłatę, zasądza od '
     'pozwanej na rzecz powoda kwotę 12 000 zł.',
     ('Jana Kamińskiego', 'Marii Dąbrowskiej'),
     ('WYROK', 'zasądza', 'o zapłatę')),
    # --- Swedish -------------------------------------------------------------------------------
    ('sv', 'Remiss\nPatient: Anna-Karin Lindqvist, personnummer 850709-2388\nAdress: '
     'Drottninggatan 45, 111 21 Stockholm\nTelefon: 070-123 45 67\nFrågeställning: '
     'utredning av bröstsmärta sedan den 9 juli.',
     ('Anna-Karin Lindqvist', '850709-2388', 'Drottninggatan 45', '111 21', '070-123 45 67'),
     ('Remiss', 'Frågeställning')),
    ('sv', 'Hej! Jag heter Erik Johansson och mitt personnummer är 19780214-4522. Mitt '
     'kontonummer är SE45 5000 0000 0583 9825 7466 och jag bor på Kungsgatan 12B, 411 19 '
     'Göteborg. Ring mig på +46 70 987 65 43.',
     ('Erik Johansson', '19780214-4522', 'SE45 5000 0000 0583 9825 7466', 'Kungsgatan 12B',
      '411 19', '+46 70 987 65 43'),
     ('Ring mig',)),
    ('sv', 'Anställningsbevis\nArbetstagare: Sofia Bergström Nyström\nFödd: 3 november 1991\n'
     'E-post: sofia.bergstrom@telia.se\nLön: 38 500 kr per månad\nChef: Magnus Åkesson',
     ('Sofia Bergström Nyström', '3 november 1991', 'sofia.bergstrom@telia.se',
      'Magnus Åkesson'),
     ('Anställningsbevis', 'per månad')),
    # --- Danish --------------------------------------------------------------------------------
    ('da', 'Epikrise\nPatient: Mette Frederiksen Holm, CPR-nr. 140385-1230\nAdresse: '
     'Nørrebrogade 52, 3. tv., 2200 København N\nTlf.: 20 34 56 78\nIndlagt 14. marts 2024 '
     'med lungebetændelse.',
     ('Mette Frederiksen Holm', '140385-1230', 'Nørrebrogade 52', '2200', '20 34 56 78'),
     ('Epikrise', 'lungebetændelse')),
    ('da', 'Kære Søren Kierkegaard Jensen,\nVi bekræfter modtagelsen af din indbetaling fra '
     'konto DK50 0040 0440 1162 43. Dit CPR-nummer 030792-4120 er registreret.\n'
     'Venlig hilsen\nLise Østergaard, Danske Bank, +45 33 44 55 66',
     ('Søren Kierkegaard Jensen', 'DK50 0040 0440 1162 43', '030792-4120',
      'Lise Østergaard', '+45 33 44 55 66'),
     ('Venlig hilsen', 'indbetaling')),
    # --- Norwegian -----------------------------------------------------------------------------
    ('no', 'Henvisning\nPasient: Ingrid Haugen Solberg, fødselsnummer 12078546830\nAdresse: '
     'Storgata 15, 0184 Oslo\nTelefon: 912 34 567\nKontonummer: NO93 8601 1117 947\n'
     'Problemstilling: vedvarende hodepine.',
     ('Ingrid Haugen Solberg', '12078546830', 'Storgata 15', '0184', '912 34 567',
      'NO93 8601 1117 947'),
     ('Henvisning', 'Problemstilling')),
    ('no', 'hei, jeg heter ole-martin bakken og bor i Bergen, Bryggen 7, 5003 Bergen. '
     'mobil +47 41 23 45 67, e-post ole.bakken@online.no. født 12. juli 1985.',
     ('ole-martin bakken', 'Bryggen 7', '5003', '+47 41 23 45 67', 'ole.bakken@online.no',
      '12. juli 1985'),
     ('mobil',)),
    # --- Finnish -------------------------------------------------------------------------------
    ('fi', 'Lähete\nPotilas: Aino Virtanen-Mäkinen, henkilötunnus 131052-308T\nOsoite: '
     'Mannerheimintie 12 B 7, 00100 Helsinki\nPuhelin: 040 123 4567\nSyntynyt 13. lokakuuta '
     '1952.\nLähetteen syy: rintakipu.',
     ('Aino', 'Virtanen-Mäkinen', '131052-308T', 'Mannerheimintie 12 B 7', '00100',
      '040 123 4567'),
     ('Lähete', 'Lähetteen syy')),
    ('fi', 'Hei, olen Juha Korhonen ja henkilötunnukseni on 070488A570U. Tilinumero FI24 2142 '
     '1000 0123 45. Asun osoitteessa Hämeenkatu 20 A 5, 33200 Tampere. Puh. +358 50 765 4321.',
     ('Juha Korhonen', '070488A570U', 'FI24 2142 1000 0123 45', 'Hämeenkatu 20 A 5', '33200',
      '+358 50 765 4321'),
     ('Tilinumero',)),
    # --- Czech ---------------------------------------------------------------------------------
    ('cs', 'Propouštěcí zpráva\nPacient: Jana Nováková, rodné číslo 855612/3125\nBydliště: '
     'Vinohradská 1234/56, 120 00 Praha 2\nTelefon: +420 602 123 456\nDiagnóza: '
     'cholecystitida.',
     ('Jana Nováková', '855612/3125', 'Vinohradská 1234/56', '120 00', '+420 602 123 456'),
     ('Propouštěcí zpráva', 'Diagnóza')),
    ('cs', 'Nájemní smlouva\nPronajímatel: Ing. Petr Dvořák, nar. 14. března 1979, r.č. '
     '790314/5822, bytem Masarykova 15, 602 00 Brno\nNájemce: Tereza Černá\nČíslo účtu: '
     'CZ65 0800 0000 1920 0014 5399',
     ('Petr Dvořák', '14. března 1979', '790314/5822', 'Masarykova 15', '602 00',
      'Tereza Černá', 'CZ65 0800 0000 1920 0014 5399'),
     ('Nájemní smlouva', 'Pronajímatel', 'Nájemce')),
    # --- Romanian ------------------------------------------------------------------------------
    ('ro', 'Scrisoare medicală\nPacient: Ioana-Maria Popescu, CNP 2850312407818\nDomiciliu: '
     'Str. Mihai Eminescu nr. 14, bl. A2, ap. 7, Sector 2, 020079 București\nTelefon: 0722 '
     '123 456\nData nașterii: 12 martie 1985',
     ('Ioana-Maria Popescu', '2850312407818', 'Mihai Eminescu nr. 14', '020079',
      '0722 123 456', '12 martie 1985'),
     ('Scrisoare medicală',)),
    ('ro', 'Bună ziua, mă numesc Andrei Constantinescu, CNP 1801219401239, cont RO36 RNCB '
     '0082 0045 3092 0001. Locuiesc pe Bulevardul Eroilor 25, 400129 Cluj-Napoca. Telefon '
     '+40 744 556 677.',
     ('Andrei Constantinescu', '1801219401239', 'RO36 RNCB 0082 0045 3092 0001',
      'Bulevardul Eroilor 25', '400129', '+40 744 556 677'),
     ('Bună ziua',)),
    # --- Turkish -------------------------------------------------------------------------------
    ('tr', 'Epikriz\nHasta: Ayşe Gül Öztürk, T.C. Kimlik No: 38471926550\nAdres: Moda Cad. '
     'No: 18 D: 4, 34728 Kadıköy/İstanbul\nTelefon: 0532 123 45 67\nDoğum tarihi: 15 Mart '
     '1985\nTanı: akut apandisit.',
     ('Ayşe Gül Öztürk', '38471926550', 'Moda Cad. No: 18', '34728', 'Kadıköy',
      '0532 123 45 67', '15 Mart 1985'),
     ('Epikriz', 'Tanı')),
    ('tr', 'Merhaba, benim adım Mustafa Çelik. TC kimlik numaram 10725483910, IBAN numaram '
     'TR33 0006 1005 1978 6457 8413 26. Adresim Atatürk Bulvarı No: 125/3, 06640 Çankaya/'
     'Ankara. Cep: +90 533 987 65 43',
     ('Mustafa Çelik', '10725483910', 'TR33 0006 1005 1978 6457 8413 26',
      'Atatürk Bulvarı No: 125/3', '06640', 'Çankaya', '+90 533 987 65 43'),
     ('Merhaba',)),
    ('tr', 'KİRA SÖZLEŞMESİ\nKiraya veren: Hüseyin Kaya\nKiracı: Elif Şahin Yıldız\n'
     'Kiralanan: Bağdat Caddesi No: 210 Daire: 9, Suadiye, Kadıköy/İstanbul\nAylık kira: '
     '25.000 TL',
     ('Hüseyin Kaya', 'Elif Şahin Yıldız', 'Bağdat Caddesi No: 210'),
     ('KİRA SÖZLEŞMESİ', 'Aylık kira')),
    # --- mixed / capitals / particles ----------------------------------------------------------
    ('caps', 'ATESTADO MÉDICO\nAtesto que o(a) paciente MARIA DAS GRAÇAS FERREIRA DOS SANTOS, '
     'CPF 381.447.205-55, esteve sob meus cuidados em 12 de agosto de 2024.\nDR. RICARDO '
     'MONTEIRO DA CUNHA - CRM-SP 123456',
     ('MARIA DAS GRAÇAS', 'FERREIRA DOS SANTOS', '381.447.205-55', 'RICARDO',
      'MONTEIRO DA CUNHA', '123456'),
     ('ATESTADO MÉDICO',)),
    ('caps', 'ESTADO CIVIL: casado\nNOMBRE: FRANCISCO JAVIER LÓPEZ DE LA TORRE\nDOMICILIO: '
     'C/ GRAN VÍA 32, 5º D, 28013 MADRID\nTELÉFONO: 915 234 567',
     ('FRANCISCO JAVIER', 'LÓPEZ DE LA TORRE', 'GRAN VÍA 32', '28013', '915 234 567'),
     ('ESTADO CIVIL', 'casado')),
    ('caps', 'ARBEITSZEUGNIS\nFrau KATHARINA VON DER LEYEN-STEIN, geboren am 4. Oktober 1987 in '
     'Hamburg, war vom 1. April 2019 bis 30. Juni 2024 in unserem Unternehmen tätig.',
     ('KATHARINA', 'VON DER LEYEN-STEIN', '4. Oktober 1987'),
     ('ARBEITSZEUGNIS', 'Unternehmen')),
    ('mixed', 'Please translate into English: "Le patient Émile Van Damme, domicilié Avenue '
     'Louise 54, 1050 Ixelles, a été admis le 3 mai. Contact: +32 475 12 34 56."',
     ('Émile Van Damme', 'Avenue Louise 54', '1050', '+32 475 12 34 56'),
     ('Please translate into English',)),
    ('mixed', 'Summarise this German e-mail:\nSehr geehrter Herr Dr. Özdemir,\nmeine Tochter '
     'Lea Sophie Wagner (8 Jahre) hat seit Montag Fieber. Bitte rufen Sie mich unter 089 '
     '12345678 zurück.\nViele Grüße\nMarkus Wagner\nLeopoldstraße 101, 80802 München',
     ('Özdemir', 'Lea Sophie', '089 12345678', 'Markus Wagner', 'Leopoldstraße 101', '80802'),
     ('Summarise this German e-mail', 'Viele Grüße')),
    ('es', 'Recibo de nómina\nTrabajador: Nuria Sánchez-Bravo Gil\nNIF: 05382160E\nNº afiliación '
     'S.S.: 08/40718265/59\nCategoría: auxiliar administrativa\nCuenta: ES60 0049 1500 0512 3456 '
     '7892',
     ('Nuria', 'Sánchez-Bravo Gil', '05382160E', '08/40718265/59',
      'ES60 0049 1500 0512 3456 7892'),
     ('Recibo de nómina', 'auxiliar administrativa')),
    ('fr', 'Bail d\'habitation\nBailleur : M. et Mme Lucien et Odette Perrin, demeurant 5 '
     'impasse des Tilleuls, 44000 Nantes\nLocataire : Mlle Chloé N\'Diaye\nLogement : 12 rue '
     'Crébillon, appartement 3, 44000 Nantes\nDépôt de garantie : 900 €',
     ('Lucien', 'Odette Perrin', '5 impasse des Tilleuls', '44000', "Chloé N'Diaye",
      '12 rue Crébillon'),
     ('Bail d\'habitation', 'Dépôt de garantie')),
    ('de', 'Rückmeldung zur Reklamation\nKunde: Herr Hans-Peter Özkan\nKundennummer: '
     '4471902\nAdresse: Bahnhofstr. 12, 8001 Zürich\nTelefon: +41 44 123 45 67\n'
     'E-Mail: h.oezkan@bluewin.ch\nSehr geehrter Herr Özkan, leider ...',
     ('Hans-Peter Özkan', '4471902', 'Bahnhofstr. 12', '8001', '+41 44 123 45 67',
      'h.oezkan@bluewin.ch'),
     ('Reklamation', 'Kundennummer')),
    ('it', 'Gentile dott.ssa Chiara Lombardi,\nle inoltro il referto di mio padre, Vincenzo '
     'Russo, 78 anni, ricoverato presso l\'Ospedale San Raffaele. Il suo codice fiscale è '
     'RSSGLI82D45F205U.\nDistinti saluti,\nAlessandro Russo\nVia Nazionale 7, 00184 Roma',
     ('Chiara Lombardi', 'Vincenzo', 'RSSGLI82D45F205U', 'Alessandro Russo',
      'Via Nazionale 7', '00184'),
     ('Distinti saluti', 'referto')),
    ('pl', 'Zgłoszenie szkody\nPoszkodowany: Michał Wiśniewski\nNr rejestracyjny: WA 12345\n'
     'Adres: al. Jerozolimskie 65/79, 00-697 Warszawa\nE-mail: michal.wisniewski@wp.pl\n'
     'Data zdarzenia: 14 czerwca 2024',
     ('Michał Wiśniewski', 'WA 12345', 'Jerozolimskie 65/79', '00-697',
      'michal.wisniewski@wp.pl'),
     ('Zgłoszenie szkody', 'Data zdarzenia')),
    ('nl', 'Factuur 2024-118\nAan: mevr. drs. Anouk de Wit-Smits\nPostbus 1234, 2500 BC '
     'Den Haag\nBTW-nummer klant: NL123456789B01\nBetaling binnen 14 dagen op NL70 INGB '
     '0006 8231 95',
     ('Anouk de Wit-Smits', '2500 BC', 'NL70 INGB 0006 8231 95'),
     ('Factuur', 'Betaling binnen 14 dagen')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
