"""The seventy-fourth round's second probe prompts: people's names written the way people and
machines write them where the name rules look for words: glued into identifiers and handles
(``johnSmith``, ``priya.raghunathan``, ``m.okonkwo@``, ``sarah_oconnell_1987``, ``KowalskiJ``,
``Dr_Mbeki``), in file names and paths (``/home/aoife.brennan/``,
``CV_Tanvir_Hossain_2024.pdf``, ``Scan - Mehmet Yilmaz.jpg``), in git and log lines
(``Author: lars.eriksson``, ``committed by fkaraca``), in lower case in chat (``manpreet and
simran are coming``, ``tell wojciech i said hi``), with apostrophes, hyphens and particles in
lower case (``o'sullivan``, ``al-rashid``, ``van der berg``), and given names that are common
words where the sentence shows a person (``ask Will``, ``Dear Hope,``). Names of every region.
Beside them, prompts whose words must stay: code identifiers that are no names
(``getUserName``, ``max_retries``, ``first_name``), file names of reports and configs, bots and
CI accounts in git lines, and the name-like words used as words. Counts both with the ``veil``
on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s74b/leak_probes_s74b.py \
        learned|spacy [--show]

A value is counted as left when it is found whole in the masked text, so a name is listed by
its parts where one part alone may go upstream. All names are made up combinations; where one
is a real person's, it is by chance.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- identifiers and handles ----------------------------------------------------------
    ('ident', 'the test fixture still has johnSmith as the default reviewer, swap it for a '
     'fake one', ('john', 'Smith'), ('test fixture', 'default reviewer')),
    ('ident', 'dm priya.raghunathan on slack, she owns the billing service',
     ('priya', 'raghunathan'), ('billing service',)),
    ('ident', 'send the draft to m.okonkwo@ and cc the legal inbox',
     ('okonkwo',), ('legal inbox', 'draft')),
    ('ident', 'account sarah_oconnell_1987 was locked after five failed logins',
     ('sarah', 'oconnell'), ('locked after five failed logins',)),
    ('ident', 'Ticket assigned to KowalskiJ, escalate if no reply by noon.',
     ('Kowalski',), ('escalate', 'noon')),
    ('ident', 'The share is owned by Dr_Mbeki and nobody else can write to it.',
     ('Mbeki',), ('nobody else can write',)),
    ('ident', 'weird, the user object for ngoziAdeyemi has no email field',
     ('ngozi', 'Adeyemi'), ('user object', 'email field')),
    ('ident', 'the vpn profile is called tanvir.hossain-laptop, rename it before handover',
     ('tanvir', 'hossain'), ('vpn profile', 'rename it before handover')),
    ('ident', 'grant read access to svc_reports and to mehmet.yilmaz in the analytics group',
     ('mehmet', 'yilmaz'), ('svc_reports', 'analytics group')),
    ('ident', 'Replace the hardcoded owner "WojciechNowak" in config.yaml with a variable.',
     ('Wojciech', 'Nowak'), ('hardcoded owner', 'config.yaml')),
    ('ident', 'her instagram handle is aroha_tanerau_nz, can you check if it is public',
     ('aroha', 'tanerau'), ('instagram handle', 'public')),
    ('ident', 'slack user id for siriporn.k is U02ABC123, please add her to #ops',
     ('siriporn',), ('slack user id',)),
    ('ident', 'the DB row has created_by = "olena_kovalenko" for every migrated record',
     ('olena', 'kovalenko'), ('created_by', 'migrated record')),
    ('ident', 'the api key was issued to FatimaAlZahra, revoke it today',
     ('Fatima', 'AlZahra'), ('api key was issued', 'revoke it today')),
    ('ident', 'login kwame.asante82 keeps getting a 403 on the dashboard',
     ('kwame', 'asante'), ('403', 'dashboard')),
    ('ident', 'my gamertag is xX_diego_quispe_Xx lol add me',
     ('diego', 'quispe'), ('gamertag', 'add me')),
    ('ident', 'variable nguyenThiLan holds the test patient, replace with a placeholder',
     ('nguyen', 'Lan'), ('test patient', 'placeholder')),
    ('ident', 'the teams chat with lars.eriksson and a.fernandes is archived',
     ('lars', 'eriksson', 'fernandes'), ('teams chat', 'archived')),
    ('ident', 'ORCID profile rajeshwari-venkataraman shows the old affiliation',
     ('rajeshwari', 'venkataraman'), ('ORCID profile', 'old affiliation')),
    # --- file names and paths ------------------------------------------------------------
    ('path', 'ls /home/aoife.brennan/Downloads shows nothing after the restore',
     ('aoife', 'brennan'), ('Downloads', 'restore')),
    ('path', 'Attached: CV_Tanvir_Hossain_2024.pdf and the cover letter',
     ('Tanvir', 'Hossain'), ('cover letter',)),
    ('path', 'the scanner saved it as "Scan - Mehmet Yilmaz.jpg" in the shared folder',
     ('Mehmet', 'Yilmaz'), ('scanner', 'shared folder')),
    ('path', 'C:\\Users\\chidi.okeke\\AppData\\Local\\Temp is full again',
     ('chidi', 'okeke'), ('AppData', 'Temp is full')),
    ('path', 'open ~/projects/haruto-tanaka-thesis/chapter3.tex and fix the figure refs',
     ('haruto', 'tanaka'), ('chapter3.tex', 'figure refs')),
    ('path', 'please review passport_scan_adaeze_nwosu.png before the visa appointment',
     ('adaeze', 'nwosu'), ('visa appointment',)),
    ('path', 'the payroll export is at /mnt/hr/2024/payslips/bogdan-ionescu-march.pdf',
     ('bogdan', 'ionescu'), ('payroll export',)),
    ('path', 'upload "Reference letter for Siobhan O\'Driscoll.docx" to the portal',
     ('Siobhan', "O'Driscoll"), ('Reference letter', 'portal')),
    ('path', 'zip up /Users/minji.park/Desktop/receipts and send it over',
     ('minji', 'park'), ('Desktop/receipts',)),
    ('path', 'the file is called YusufAlRashid_contract_signed.pdf',
     ('Yusuf', 'AlRashid'), ('contract_signed',)),
    ('path', 'rename IMG_2041 to hana_novakova_headshot.jpg for the website',
     ('hana', 'novakova'), ('IMG_2041', 'website')),
    ('path', 'Medical report - Tomasz Wisniewski (final).pdf is in the inbox',
     ('Tomasz', 'Wisniewski'), ('Medical report', 'inbox')),
    ('path', 'the home dir /home/kofi_mensah has 40 GB of logs',
     ('kofi', 'mensah'), ('40 GB of logs',)),
    # --- git and log lines ---------------------------------------------------------------
    ('log', 'commit 3f9a2c1\nAuthor: lars.eriksson <lars@example.org>\nDate:   Mon Mar 4\n\n'
     '    fix retry loop', ('lars.eriksson',), ('fix retry loop',)),
    ('log', 'the regression was committed by fkaraca last night, revert it',
     ('fkaraca',), ('regression', 'revert it')),
    ('log', '2024-03-02 10:14:07 INFO login ok user=jbaptiste ip=10.2.3.4',
     ('jbaptiste',), ('INFO login ok',)),
    ('log', 'git blame says line 88 is from anjali.menon, ask her why the timeout is 0',
     ('anjali', 'menon'), ('git blame', 'timeout')),
    ('log', 'Merged PR #412 from okafor-chinedu/fix-auth into main',
     ('okafor', 'chinedu'), ('fix-auth', 'main')),
    ('log', 'Co-authored-by: Ines Carvalho <ines.carvalho@users.noreply.github.com>',
     ('Ines', 'Carvalho'), ('Co-authored-by',)),
    ('log', 'audit: session opened for user dmitri_volkov by (uid=0)',
     ('dmitri', 'volkov'), ('session opened',)),
    ('log', 'Reviewed-by: pieter.vandenberg\nSigned-off-by: Amara Diallo',
     ('pieter', 'vandenberg', 'Amara', 'Diallo'), ('Reviewed-by', 'Signed-off-by')),
    ('log', 'WARN quota exceeded for mbouzid (tenant acme)', ('mbouzid',),
     ('WARN quota exceeded', 'tenant')),
    ('log', 'pushed by thandeka.zulu: bump version to 2.3.1',
     ('thandeka', 'zulu'), ('bump version',)),
    # --- lower case in chat --------------------------------------------------------------
    ('chat', 'manpreet and simran are coming to the offsite', ('manpreet', 'simran'),
     ('offsite',)),
    ('chat', 'tell wojciech i said hi', ('wojciech',), ('i said hi',)),
    ('chat', 'omg chiamaka got the job!!', ('chiamaka',), ('got the job',)),
    ('chat', 'ok so bongani is driving and lerato brings the snacks',
     ('bongani', 'lerato'), ('driving', 'snacks')),
    ('chat', 'can someone send the slides to tevita? he missed the call',
     ('tevita',), ('slides', 'missed the call')),
    ('chat', 'lunch w/ mariam and yousef tomorrow?', ('mariam', 'yousef'), ('lunch', 'tomorrow')),
    ('chat', 'haha thats so niamh', ('niamh',), ('haha',)),
    ('chat', 'did anyone hear back from svetlana about the venue', ('svetlana',),
     ('hear back', 'venue')),
    ('chat', 'guys xochitl just landed, going to pick her up', ('xochitl',),
     ('just landed', 'pick her up')),
    ('chat', 'we should invite rangi and moana too', ('rangi', 'moana'), ('invite',)),
    # --- apostrophes, hyphens and particles in lower case --------------------------------
    ('particle', "the lease is in sean o'sullivan's name", ("o'sullivan",), ('lease',)),
    ('particle', 'invoice for khalid al-rashid is overdue', ('khalid', 'al-rashid'),
     ('invoice', 'overdue')),
    ('particle', 'meeting moved, anouk van der berg cannot make 3pm',
     ('anouk', 'berg'), ('meeting moved', '3pm')),
    ('particle', "mr d'souza asked for the refund in cash", ("d'souza",),
     ('refund in cash',)),
    ('particle', 'tell ana de la cruz her parcel arrived', ('ana', 'cruz'),
     ('parcel arrived',)),
    ('particle', 'jean-baptiste n\'diaye is our new landlord', ('jean-baptiste', "n'diaye"),
     ('new landlord',)),
    ('particle', 'the form is signed by marie-claire dubois-lefevre', ('marie-claire',
     'dubois-lefevre'), ('form is signed',)),
    ('particle', 'my neighbour abdullah bin hamad fixed the fence', ('abdullah', 'hamad'),
     ('fixed the fence',)),
    ('particle', "can u call ms o'connor-mbatha about the lease", ("o'connor-mbatha",),
     ('about the lease',)),
    # --- given names that are words, where the sentence shows a person -----------------
    ('words', 'ask Will to review the PR before lunch', ('Will',), ('review the PR', 'lunch')),
    ('words', 'Dear Hope,\n\nThank you for the quick reply.', ('Hope',),
     ('Thank you for the quick reply',)),
    ('words', 'Bill from finance says the invoice is paid', ('Bill',), ('finance',
     'invoice is paid')),
    ('words', 'thanks Grace, that fixed it!', ('Grace',), ('that fixed it',)),
    ('words', 'Please cc Rose and Mark on the reply.', ('Rose', 'Mark'), ('reply',)),
    ('words', 'Hi Faith,\nthe keys are under the mat.', ('Faith',), ('keys are under the mat',)),
    ('words', "Summer's laptop is at the repair shop", ('Summer',), ('laptop', 'repair shop')),
    ('words', 'can you ask Sky whether the room is free', ('Sky',), ('room is free',)),
    # --- words and identifiers that must stay -------------------------------------------
    ('stay', 'call getUserName() before setUp, then check isEnabled and max_retries',
     (), ('getUserName', 'setUp', 'isEnabled', 'max_retries')),
    ('stay', 'the table has first_name, last_name and user_id columns; add middle_name too',
     (), ('first_name', 'last_name', 'user_id', 'middle_name')),
    ('stay', 'edit docker-compose.yml and README.md, then run make test-all',
     (), ('docker-compose.yml', 'README.md', 'test-all')),
    ('stay', 'the report is at /var/log/nginx/access.log and /home/ubuntu/backup.tar.gz',
     (), ('/var/log/nginx/access.log', '/home/ubuntu/backup.tar.gz')),
    ('stay', 'Author: dependabot[bot]\n\n    Bump lodash from 4.17.20 to 4.17.21',
     (), ('dependabot', 'Bump lodash')),
    ('stay', 'committed by github-actions after the nightly build',
     (), ('github-actions', 'nightly build')),
    ('stay', 'Attached: Invoice_March_2024.pdf and release_notes_v2.docx',
     (), ('Invoice_March_2024.pdf', 'release_notes_v2.docx')),
    ('stay', 'we hope the grace period will cover it; mark the bill as paid',
     (), ('hope', 'grace period', 'will cover', 'mark the bill')),
    ('stay', 'Will the build pass? I hope so. Rose petals and a Summer sale banner',
     (), ('Will the build', 'hope so', 'Rose petals', 'Summer sale')),
    ('stay', 'rename handleSubmit to onFormSubmit and drop the legacy_user_store',
     (), ('handleSubmit', 'onFormSubmit', 'legacy_user_store')),
    ('stay', 'set LOG_LEVEL=debug and MAX_WORKERS=4 in the .env file',
     (), ('LOG_LEVEL', 'MAX_WORKERS')),
    ('stay', 'the cron job backup_daily.sh writes to /srv/data/archive-2024/',
     (), ('backup_daily.sh', '/srv/data/archive-2024/')),
    ('stay', 'use the faith-based template and the joy-of-cooking dataset',
     (), ('faith-based', 'joy-of-cooking')),
    ('stay', 'Merge branch \'feature/login-page\' into develop',
     (), ('feature/login-page', 'develop')),
    ('stay', 'the class UserProfileService calls AccountManager.getDisplayName()',
     (), ('UserProfileService', 'AccountManager', 'getDisplayName')),
    ('stay', 'run pytest -k test_parse_name and check sample_names.csv',
     (), ('test_parse_name', 'sample_names.csv')),
    ('stay', 'grant access to the marketing_team and sales-apac groups',
     (), ('marketing_team', 'sales-apac')),
    ('stay', 'open the photo Sunset_at_Beach.jpg and Mountain-View-2023.png',
     (), ('Sunset_at_Beach.jpg', 'Mountain-View-2023.png')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
