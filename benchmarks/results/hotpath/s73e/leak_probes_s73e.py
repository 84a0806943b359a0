"""The forty-third round's probe prompts for values said aloud: text that automatic speech
recognition wrote from a call-centre or telehealth call, a voicemail, a dictated clinical note,
a meeting's captions or a voice assistant's query, where values come out as words and pieces.
Phone, card, account, SSN and NHS numbers in digit words and mixed with numerals (``four one
one one, one one one one``, ``double five``, ``oh`` for zero, ``triple seven``, numbers in pairs
``sixty-two forty``); e-mail addresses spelled (``j o h n dot smith at gmail dot com``,
``underscore``); names spelled letter by letter, in capitals with hyphens or with the NATO
alphabet (``S as in Sierra``); postcodes, ZIP codes, plates and IBANs read out character by
character; dates said aloud (``the fourteenth of March nineteen eighty-two``, ``oh three oh four
seventy-one``); ASR's homophones (``for`` for four, ``to``/``too`` for two, ``won`` for one,
``ate`` for eight), hesitations (``um``, ``uh``), corrections (``four five, sorry, four six``),
and names in lower case without punctuation. Speaker labels and timestamps as the tools write
them (``[00:01:12] Agent:``, ``SPEAKER_01:``, WebVTT cues). Words that must stay: the
conversation's own words, amounts, doses, counts and times of day.

A spelled value counts as gone upstream when its spoken form is left whole in the masked text
(the runner's test is the value's string). Counted with the ``veil`` on ``PYTHONPATH`` and one
NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s73e/leak_probes_s73e.py \
        learned|spacy [--show]

All values are made up; checksums hold where the value has one (Luhn cards, IBAN mod-97, NHS
mod-11). ``leak_probes_before.txt`` is the round's base tree (``/tmp/s73/base``);
``leak_probes_after.txt`` the tree at the round's end.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- call centre: phone numbers in digit words ---------------------------------------------
    ('phone', '[00:01:12] Agent: Can I take a contact number in case we get cut off?\n'
     '[00:01:15] Caller: yeah it\'s oh seven seven double oh, nine hundred, four six one',
     ('oh seven seven double oh, nine hundred, four six one',), ('contact number', 'cut off')),
    ('phone', 'Agent: what\'s the best number to reach you on\nCaller: four one five, five five '
     'five, oh one three four',
     ('four one five, five five five, oh one three four',), ('best number', 'reach you')),
    ('phone', 'SPEAKER_00: and the mobile on the account?\nSPEAKER_01: um it\'s two oh six, uh, '
     'five five five, uh, oh one nine nine',
     ('two oh six, uh, five five five, uh, oh one nine nine',), ('mobile on the account',)),
    ('phone', '[00:02:40] Caller: you can call me back on for one five five five five won two '
     'three for\n[00:02:46] Agent: thank you I\'ll note that down',
     ('for one five five five five won two three for',), ('call me back', 'note that down')),
    ('phone', 'Agent: and a daytime number?\nCustomer: six one seven, five five five, oh one '
     'four, sorry, oh one four two',
     ('six one seven, five five five, oh one four, sorry, oh one four two',),
     ('daytime number',)),
    ('phone', 'Caller: it\'s triple seven, two three four, five six seven eight. that\'s my cell',
     ('triple seven, two three four, five six seven eight',), ('my cell',)),
    ('phone', 'Agent: Can you confirm the number we have on file?\nCaller: plus four four, '
     'seven seven double oh, nine double oh, one two three',
     ('plus four four, seven seven double oh, nine double oh, one two three',),
     ('on file',)),
    ('phone', 'SPEAKER_01: my husband\'s number is eight oh one, five five five, sixty two forty '
     'if you can\'t get me',
     ('eight oh one, five five five, sixty two forty',), ("husband's number", "can't get me")),
    ('phone', '[00:00:31] Agent: and a landline?\n[00:00:33] Caller: oh one one three, four '
     'nine six, oh oh seven two',
     ('oh one one three, four nine six, oh oh seven two',), ('landline',)),
    ('phone', 'Caller: so the number is 555 oh one four three and the area code is three one '
     'two',
     ('555 oh one four three',), ('area code',)),
    ('phone', 'Agent: sorry you broke up there, could you repeat that?\nCaller: nine one seven... '
     'five five five... two three four five',
     ('nine one seven... five five five... two three four five',), ('broke up there',)),
    ('phone', 'Customer: the number\'s oh two oh seven nine four six oh nine five eight, that\'s '
     'the office',
     ('oh two oh seven nine four six oh nine five eight',), ('the office',)),
    ('phone', 'SPEAKER_02: text me on oh four one two, five five five, oh one nine, I don\'t '
     'check email',
     ('oh four one two, five five five, oh one nine',), ("don't check email",)),
    ('phone', 'Caller: it\'s three one two, five five five, to one to three\nAgent: great, '
     'thank you',
     ('three one two, five five five, to one to three',), ('great, thank you',)),
    ('phone', 'Agent: is the mobile still seven one eight, five five five, oh one four six?\n'
     'Caller: no it changed, it\'s seven one eight, five five five, oh ate four six now',
     ('seven one eight, five five five, oh one four six',
      'seven one eight, five five five, oh ate four six'), ('it changed',)),
    ('phone', 'Voicemail (transcribed): hi this is a message for doctor patel\'s office, '
     'please call me back on oh seven nine one one, one two three, four five six, thanks bye',
     ('oh seven nine one one, one two three, four five six',), ('call me back', 'thanks bye')),
    ('phone', 'Voicemail transcription: Hey it\'s Marcus from the garage, your car\'s ready, '
     'ring us on oh one six one, four nine six, double two double seven before five thirty.',
     ('oh one six one, four nine six, double two double seven',),
     ('car\'s ready', 'before five thirty')),
    ('phone', 'hey google call nine seven three five five five oh one two seven',
     ('nine seven three five five five oh one two seven',), ('hey google call',)),
    ('phone', 'Alexa, send a text to six four six, five five five, oh one eight eight saying '
     'running ten minutes late',
     ('six four six, five five five, oh one eight eight',), ('running ten minutes late',)),
    ('phone', 'Siri add a contact plumber, number is four four two, five five five, oh one '
     'six, um, one',
     ('four four two, five five five, oh one six, um, one',), ('add a contact plumber',)),
    ('phone', '00:04:12.480 --> 00:04:15.900\nDana: if anything goes wrong my cell is five oh '
     'three, five five five, oh one two one\n\n00:04:16.000 --> 00:04:18.200\nLee: perfect',
     ('five oh three, five five five, oh one two one',), ('goes wrong', 'perfect')),
    ('phone', 'Agent: And is that a UK number?\nCaller: yes oh seven seven double oh nine double '
     'oh four six one — no wait — four six two',
     ('oh seven seven double oh nine double oh four six one — no wait — four six two',),
     ('UK number',)),
    ('phone', 'SPEAKER_00: what number should the pharmacy call\nSPEAKER_01: two one two five '
     'five five oh one oh oh extension two four',
     ('two one two five five five oh one oh oh',), ('pharmacy call',)),
    ('phone', 'Caller: the fax is four oh four, 555, oh one seven seven',
     ('four oh four, 555, oh one seven seven',), ('the fax is',)),
    # --- payment cards and bank details in words -----------------------------------------------
    ('card', '[00:05:02] Agent: go ahead with the long number on the card\n[00:05:05] Caller: '
     'four one one one, one one one one, one one one one, one one one one',
     ('four one one one, one one one one, one one one one, one one one one',),
     ('long number on the card',)),
    ('card', 'Customer: ok the card is four two four two, four two four two, four two four two, '
     'four two four two expiry oh nine twenty seven',
     ('four two four two, four two four two, four two four two, four two four two',),
     ('expiry',)),
    ('card', 'Agent: card number please\nCaller: five five five five, double five double five, '
     'five five five five, four four four four',
     ('five five five five, double five double five, five five five five, four four four four',),
     ('card number please',)),
    ('card', 'SPEAKER_01: it\'s a visa, four oh one two, eight eight eight eight, eight eight '
     'eight eight, one eight eight one',
     ('four oh one two, eight eight eight eight, eight eight eight eight, one eight eight one',),
     ("it's a visa",)),
    ('card', 'Caller: amex, three seven eight two, eight two two four six three, one oh oh oh '
     'five',
     ('three seven eight two, eight two two four six three, one oh oh oh five',), ('amex',)),
    ('card', 'Agent: and the card?\nCaller: 4111 1111 one one one one, uh, 1111',
     ('4111 1111 one one one one, uh, 1111',), ('and the card',)),
    ('card', 'Caller: discover card six oh one one, one one one one, one one one one, one one '
     'one seven and the security code is four two one',
     ('six oh one one, one one one one, one one one one, one one one seven',),
     ('security code',)),
    ('card', 'Agent: what\'s the card number?\nCaller: four five three two, oh one five one, '
     'one two eight three, oh three six six. I want to pay two thousand dollars today',
     ('four five three two, oh one five one, one two eight three, oh three six six',),
     ('two thousand dollars', 'pay')),
    ('bank', 'Caller: the account number is three one nine two, six eight one nine and sort '
     'code four oh, four seven, eight four',
     ('three one nine two, six eight one nine',), ('account number', 'sort code')),
    ('bank', 'Agent: routing and account?\nCaller: routing is oh two one, oh oh oh, oh two one; '
     'account is four four five, six six, seven eight nine oh one',
     ('oh two one, oh oh oh, oh two one', 'four four five, six six, seven eight nine oh one'),
     ('routing and account',)),
    ('bank', 'SPEAKER_01: my IBAN is G B eight two, W E S T, one two three four, five six nine '
     'eight, seven six five four, three two',
     ('G B eight two, W E S T, one two three four, five six nine eight, seven six five four, '
      'three two',), ('my IBAN',)),
    ('bank', 'Caller: the IBAN, D E eight nine, three seven oh four, oh oh four four, oh five '
     'three two, oh one three oh, oh oh',
     ('D E eight nine, three seven oh four, oh oh four four, oh five three two, oh one three oh, '
      'oh oh',), ('the IBAN',)),
    ('bank', 'Agent: and the member ID on the back of the card?\nCaller: it\'s W two six, four '
     'four one, nine oh seven',
     ('W two six, four four one, nine oh seven',), ('member ID', 'back of the card')),
    ('bank', 'Caller: my policy number is P O L, seven seven one, two three oh nine',
     ('P O L, seven seven one, two three oh nine',), ('policy number',)),
    # --- SSN, NHS and other national numbers ----------------------------------------------------
    ('ssn', 'Agent: for verification, your social?\nCaller: five one two, four eight, seven '
     'seven one oh',
     ('five one two, four eight, seven seven one oh',), ('for verification',)),
    ('ssn', '[00:03:10] Agent: I need the full social security number\n[00:03:14] Caller: uh '
     'oh seven eight, oh five, one one two oh',
     ('oh seven eight, oh five, one one two oh',), ('full social security number',)),
    ('ssn', 'SPEAKER_01: my ssn is four oh one, two three, eight eight five six',
     ('four oh one, two three, eight eight five six',), ('my ssn',)),
    ('ssn', 'Caller: last four of the social is seven seven one oh',
     ('seven seven one oh',), ('last four of the social',)),
    ('nhs', 'Receptionist: and your NHS number?\nPatient: nine four three, four seven six, five '
     'nine one nine',
     ('nine four three, four seven six, five nine one nine',), ('NHS number',)),
    ('nhs', 'Dictation: patient NHS number four oh one, oh two three, two one three seven, '
     'seen today with a chest infection, amoxicillin five hundred milligrams three times a day '
     'for five days.',
     ('four oh one, oh two three, two one three seven',),
     ('chest infection', 'amoxicillin five hundred milligrams', 'three times a day',
      'for five days')),
    ('nhs', 'SPEAKER_00: national insurance number please\nSPEAKER_01: Q Q one two, three four, '
     'five six C',
     ('Q Q one two, three four, five six C',), ('national insurance number',)),
    # --- e-mail addresses spelled ----------------------------------------------------------------
    ('email', 'Agent: and an email address?\nCaller: j o h n dot smith at gmail dot com',
     ('j o h n dot smith at gmail dot com',), ('email address',)),
    ('email', 'Caller: my email is john underscore smith eighty four at outlook dot com',
     ('john underscore smith eighty four at outlook dot com',), ('my email',)),
    ('email', '[00:06:01] Agent: where should we send the confirmation?\n[00:06:04] Caller: '
     'it\'s m dot okafor at yahoo dot co dot uk',
     ('m dot okafor at yahoo dot co dot uk',), ('send the confirmation',)),
    ('email', 'SPEAKER_01: email is k e l l y dot r at proton dot me',
     ('k e l l y dot r at proton dot me',), ('email is',)),
    ('email', 'Caller: it\'s priya dash raman at hotmail dot com, all lower case',
     ('priya dash raman at hotmail dot com',), ('all lower case',)),
    ('email', 'Agent: can you spell the email for me\nCaller: sure, d, a, n, a, dot, w, u at '
     'icloud dot com',
     ('d, a, n, a, dot, w, u at icloud dot com',), ('spell the email',)),
    ('email', 'Voicemail: hi it\'s tom please send the quote to t dot brennan at brennan '
     'plumbing dot co dot uk thanks',
     ('t dot brennan at brennan plumbing dot co dot uk',), ('send the quote',)),
    ('email', 'Caller: my work email, a l e x at acme corp dot com',
     ('a l e x at acme corp dot com',), ('my work email',)),
    ('email', 'Agent: the email we have is jsmith at gmail dot com\nCaller: no it\'s j '
     'underscore smith seven at gmail dot com',
     ('jsmith at gmail dot com', 'j underscore smith seven at gmail dot com'),
     ('the email we have',)),
    ('email', 'hey siri email sarah dot o\'connor at gmail dot com that the meeting moved to '
     'three',
     ("sarah dot o'connor at gmail dot com",), ('meeting moved to three',)),
    ('email', 'Caller: it\'s info at the bakehouse dot co dot uk, that\'s bakehouse one word',
     ('info at the bakehouse dot co dot uk',), ('one word',)),
    ('email', 'Customer: my email address is r. o. s. a. at fastmail dot com',
     ('r. o. s. a. at fastmail dot com',), ('my email address',)),
    # --- names spelled ----------------------------------------------------------------------------
    ('spell', 'Agent: can you spell the surname?\nCaller: yes it\'s S as in Sierra, M as in '
     'Mike, I, T, H',
     ('S as in Sierra, M as in Mike, I, T, H',), ('spell the surname',)),
    ('spell', 'Caller: my name is mckenna, that\'s M-C-K-E-N-N-A',
     ('M-C-K-E-N-N-A', 'mckenna'), ('my name is',)),
    ('spell', '[00:00:45] Agent: and your last name?\n[00:00:47] Caller: okonkwo, o k o n k w o',
     ('okonkwo', 'o k o n k w o'), ('last name',)),
    ('spell', 'SPEAKER_01: it\'s Nguyen, N G U Y E N\nSPEAKER_00: thank you Mr Nguyen',
     ('N G U Y E N', 'Mr Nguyen'), ('thank you',)),
    ('spell', 'Agent: how do you spell that?\nCaller: B for Bravo, R for Romeo, Z for Zulu, '
     'E, Z, I, N, S, K, I',
     ('B for Bravo, R for Romeo, Z for Zulu, E, Z, I, N, S, K, I',), ('how do you spell',)),
    ('spell', 'Caller: the first name is siobhan, s i o b h a n',
     ('siobhan', 's i o b h a n'), ('first name',)),
    ('spell', 'Agent: Could I get the spelling of the patient\'s name?\nNurse: T as in Tango, '
     'H, O, M, P, S, O, N, Thompson with a P',
     ('T as in Tango, H, O, M, P, S, O, N',), ("patient's name", 'with a P')),
    ('spell', 'Caller: it\'s Wojciechowski, double-u o j c i e c h o w s k i',
     ('Wojciechowski', 'double-u o j c i e c h o w s k i'), ()),
    ('spell', 'SPEAKER_00: last name please\nSPEAKER_01: Kowalczyk. K. O. W. A. L. C. Z. Y. K.',
     ('Kowalczyk', 'K. O. W. A. L. C. Z. Y. K.'), ('last name please',)),
    ('spell', 'Agent: the name on the booking?\nCaller: D apostrophe S O U Z A, D\'Souza',
     ('D apostrophe S O U Z A', "D'Souza"), ('name on the booking',)),
    ('spell', 'Caller: Echo, Lima, Lima, India, Sierra — Ellis, that\'s the surname',
     ('Echo, Lima, Lima, India, Sierra',), ("that's the surname",)),
    # --- postcodes, ZIP codes, plates, addresses --------------------------------------------------
    ('place', 'Agent: and the postcode?\nCaller: S W one A, one A A',
     ('S W one A, one A A',), ('the postcode',)),
    ('place', 'Caller: it\'s L S six, two Q A, that\'s for the delivery',
     ('L S six, two Q A',), ('for the delivery',)),
    ('place', '[00:01:50] Agent: what\'s your post code?\n[00:01:52] Caller: M one four, five '
     'W X',
     ('M one four, five W X',), ('post code',)),
    ('place', 'Agent: zip code?\nCaller: nine oh two one oh',
     ('nine oh two one oh',), ('zip code',)),
    ('place', 'SPEAKER_01: I\'m at forty two wallaby way, sydney, postcode two thousand',
     ('forty two wallaby way',), ("I'm at",)),
    ('place', 'Caller: the address is twelve brunswick terrace hove B N three one H L',
     ('twelve brunswick terrace', 'B N three one H L'), ('the address is',)),
    ('place', 'Caller: my zip is three oh three oh nine, dash, two two four one',
     ('three oh three oh nine, dash, two two four one',), ('my zip',)),
    ('place', 'Agent: the postal code in Toronto?\nCaller: M five V, three L nine',
     ('M five V, three L nine',), ('postal code',)),
    ('plate', 'Caller: the registration is K X one nine, K P L, silver ford focus',
     ('K X one nine, K P L',), ('silver ford focus',)),
    ('plate', 'Agent: license plate?\nCaller: seven A B C one two three, California',
     ('seven A B C one two three',), ('license plate',)),
    ('plate', 'SPEAKER_01: reg is A B one two, C D E, it\'s a blue van',
     ('A B one two, C D E',), ("it's a blue van",)),
    # --- dates said aloud --------------------------------------------------------------------------
    ('date', 'Agent: date of birth?\nCaller: the fourteenth of March nineteen eighty two',
     ('the fourteenth of March nineteen eighty two',), ('date of birth',)),
    ('date', 'Agent: can I take your date of birth\nCaller: oh three oh four seventy one',
     ('oh three oh four seventy one',), ('date of birth',)),
    ('date', 'SPEAKER_00: and your d o b?\nSPEAKER_01: twelve twelve nineteen ninety',
     ('twelve twelve nineteen ninety',), ('and your',)),
    ('date', 'Caller: I was born march third eighty five',
     ('march third eighty five',), ('I was born',)),
    ('date', 'Dictation: this is a sixty-two year old gentleman, date of birth the second of '
     'June nineteen sixty two, presenting with chest pain.',
     ('the second of June nineteen sixty two',),
     ('sixty-two year old gentleman', 'chest pain')),
    ('date', 'Receptionist: DOB?\nPatient: seventh of the ninth, eighty eight',
     ('seventh of the ninth, eighty eight',), ()),
    ('date', 'Agent: date of birth please\nCaller: um oh five, oh seven, nineteen seventy six',
     ('oh five, oh seven, nineteen seventy six',), ('date of birth please',)),
    ('date', 'Caller: my birthday is the twenty first of October, two thousand and one',
     ('the twenty first of October, two thousand and one',), ('my birthday',)),
    # --- telehealth and dictated notes ------------------------------------------------------------
    ('clinic', 'Dictation for Dr. Hale: patient is margaret oyelaran, date of birth the third '
     'of may nineteen forty eight, continue metformin five hundred milligrams twice daily, '
     'recheck in two weeks.',
     ('margaret oyelaran', 'the third of may nineteen forty eight'),
     ('metformin five hundred milligrams twice daily', 'recheck in two weeks')),
    ('clinic', '[00:02:11] Doctor: and you\'re taking the lisinopril twenty milligrams?\n'
     '[00:02:14] Patient: yes one tablet every morning, and the atorvastatin forty at night\n'
     '[00:02:20] Doctor: ok and your pharmacy number?\n[00:02:22] Patient: oh one two three, '
     'four five six, seven eight nine',
     ('oh one two three, four five six, seven eight nine',),
     ('lisinopril twenty milligrams', 'one tablet every morning', 'atorvastatin forty')),
    ('clinic', 'Nurse: weight is seventy two kilos, blood pressure one thirty five over eighty '
     'five, pulse seventy eight, temperature thirty seven point two.',
     (), ('seventy two kilos', 'one thirty five over eighty five', 'pulse seventy eight',
          'thirty seven point two')),
    ('clinic', 'Dictated letter: Dear Dr. Okafor, I saw your patient anita desai today, M R N '
     'four four seven one nine oh two, who reports two episodes of chest pain lasting ten '
     'minutes.',
     ('anita desai', 'four four seven one nine oh two'),
     ('two episodes of chest pain', 'lasting ten minutes')),
    ('clinic', 'SPEAKER_00: give her two point five milligrams of morphine and five hundred '
     'mils of saline over thirty minutes, and recheck at fourteen hundred',
     (), ('two point five milligrams of morphine', 'five hundred mils of saline',
          'over thirty minutes', 'fourteen hundred')),
    ('clinic', 'Doctor: your next appointment is on the fourth of April at two thirty, with '
     'doctor ramirez, room one oh four',
     (), ('next appointment', 'at two thirty', 'room one oh four')),
    ('clinic', 'Caller: I\'m calling about my mother, her hospital number is R X seven seven '
     'four one two nine, she\'s on ward nine',
     ('R X seven seven four one two nine',), ("she's on ward nine", 'my mother')),
    ('clinic', 'Patient: I take one thousand units of vitamin d, two puffs of the inhaler four '
     'times a day, and ibuprofen four hundred as needed',
     (), ('one thousand units of vitamin d', 'two puffs of the inhaler four times a day',
          'ibuprofen four hundred as needed')),
    ('clinic', 'Dictation: insulin glargine twenty four units at ten pm, blood sugar readings '
     'one two five, one four oh, one one eight, one three two this week.',
     (), ('twenty four units at ten pm', 'one two five, one four oh, one one eight',
          'this week')),
    # --- amounts, counts, times that must stay ----------------------------------------------------
    ('keep', 'Agent: so that\'s two thousand five hundred dollars paid over twelve months, '
     'one hundred and fifty the first month\nCaller: yes and four payments of two fifty after',
     (), ('two thousand five hundred dollars', 'twelve months', 'one hundred and fifty',
          'four payments of two fifty')),
    ('keep', 'SPEAKER_00: the meeting is at nine fifteen, then ten thirty, then eleven forty '
     'five, and lunch at twelve thirty',
     (), ('nine fifteen', 'ten thirty', 'eleven forty five', 'twelve thirty')),
    ('keep', 'Caller: I ordered three of the large ones and two of the small, so five in total, '
     'for twenty nine ninety nine each',
     (), ('three of the large ones', 'two of the small', 'five in total',
          'twenty nine ninety nine each')),
    ('keep', 'Agent: step one, unplug the router. step two, wait thirty seconds. step three, '
     'plug it back in and wait two to three minutes',
     (), ('step one', 'step two', 'wait thirty seconds', 'two to three minutes')),
    ('keep', 'Caller: it happened on the fourteenth of March, about three in the afternoon, '
     'and I waited forty five minutes on hold',
     (), ('fourteenth of March', 'three in the afternoon', 'forty five minutes on hold')),
    ('keep', 'SPEAKER_01: we need one, two, three, four, five, six, seven volunteers for the '
     'count, that\'s seven people',
     (), ('seven volunteers', "that's seven people")),
    ('keep', 'Agent: your order one of four ships today and items two to four ship on monday',
     (), ('order one of four', 'items two to four')),
    ('keep', 'hey google set a timer for twenty five minutes and remind me at six to call mum',
     (), ('timer for twenty five minutes', 'remind me at six to call mum')),
    ('keep', 'Caller: the boiler is about ten years old, model two four c d i, and the '
     'pressure is at one point five bar',
     (), ('ten years old', 'one point five bar')),
    ('keep', 'Agent: we can offer a refund of one thousand nine hundred and ninety nine pounds '
     'or a voucher for two thousand',
     (), ('one thousand nine hundred and ninety nine pounds', 'voucher for two thousand')),
    ('keep', 'Agent: press one for billing, two for technical support, three for sales, four '
     'for anything else',
     (), ('press one for billing', 'two for technical support', 'three for sales',
          'four for anything else')),
    ('keep', 'SPEAKER_00: the scores were nine to seven, then six to four, then seven to five, '
     'so we won two sets to one',
     (), ('nine to seven', 'six to four', 'seven to five', 'two sets to one')),
    ('keep', 'Caller: I need it for two nights, for four adults and two kids, checking in on '
     'the fifth',
     (), ('for two nights', 'four adults and two kids', 'on the fifth')),
    ('keep', 'Agent: that\'s flight B A two eight three leaving at seven forty five from '
     'terminal five, gate A nine',
     (), ('leaving at seven forty five', 'terminal five')),
    ('keep', 'Teacher: turn to page one hundred and four and do questions one to six and nine',
     (), ('page one hundred and four', 'questions one to six and nine')),
    ('keep', 'Caller: the wifi box has a light that blinks green, then red, then green again, '
     'about every two seconds',
     (), ('blinks green', 'every two seconds')),
    # --- names in lower case, no punctuation ------------------------------------------------------
    ('name', '[00:00:05] Agent: thank you for calling northwind energy my name is david how can '
     'I help\n[00:00:09] Caller: hi yeah this is rebecca hollingsworth calling about my bill',
     ('rebecca hollingsworth',), ('northwind energy', 'calling about my bill')),
    ('name', 'SPEAKER_00: who am I speaking with\nSPEAKER_01: its tunde bakare',
     ('tunde bakare',), ('who am I speaking with',)),
    ('name', 'Voicemail: hi doctor it\'s gareth price again about my results please call me '
     'back on oh seven seven double oh nine double oh one two three',
     ('gareth price', 'oh seven seven double oh nine double oh one two three'),
     ('about my results',)),
    ('name', 'Agent: is the account holder present\nCaller: no it\'s my wife\'s account her name '
     'is aisling murphy and her date of birth is the ninth of july nineteen seventy nine',
     ('aisling murphy', 'the ninth of july nineteen seventy nine'),
     ('account holder present',)),
    ('name', 'Caller: um yeah uh my name is uh ravi shankar and um I want to cancel',
     ('ravi shankar',), ('I want to cancel',)),
    # --- mixed, longer transcripts ----------------------------------------------------------------
    ('mixed', '[00:00:02] Agent: Thanks for calling, can I start with your full name?\n'
     '[00:00:05] Caller: yeah it\'s helena vasquez, V A S Q U E Z\n[00:00:09] Agent: and a '
     'date of birth?\n[00:00:11] Caller: twenty third of august nineteen ninety\n[00:00:15] '
     'Agent: and the postcode?\n[00:00:16] Caller: B S eight, one T H\n[00:00:20] Agent: '
     'lovely, and what\'s the issue today?\n[00:00:22] Caller: my direct debit of forty five '
     'pounds went out twice',
     ('helena vasquez', 'V A S Q U E Z', 'twenty third of august nineteen ninety',
      'B S eight, one T H'), ('direct debit of forty five pounds', 'went out twice')),
    ('mixed', 'SPEAKER_00: okay I\'ll need the card, go ahead\nSPEAKER_01: four two four two\n'
     'SPEAKER_01: four two four two\nSPEAKER_01: four two four two\nSPEAKER_01: four two four '
     'two\nSPEAKER_00: and the expiry\nSPEAKER_01: oh nine twenty seven',
     ('four two four two\nSPEAKER_01: four two four two',), ('and the expiry',)),
    ('mixed', 'Agent: what\'s the best email and phone?\nCaller: email is dana underscore w at '
     'gmail dot com and phone is three one two, five five five, oh one six five',
     ('dana underscore w at gmail dot com', 'three one two, five five five, oh one six five'),
     ('best email and phone',)),
    ('mixed', '00:10:01.000 --> 00:10:04.000\nPriya: can everyone send expenses to finance at '
     'northwind dot io by friday\n\n00:10:05.000 --> 00:10:08.000\nTom: will do, the total was '
     'three hundred and twelve pounds forty',
     ('finance at northwind dot io',),
     ('send expenses', 'three hundred and twelve pounds forty')),
    ('mixed', 'Caller: I\'ve been charged twice, the transaction was for one hundred and ninety '
     'nine ninety nine and my card ends in four four four four',
     ('four four four four',), ('charged twice', 'one hundred and ninety nine ninety nine')),
    ('mixed', 'Agent: can you confirm the reference?\nCaller: it\'s A B C, one two three, X Y Z '
     'and my name is jonas',
     ('A B C, one two three, X Y Z',), ('confirm the reference',)),
    ('mixed', 'Caller: my username is j smith eighty eight and the email is j smith eighty '
     'eight at yahoo dot com',
     ('j smith eighty eight at yahoo dot com',), ('my username',)),
    ('mixed', '[00:07:30] Agent: I\'ll read that back, oh seven seven double oh, nine double oh, '
     'four six one, and you\'re at flat two, forty seven larkspur avenue?\n[00:07:36] Caller: '
     'that\'s right',
     ('oh seven seven double oh, nine double oh, four six one', 'forty seven larkspur avenue'),
     ("that's right", "read that back")),
    ('mixed', 'SPEAKER_01: the passport number is five three three, three eight oh, one two '
     'five and I fly on the twentieth',
     ('five three three, three eight oh, one two five',), ('fly on the twentieth',)),
    ('mixed', 'Agent: your case number is C S two oh two four, seven seven one',
     ('C S two oh two four, seven seven one',), ('your case number',)),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
