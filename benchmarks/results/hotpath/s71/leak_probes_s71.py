"""The fortieth round's probe prompts: evasions (values written to get past a filter, or mangled
by the tools they were pasted from: invisible characters, fullwidth forms, look-alike letters,
digits spelled or grouped oddly, "at"/"dot" e-mails, values split across lines or strings,
percent, HTML, base64 and hex encodings, reversed and leetspeak text, markup and brackets) and
values written in their own language and script (German, French, Spanish, Italian, Portuguese,
Dutch, Polish, Turkish, Russian, Greek, Arabic, Hebrew, Hindi, Chinese, Japanese, Korean,
Vietnamese, Thai, and mixed messages). Each has the values that must not go upstream whole and
the prompt's own words that must. Counts both with the ``veil`` on ``PYTHONPATH`` and one NER
backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s71/leak_probes_s71.py \
        learned|spacy [--show]

All values are made up; ids with a check digit pass it (Luhn cards, IBANs, PESEL, TC Kimlik,
CPF, NIF, BSN, NIR, DNI, codice fiscale, Steuer-ID, INN, SNILS, AMKA, ΑΦΜ, Teudat Zehut,
Aadhaar, PAN, 身份证, 주민등록번호, マイナンバー, Thai PIN, Saudi ID).
"""

from __future__ import annotations

