"""The forty-fourth round's probe prompts for values said aloud (after ``s73e``): text that
automatic speech recognition wrote from a call, a voicemail, a dictated note or captions, in
shapes the last round's probes did not hold. Dates of birth said as numbers in pairs or with a
two-digit year (``eleven fourteen eighty two``, ``june fifth ninety one``, ``the seventeenth of
october seventy three``, ``december twelve nineteen ninety``, ``three slash fourteen slash
nineteen seventy``); street addresses said aloud (``one two three four elm street apartment six
b``, ``twelve oh five north main``, ``fifteen twenty two oak avenue``); e-mail domains split in
two words as ASR hears them (``out look dot com``, ``g mail dot co dot uk``, ``hot mail``);
numbers said in pairs from their first word (``forty one eleven, eleven eleven, ...``, ``five
twelve, forty eight, seventy seven ten``), short account numbers after their word, a card's
security code and a PIN in words, ages over 89 said aloud, ZIP codes after a state's name,
corrections (``oh one four five, no sorry, oh one four six``) and stutters. Words that must
stay: amounts, doses, times of day, counts, ages under 90, room and platform numbers, years
alone, and the conversation's own words (``three appointments on main street``).

A value counts as gone upstream when its spoken form is left whole in the masked text; where a
recognizer could mask a value's end and leave its start (an address's local part before ``at``,
a street's number before its name), that start is listed as a value of its own.

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s74a/leak_probes_s74a.py \
        learned|spacy [--show]

All values are made up; checksums hold where the value has one (Luhn cards, IBAN mod-97, ABA
routing). ``leak_probes_before.txt`` is the round's base tree (``/tmp/s74/base``),
``leak_probes_after.txt`` the tree at the round's end, both backends each: values left whole
44/73 (learned) and 43/73 (spaCy) before, 0/73 after; words lost 2/92 before and after (the
timestamps ``[00:00:05]`` and ``[00:00:10]`` the ``answer`` recognizer reads as answers to the
questions before them). The runner keeps one session for all prompts, so a value masked in one
prompt is masked again in a later one (the seen-value cache): a kept word is not written as a
value of another prompt. ``in_engine_s74a.txt``: the recognizers' cost, base and this tree.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- dates of birth said as numbers ------------------------------------------------------
    ('dob', 'SPEAKER_00: date of birth?\nSPEAKER_01: eleven fourteen eighty two',
     ('eleven fourteen eighty two',), ('date of birth',)),
    ('dob', 'Caller: yeah I was born on june fifth, ninety one, in leeds',
     ('june fifth, ninety one',), ('in leeds',)),
    ('dob', 'Agent: and your date of birth\nCaller: it\'s the seventeenth of october, seventy '
     'three',
     ('the seventeenth of october, seventy three',), ('your date of birth',)),
    ('dob', 'Agent: DOB please\nCaller: oh nine, twenty, nineteen sixty eight',
     ('oh nine, twenty, nineteen sixty eight',), ('DOB please',)),
    ('dob', 'Caller: my birthday is four twenty-two ninety nine, I just turned twenty-five',
     ('four twenty-two ninety nine',), ('I just turned twenty-five',)),
    ('dob', 'Nurse: patient born december twelve nineteen ninety, allergic to penicillin',
     ('december twelve nineteen ninety',), ('allergic to penicillin',)),
    ('dob', 'Caller: date of birth is three slash fourteen slash nineteen seventy',
     ('three slash fourteen slash nineteen seventy',), ('date of birth',)),
    ('dob', 'Agent: can you confirm your birthday for me\nCaller: july the fourth, two thousand',
     ('july the fourth, two thousand',), ('confirm your birthday',)),
    ('dob', 'Patient: born nineteen fifty two, february the ninth',
     ('nineteen fifty two, february the ninth',), ()),
    ('dob', 'Receptionist: and the little one\'s date of birth?\nParent: the twenty ninth of '
     'the second, twenty sixteen',
     ('the twenty ninth of the second, twenty sixteen',), ("little one's date of birth",)),
    ('dob', 'Agent: date of birth\nCaller: zero six, one eight, eighty',
     ('zero six, one eight, eighty',), ()),
    ('dob', 'Dictation: Mr. Ellison, D O B august nine, forty seven, presents with a cough for '
     'three weeks.',
     ('august nine, forty seven',), ('cough for three weeks',)),
    ('dob', 'Caller: I\'m the account holder, born the first of may eighty-eight',
     ('the first of may eighty-eight',), ('account holder',)),
    # --- ages over 89 said aloud ----------------------------------------------------------------
    ('age', 'Caller: I\'m calling for my grandmother, she\'s ninety four years old and lives '
     'alone',
     ('ninety four years old',), ('lives alone', 'my grandmother')),
    ('age', 'Dictation: this is a ninety-one-year-old woman with a fall at home this morning',
     ('ninety-one-year-old',), ('fall at home',)),
    ('age', 'Caller: my dad turned a hundred and two last week, the care home had a party',
     ('a hundred and two',), ('care home had a party',)),
    ('age', 'Nurse: patient aged ninety seven, lives with daughter, mobile with a frame',
     ('ninety seven',), ('lives with daughter',)),
    # --- street addresses said aloud ------------------------------------------------------------
    ('address', 'Caller: the address is one two three four elm street, apartment six b',
     ('one two three four elm street',), ('the address is',)),
    ('address', 'Agent: and the billing address?\nCaller: twelve oh five north main, '
     'springfield',
     ('twelve oh five north main',), ('billing address',)),
    ('address', 'Caller: I live at fifteen twenty two oak avenue, unit three, since march',
     ('fifteen twenty two oak avenue',), ('since march',)),
    ('address', 'SPEAKER_01: deliver it to three forty seven west fifty seventh street please',
     ('three forty seven west fifty seventh street',), ('deliver it to',)),
    ('address', 'Caller: it\'s two hundred and six harbour road, by the lifeboat station',
     ('two hundred and six harbour road',), ('lifeboat station',)),
    ('address', 'Caller: we moved to nine nine one lakeview drive last year',
     ('nine nine one lakeview drive',), ('last year',)),
    ('address', 'Agent: where should the engineer go?\nCaller: flat four, eighty one kingsley '
     'gardens',
     ('eighty one kingsley gardens',), ('engineer go',)),
    ('address', 'Caller: my address is, uh, forty four, um, maple close, in hitchin',
     ('forty four, um, maple close',), ('my address is',)),
    ('address', 'Voicemail: the parcel should go to seven fifty south broadway, suite two hundred',
     ('seven fifty south broadway',), ('the parcel should go',)),
    # --- ZIP codes said as words ---------------------------------------------------------------
    ('zip', 'Caller: I\'m in springfield illinois six two seven oh four',
     ('six two seven oh four',), ("I'm in",)),
    ('zip', 'Agent: zip?\nCaller: it\'s six oh six, one four',
     ('six oh six, one four',), ()),
    ('zip', 'Caller: the billing zip is nine four one oh seven dash two two one four',
     ('nine four one oh seven dash two two one four',), ('billing zip',)),
    # --- e-mail domains in two words -----------------------------------------------------------
    ('email', 'Caller: it\'s priya dot raman at out look dot com',
     ('priya dot raman at out look dot com', 'priya dot raman'), ()),
    ('email', 'Caller: email me at k dot osei at g mail dot com',
     ('k dot osei at g mail dot com', 'k dot osei'), ('email me',)),
    ('email', 'Caller: my email is sam underscore lee at hot mail dot co dot uk',
     ('sam underscore lee at hot mail dot co dot uk', 'sam underscore lee'), ('my email',)),
    ('email', 'SPEAKER_01: send it to accounts at green leaf dental dot com',
     ('accounts at green leaf dental dot com',), ('send it to',)),
    ('email', 'Agent: email?\nCaller: lucy dot m at i cloud dot com',
     ('lucy dot m at i cloud dot com', 'lucy dot m'), ()),
    ('email', 'Caller: it\'s j dot walsh seventy at yahoo dot com dot au',
     ('j dot walsh seventy at yahoo dot com dot au', 'j dot walsh seventy'), ()),
    ('email', 'Caller: my email is dan at daniels bakery dot co dot uk, bakery with a y',
     ('dan at daniels bakery dot co dot uk',), ('bakery with a y',)),
    ('email', 'Caller: it\'s mike dot t at proton mail dot com',
     ('mike dot t at proton mail dot com', 'mike dot t'), ()),
    # --- numbers said in pairs from their first word -------------------------------------------
    ('card', 'Caller: the card is forty one eleven, eleven eleven, eleven eleven, eleven eleven',
     ('forty one eleven, eleven eleven, eleven eleven, eleven eleven',), ('the card is',)),
    ('card', 'Caller: card number forty five thirty nine, ninety eight fifteen, fourteen '
     'twenty three, fifty one seventy eight',
     ('forty five thirty nine, ninety eight fifteen, fourteen twenty three, fifty one seventy '
      'eight',), ('card number',)),
    ('ssn', 'Caller: social is five twelve, forty eight, seventy seven ten',
     ('five twelve, forty eight, seventy seven ten',), ('social is',)),
    ('ssn', 'Agent: last four of your social?\nCaller: forty four seventy one',
     ('forty four seventy one',), ('last four of your social',)),
    ('bank', 'Caller: account number is twenty three, forty five, sixty seven, eighty nine',
     ('twenty three, forty five, sixty seven, eighty nine',), ('account number',)),
    ('phone', 'Caller: my cell is four fifteen, five five five, oh one three four',
     ('four fifteen, five five five, oh one three four',), ('my cell',)),
    ('phone', 'Agent: callback number?\nCaller: area code two one two, then five five five, '
     'twelve thirty four',
     ('two one two, then five five five, twelve thirty four',), ('callback number',)),
    ('phone', 'SPEAKER_01: it\'s one eight hundred, five five five, oh one nine nine',
     ('one eight hundred, five five five, oh one nine nine',), ()),
    ('phone', 'Caller: call me at seven oh three, five five five, nineteen hundred',
     ('seven oh three, five five five, nineteen hundred',), ('call me at',)),
    ('phone', 'Caller: my number\'s eight one eight. five five five. oh one two oh. thanks.',
     ('eight one eight. five five five. oh one two oh',), ('thanks',)),
    # --- short numbers after their word, codes in words -----------------------------------------
    ('bank', 'Caller: the member number is four eight two, nine one six',
     ('four eight two, nine one six',), ('member number',)),
    ('bank', 'Agent: policy number?\nCaller: it\'s nine eight seven six five four',
     ('nine eight seven six five four',), ('policy number',)),
    ('bank', 'Caller: routing number oh two six, oh oh nine, five nine three',
     ('oh two six, oh oh nine, five nine three',), ('routing number',)),
    ('bank', 'SPEAKER_01: my IBAN is N L nine one, A B N A, oh four one seven, one six four '
     'three, oh oh',
     ('N L nine one, A B N A, oh four one seven, one six four three, oh oh',), ('my IBAN',)),
    ('cvv', 'Agent: and the three digit security code on the back?\nCaller: seven three nine',
     ('seven three nine',), ('security code on the back',)),
    ('cvv', 'Caller: card\'s five four two five, seven eight four seven, two five four eight, '
     'nine oh eight seven, CVV four one seven',
     ('five four two five, seven eight four seven, two five four eight, nine oh eight seven',
      'four one seven'), ()),
    ('pin', 'Caller: my PIN is four nine two seven, is that safe to say?',
     ('four nine two seven',), ('is that safe to say',)),
    # --- corrections and stutters ---------------------------------------------------------------
    ('correction', 'Caller: it\'s three one two, five five five, oh one four five, no sorry, '
     'oh one four six',
     ('three one two, five five five, oh one four five, no sorry, oh one four six',
      'oh one four six'), ()),
    ('correction', 'Caller: four one five, five five, uh, five five five, oh one two three',
     ('four one five, five five, uh, five five five, oh one two three',), ()),
    ('correction', 'Caller: the account number is seven seven oh four five, sorry, four six, '
     'two one nine',
     ('seven seven oh four five, sorry, four six, two one nine',), ('account number',)),
    ('correction', 'Caller: my number is six four six five five five... actually let me give '
     'you the mobile, nine one seven, five five five, oh one six eight',
     ('nine one seven, five five five, oh one six eight',), ('give you the mobile',)),
    ('correction', 'Caller: ssn is five one two four eight, I mean, five one two, four nine, '
     'seven seven one oh',
     ('five one two, four nine, seven seven one oh',), ('ssn is',)),
    # --- words of the conversation that must stay ----------------------------------------------
    ('keep', 'Caller: I called at twelve twelve and the bill was ninety three fifty, which '
     'seems high',
     (), ('twelve twelve', 'ninety three fifty', 'seems high')),
    ('keep', 'Agent: your balance is one thousand two hundred and forty two pounds and sixteen '
     'pence, due on the twenty eighth',
     (), ('one thousand two hundred and forty two pounds and sixteen pence',
          'the twenty eighth')),
    ('keep', 'Caller: I take fifty milligrams at eight, then twenty five at two and another '
     'twenty five at ten',
     (), ('fifty milligrams at eight', 'twenty five at two', 'twenty five at ten')),
    ('keep', 'Agent: the train leaves at eleven fifty five from platform nine and arrives at '
     'one oh five',
     (), ('eleven fifty five', 'platform nine', 'one oh five')),
    ('keep', 'Caller: my son turned nineteen in march and my daughter is twenty three',
     (), ('turned nineteen in march', 'twenty three')),
    ('keep', 'Agent: it\'s a ninety day return window, and ninety five percent of orders ship '
     'in two days',
     (), ('ninety day return window', 'ninety five percent', 'in two days')),
    ('keep', 'Caller: I was born in nineteen eighty but we moved here in two thousand and five',
     (), ('nineteen eighty', 'two thousand and five')),
    ('keep', 'Caller: I have three appointments on main street and two on the high street '
     'this week',
     (), ('three appointments on main street', 'two on the high street')),
    ('keep', 'Doctor: one hundred and twenty five micrograms of levothyroxine, then recheck '
     'in six to eight weeks',
     (), ('one hundred and twenty five micrograms', 'six to eight weeks')),
    ('keep', 'Caller: I\'m sixty eight years old and my husband is seventy one',
     (), ('sixty eight years old', 'seventy one')),
    ('keep', 'Agent: flights at nine forty, twelve fifteen and three oh five, fares from '
     'ninety nine ninety nine',
     (), ('nine forty', 'twelve fifteen', 'three oh five', 'ninety nine ninety nine')),
    ('keep', 'SPEAKER_00: room four twelve, bed two, blood pressure one forty over ninety, '
     'sats ninety six percent',
     (), ('room four twelve', 'one forty over ninety', 'ninety six percent')),
    ('keep', 'Caller: it was december twelfth, around nine thirty at night, when the boiler '
     'stopped',
     (), ('december twelfth', 'nine thirty at night')),
    ('keep', 'Agent: the order of two hundred and fifty units ships on march third, and '
     'invoice one oh four is paid',
     (), ('two hundred and fifty units', 'march third')),
    ('keep', 'Caller: we walked twelve oh five miles, well twelve point oh five, up the north '
     'path',
     (), ('up the north path',)),
    ('keep', 'Caller: my grandmother lived to ninety and my grandad is eighty nine',
     (), ('eighty nine',)),
    ('keep', 'Agent: the score was twenty one seventeen, then the game went to overtime at '
     'four fifteen',
     (), ('twenty one seventeen', 'four fifteen')),
    # --- mixed, a longer transcript ---------------------------------------------------------------
    ('mixed', '[00:00:03] Agent: can I take your date of birth?\n[00:00:05] Caller: march '
     'third eighty five\n[00:00:08] Agent: and the first line of the address?\n[00:00:10] '
     'Caller: twenty two acacia avenue\n[00:00:13] Agent: and an email?\n[00:00:15] Caller: '
     'r dot khan at out look dot com\n[00:00:19] Agent: thanks, that\'s two hundred and ten '
     'pounds for the year',
     ('march third eighty five', 'twenty two acacia avenue', 'r dot khan at out look dot com',
      'r dot khan'), ('two hundred and ten pounds for the year', '[00:00:05] Caller',
                      '[00:00:10] Caller')),
    ('mixed', 'Voicemail transcription: hi it\'s about the appointment at ten fifteen on '
     'friday, my date of birth is the eighth of the eleventh sixty two and you can call me on '
     'oh one two one, four nine six, oh two double seven',
     ('the eighth of the eleventh sixty two',
      'oh one two one, four nine six, oh two double seven'),
     ('ten fifteen on friday',)),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