ZW = "\u200b"  # zero-width space
SH = "\u00ad"  # soft hyphen

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # ---- (a) evasions ------------------------------------------------------------------------
    # invisible characters inside values (typed on purpose, or pasted from a web page or a PDF)
    ("invisible", f"Name: Mar{ZW}got Kessel{ZW}ring, card 4532{ZW}0151{ZW}1283{ZW}0366, "
     f"email margot{ZW}.kesselring@exam{ZW}ple.de — please file the refund.",
     (f"Mar{ZW}got", f"Kessel{ZW}ring", f"4532{ZW}0151{ZW}1283{ZW}0366",
      f"margot{ZW}.kesselring"), ("file the refund",)),
    ("invisible", f"Copied from the Word doc: payee Bartholo{SH}mew Ashcroft-Pem{SH}berton, "
     f"IBAN DE65{SH}5001{SH}0517{SH}0648{SH}2917{SH}35, ref. rent June.",
     (f"Bartholo{SH}mew", f"Ashcroft-Pem{SH}berton", f"DE65{SH}5001{SH}0517{SH}0648{SH}2917{SH}35"),
     ("rent June",)),
    ("invisible", "my SSN is 5\u200c3\u200c4-2\u200c1-8\u200c8\u200c0\u200c4 and my phone "
     "+44\u20607700\u2060900\u2060561",
     ("5\u200c3\u200c4-2\u200c1-8\u200c8\u200c0\u200c4", "7700\u2060900\u2060561"), ()),
    # fullwidth letters and digits (a Japanese or Chinese IME)
    ("fullwidth", "氏名：ＴＨＥＯＤＯＲＡ　ＢＬＡＣＫＭＯＲＥ\n電話：０７７００　９００４２７\n"
     "カード番号：５５２９　０４４２　０１１７　８３２３\n"
     "メール：ｔｈｅｏ．ｂｌａｃｋｍｏｒｅ＠ｅｘａｍｐｌｅ．ｃｏｍ",
     ("ＴＨＥＯＤＯＲＡ", "ＢＬＡＣＫＭＯＲＥ", "０７７００　９００４２７",
      "５５２９　０４４２　０１１７　８３２３", "ｔｈｅｏ．ｂｌａｃｋｍｏｒｅ"),
     ("氏名", "電話", "カード番号")),
    ("fullwidth", "my name is Ｒｏｓａｍｕｎｄ Ｆｉｎｃｈ-Ｈａｔｔｏｎ and my SSN is "
     "５３４-２１-８８０４, can you fill in the W-4 for me?",
     ("Ｒｏｓａｍｕｎｄ", "Ｆｉｎｃｈ-Ｈａｔｔｏｎ", "５３４-２１-８８０４"), ("fill in the W-4",)),
    # look-alike letters from Cyrillic and Greek
    ("homoglyph", "Please send the contract to \u041d\u0435l\u0435n\u0430 "
     "M\u043erg\u0435nst\u0435rn (h\u0435l\u0435n\u0430.m\u043erg\u0435nst\u0435rn"
     "@\u043eutl\u043e\u043ek.c\u043em) by Friday.",
     ("\u041d\u0435l\u0435n\u0430", "M\u043erg\u0435nst\u0435rn",
      "h\u0435l\u0435n\u0430.m\u043erg\u0435nst\u0435rn"), ("contract", "by Friday")),
    ("homoglyph", "Passenger \u03a4\u0399\u039c\u039f\u03a4\u0397\u03a5 \u039a\u0395\u0391\u03a4"
     "\u0399\u039dG, booking ref QX7PLM, seat 14C.",
     ("\u03a4\u0399\u039c\u039f\u03a4\u0397\u03a5", "\u039a\u0395\u0391\u03a4\u0399\u039dG"),
     ("booking ref", "seat 14C")),
    # digits written as words
    ("spelled", "ok the filter keeps eating it so: four five three two, oh one five one, one "
     "two eight three, oh three six six, expiry oh nine twenty seven",
     ("four five three two, oh one five one", "one two eight three, oh three six six"),
     ("the filter keeps eating it",)),
    ("spelled", "il mio cellulare è tre quattro sette, sei uno due, otto otto nove zero — "
     "chiamami dopo le sei", ("tre quattro sette, sei uno due, otto otto nove zero",),
     ("chiamami",)),
    ("spelled", "meu celular: nove sete quatro um dois, oito três cinco zero; mijn nummer is nul "
     "zes twee acht vier zeven een negen drie nul",
     ("nove sete quatro um dois, oito três cinco zero",
      "nul zes twee acht vier zeven een negen drie nul"), ("meu celular",)),
    ("spelled", "我的手机号是一三八一七四五九零二六，"
     "银行卡号六二二二零二一二三四五六七八九零一二八，别告诉别人",
     ("一三八一七四五九零二六", "六二二二零二一二三四五六七八九零一二八"), ("别告诉别人",)),
    # digits grouped oddly
    ("grouping", "card: 45320 15112 83036 6 / backup 5529.0442.0117.8323 / amex "
     "3774/821109/40025",
     ("45320 15112 83036 6", "5529.0442.0117.8323", "3774/821109/40025"), ()),
    ("grouping", "My sort code is 20.31.45 and account no. 7382 9164; mobile O77OO 9OO 5l2 "
     "(letters for digits so the bot can't read it)",
     ("20.31.45", "7382 9164", "O77OO 9OO 5l2"), ("letters for digits",)),
    # e-mails written to get past a filter
    ("email-obf", "reach me at rosalind dot achterberg at gmail dot com, or "
     "r_achterberg[at]protonmail[dot]ch, or ROSALIND.ACHTERBERG AT OUTLOOK DOT COM",
     ("rosalind dot achterberg", "r_achterberg", "ROSALIND.ACHTERBERG"), ("reach me",)),
    # values split across a line break or across strings
    ("split", "Customer: Leopoldine\nVanderhoeven-Ruiz, phone 0049 171\n448 2913, IBAN "
     "DE65 5001 0517\n0648 2917 35",
     ("Leopoldine", "Vanderhoeven-Ruiz", "448 2913", "0648 2917 35"), ()),
    ("split", '{"phone_prefix": "+44 7700", "phone_rest": "900 738", "iban_1": "GB33BARC2031", '
     '"iban_2": "4573829164", "first": "Wilhelmina", "last": "Oyelaran-Stokes"}',
     ("900 738", "4573829164", "Wilhelmina", "Oyelaran-Stokes"), ('"phone_prefix"',)),
    ("split", 'const email = "leopoldine" + "." + "vanderhoeven" + "@" + "example.org";\n'
     'const card = ["5529", "0442", "0117", "8323"].join("");',
     ("leopoldine", "vanderhoeven", '"5529", "0442", "0117", "8323"'), ("const email",)),
    # encodings
    ("encoded", "GET /signup?email=fenella.marchbanks%40example.co.uk&name=Fenella%20Marchbanks"
     "&phone=%2B447700900738&dob=1991-07-04 HTTP/1.1",
     ("fenella.marchbanks", "Fenella", "Marchbanks", "447700900738", "1991-07-04"),
     ("GET /signup",)),
    ("encoded", "<p>Contact: Ottoline&nbsp;Prideaux, ottoline&#46;prideaux&#64;example&#46;org, "
     "tel &#48;&#55;&#55;&#48;&#48;&#32;&#57;&#48;&#48;&#50;&#56;&#52;</p>",
     ("Ottoline", "Prideaux", "ottoline&#46;prideaux",
      "&#48;&#55;&#55;&#48;&#48;&#32;&#57;&#48;&#48;&#50;&#56;&#52;"), ("Contact:",)),
    ("encoded", "decode this and tell me if the NI number is valid: "
     "UGVyZWdyaW5lIEFzaGRvd24sIERPQiAxOTg0LTExLTAyLCBOSSBKSCAzMSA3NyA0MCBC",
     ("UGVyZWdyaW5lIEFzaGRvd24sIERPQiAxOTg0LTExLTAyLCBOSSBKSCAzMSA3NyA0MCBC",),
     ("decode this",)),
    ("encoded", "hex of my login e-mail: 632e76616e737472617562656e7a6565406578616d706c652e6e6c,"
     " and the card in base64 is NDUzMjAxNTExMjgzMDM2Ng==",
     ("632e76616e737472617562656e7a6565406578616d706c652e6e6c", "NDUzMjAxNTExMjgzMDM2Ng=="),
     ("login e-mail",)),
    # reversed and leetspeak
    ("reversed", "I wrote it backwards so the filter misses it: moc.liamg@nosrednahcra.ailerua "
     "— name revilloT drabmesI. Reverse both and draft the welcome e-mail.",
     ("moc.liamg@nosrednahcra.ailerua", "revilloT", "drabmesI"), ("welcome e-mail",)),
    ("leet", "write a complaint letter from Ch4rl0tt3 V4nd3rb1lt to her landlord, she "
     "lives at 4 Qu4rry L4ne, Br1stol BS3 4QP",
     ("Ch4rl0tt3", "V4nd3rb1lt", "4 Qu4rry L4ne", "BS3 4QP"), ("complaint letter",)),
    # markup, brackets, quotes, trailing punctuation
    ("markup", "| Name | DOB | Postcode |\n|---|---|---|\n| Isadora Quennell | 1987-03-14 | `LS6 "
     "2QT` |\n\n[Email Isadora](mailto:isadora.quennell@example.com) · [Call](tel:+447700900219)"
     " · NI `JH317740B`",
     ("Isadora", "Quennell", "1987-03-14", "LS6 2QT", "isadora.quennell", "7700900219",
      "JH317740B"), ("| Name | DOB | Postcode |",)),
    ("brackets", "Parties: (Ptolemy Hargreave-Synge), [ptolemy.hs@example.net]; «07700 900 388»; "
     "{DOB: 02.11.1979}; <IBAN NL53RABO0347182956>.",
     ("Ptolemy", "Hargreave-Synge", "ptolemy.hs", "07700 900 388",
      "02.11.1979", "NL53RABO0347182956"), ("Parties:",)),
    ("case", "ATTN: CRESSIDA WAINWRIGHT-OBI RE: ACCOUNT 40308812, SORT CODE 40-47-84.\n"
     "hey its me, tamsin oyelowo-marsh, my dob is 3rd march 1990, pls reset my password",
     ("CRESSIDA", "WAINWRIGHT-OBI", "40308812", "40-47-84", "tamsin", "oyelowo-marsh",
      "3rd march 1990"), ("reset my password",)),
    # ---- (b) languages and scripts ------------------------------------------------------------
    ("de", "Sehr geehrte Damen und Herren, mein Name ist Friedhelm Obermüller, wohnhaft in der "
     "Schwanthalerstraße 112, 80339 München. Meine Steuer-ID lautet 57928461355, Handy 0157 "
     "88412093. Mit freundlichen Grüßen",
     ("Friedhelm", "Obermüller", "Schwanthalerstraße 112", "80339", "57928461355",
      "0157 88412093"), ("Mit freundlichen Grüßen",)),
    ("fr", "Bonjour, je m'appelle Anne-Gaëlle Quéméneur, née le 3 février 1988 à Brest, n° de "
     "sécurité sociale 2 88 02 29 019 123 61, j'habite au 27 bis avenue Jean-Jaurès, 69007 Lyon. "
     "Tél : 07 81 44 23 90. IBAN FR72 3000 3012 3400 0518 2736 422.",
     ("Anne-Gaëlle", "Quéméneur", "3 février 1988", "2 88 02 29 019 123 61",
      "27 bis avenue Jean-Jaurès", "69007", "07 81 44 23 90", "FR72 3000 3012 3400 0518 2736 422"),
     ("sécurité sociale",)),
    ("es", "Hola, soy Íñigo Etxeberria Lasa, DNI 48213957T, vivo en Calle de Alcalá 245, 4º B, "
     "28028 Madrid; móvil 612 48 73 09.",
     ("Íñigo", "Etxeberria", "48213957T", "Calle de Alcalá 245", "28028", "612 48 73 09"),
     ()),
    ("it", "Buongiorno, sono Ludovica Caracciolo, nata a Napoli il 14/06/1979, codice fiscale "
     "CRCLDV79H54F839P, residente in Via Toledo 256, 80134 Napoli. Cellulare 347 612 8890.",
     ("Ludovica", "Caracciolo", "14/06/1979", "CRCLDV79H54F839P", "Via Toledo 256", "80134",
      "347 612 8890"), ("codice fiscale",)),
    ("pt", "Olá, meu nome é Thaís Gonçalves Bittencourt, CPF 381.746.205-08, RG 27.418.593-6, "
     "moro na Rua Augusta, 1508, apto 42, São Paulo - SP, CEP 01304-001. Celular (11) "
     "97412-8350.",
     ("Thaís", "Bittencourt", "381.746.205-08", "27.418.593-6", "Rua Augusta, 1508",
      "01304-001", "97412-8350"), ("meu nome é",)),
    ("nl", "Hoi, ik ben Maartje Oosterhuis-de Graaf, BSN 264819354, adres Oudegracht 231bis, "
     "3511 NK Utrecht, mobiel 06 2847 1930.",
     ("Maartje", "Oosterhuis-de Graaf", "264819354", "Oudegracht 231bis", "3511 NK",
      "06 2847 1930"), ()),
    ("pl", "Dzień dobry, nazywam się Grzegorz Wierzchołowski, PESEL 92030714523, NIP "
     "726-104-89-37, zamieszkały przy ul. Mickiewicza 18/4, 31-120 Kraków, tel. 512 884 230.",
     ("Grzegorz", "Wierzchołowski", "92030714523", "726-104-89-37", "Mickiewicza 18/4", "31-120",
      "512 884 230"), ("Dzień dobry",)),
    ("tr", "Merhaba, adım Zeynep Karaoğlu, TC Kimlik No: 10573294652, adres: Bağdat Caddesi No: "
     "214 D: 7, 34728 Kadıköy/İstanbul, cep: 0532 418 27 90, IBAN TR93 0006 7010 0000 0049 2718 "
     "63.",
     ("Zeynep", "Karaoğlu", "10573294652", "Bağdat Caddesi No: 214", "34728", "0532 418 27 90",
      "TR93 0006 7010 0000 0049 2718 63"), ("Merhaba",)),
    ("ru", "Здравствуйте! Меня зовут Светлана Игоревна Пантелеева, паспорт 45 12 784512, ИНН "
     "502417325954, СНИЛС 143-592-817 77, адрес: г. Москва, ул. Большая Пироговская, д. 27, "
     "кв. 14, тел. +7 916 482-19-07.",
     ("Светлана", "Пантелеева", "45 12 784512", "502417325954", "143-592-817 77",
      "Большая Пироговская, д. 27", "916 482-19-07"), ("Здравствуйте",)),
    ("el", "Γεια σας, ονομάζομαι Παναγιώτης Κωνσταντινίδης, ΑΜΚΑ 14068512343, ΑΦΜ 094817255, "
     "διεύθυνση Λεωφόρος Αλεξάνδρας 48, 114 73 Αθήνα, κινητό 694 812 3307.",
     ("Παναγιώτης", "Κωνσταντινίδης", "14068512343", "094817255", "Αλεξάνδρας 48", "114 73",
      "694 812 3307"), ("Γεια σας",)),
    ("ar", "مرحبا، اسمي يوسف عبد الرحمن الشمري، رقم الهوية الوطنية 1087452395، رقم الجوال "
     "٠٥٠٤٨٢٣٩١٧، العنوان: حي النرجس، شارع العليا ٤٢١٥، الرياض ١٣٣٢٧",
     ("يوسف", "الشمري", "1087452395", "٠٥٠٤٨٢٣٩١٧", "شارع العليا ٤٢١٥", "١٣٣٢٧"), ("مرحبا",)),
    ("he", "שלום, שמי נועה ברקוביץ, ת.ז. 038752945, טלפון 052-7418396, כתובת: רחוב הרצל 45 דירה "
     "12, ראשון לציון", ("נועה", "ברקוביץ", "038752945", "052-7418396", "הרצל 45"), ("שלום",)),
    ("hi", "नमस्ते, मेरा नाम प्रियंका रघुवंशी है। मेरा आधार नंबर ६२९१ ४८३० ५७२३ है और पैन "
     "BQRPR4821K है। पता: मकान नं. 27, सेक्टर 15, नोएडा 201301. मोबाइल: ९८११० ४७२६३",
     ("प्रियंका", "रघुवंशी", "६२९१ ४८३० ५७२३", "BQRPR4821K", "मकान नं. 27", "201301",
      "९८११० ४७२६३"), ("नमस्ते",)),
    ("zh", "你好，我叫欧阳婉清，身份证号110105198803124517，手机13817459026，"
     "住址：上海市徐汇区漕溪北路398号5号楼1203室，邮编200030。请帮我写一封辞职信。",
     ("婉清", "110105198803124517", "13817459026", "漕溪北路398号", "1203室", "200030"),
     ("辞职信",)),
    ("zh", "您好，我是陳怡君，身分證字號 A224819371，住在台北市大安區復興南路一段390號3樓，"
     "電話 0912-345-618，銀行卡號 6222 0212 3456 7890 128。",
     ("陳怡君", "A224819371", "390號", "0912-345-618", "6222 0212 3456 7890 128"),
     ()),
    ("ja", "お世話になっております。山口 由紀子と申します。"
     "住所は〒150-0043 東京都渋谷区道玄坂1丁目12番3号、電話番号は090-4827-1593、"
     "マイナンバーは4729 1038 5622です。よろしくお願いいたします。",
     ("山口", "由紀子", "150-0043", "道玄坂1丁目12番3号", "090-4827-1593", "4729 1038 5622"),
     ("よろしくお願いいたします",)),
    ("ja", "氏名（フリガナ）：ハセガワ タクミ\n生年月日：平成4年7月15日\n"
     "電話：〇八〇‐三九一二‐七七四五",
     ("ハセガワ", "タクミ", "平成4年7月15日", "〇八〇‐三九一二‐七七四五"), ("生年月日",)),
    ("ko", "안녕하세요, 저는 박서연입니다. 주민등록번호 920708-2345672, 주소 서울특별시 마포구 "
     "월드컵북로 396, 101동 1502호, 휴대폰 010-4827-3619 입니다.",
     ("박서연", "920708-2345672", "월드컵북로 396", "1502호", "010-4827-3619"), ("안녕하세요",)),
    ("vi", "Xin chào, tôi là Nguyễn Thị Thu Hằng, số CCCD 001198012345, địa chỉ: số 27 ngõ 85 "
     "phố Hào Nam, quận Đống Đa, Hà Nội; SĐT 0912 384 756.",
     ("Thu Hằng", "001198012345", "ngõ 85", "0912 384 756"), ("Xin chào",)),
    ("th", "สวัสดีครับ ผมชื่อ สมชาย วงศ์สวัสดิ์ เลขประจำตัวประชาชน 1-1037-00123-45-8 ที่อยู่ "
     "99/123 ถนนสุขุมวิท ซอย 21 แขวงคลองเตยเหนือ เขตวัฒนา กรุงเทพฯ 10110 โทร ๐๘๑-๔๗๒-๙๓๖๐",
     ("สมชาย", "วงศ์สวัสดิ์", "1-1037-00123-45-8", "99/123", "10110", "๐๘๑-๔๗๒-๙๓๖๐"),
     ("สวัสดีครับ",)),
    # mixed-language messages
    ("mixed", "bhai mera naam Rohit Deshpande hai, UPI id rohit.deshpande@okhdfcbank hai, PAN "
     "CKLPD7391M aur Aadhaar 3847 2951 8066 — yeh form bhar do please",
     ("Rohit", "Deshpande", "rohit.deshpande@okhdfcbank", "CKLPD7391M", "3847 2951 8066"),
     ("form bhar do",)),
    ("mixed", "Salam, ana smiti Khadija Benslimane, CIN BE748213, rani sakna f 14 Derb Sidi "
     "Bouloukat, 20250 Casablanca, tel 06 61 48 27 93. Merci de traduire en anglais.",
     ("Khadija", "Benslimane", "BE748213", "14 Derb Sidi Bouloukat", "20250", "06 61 48 27 93"),
     ("traduire en anglais",)),
    ("mixed", "Please translate for my colleague 김지훈: 여권번호 M48213579, 생년월일 1988년 3월 "
     "14일; and for Дмитрий Соколовский: his СНИЛС is 287-451-936 21.",
     ("김지훈", "M48213579", "1988년 3월 14일", "Дмитрий", "Соколовский", "287-451-936 21"),
     ("Please translate",)),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
