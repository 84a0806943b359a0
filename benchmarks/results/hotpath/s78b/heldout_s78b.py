"""Session s78 helper B's own held-out check, written before any rule of this round: new
prompts of the kinds the earlier probe sets still leak (names in rosters, minutes and team
sheets, sign-offs, lower-case chat, names that are also words, engineers' pastes), with other
names and values, and words that must stay. Counts both with the ``veil`` on ``PYTHONPATH``
and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s78b/heldout_s78b.py \
        learned|spacy [--show]

All names and values are made up.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- capitalised lists of people after a label ----------------------------------------
    ('list', 'Attendees: Chukwuemeka Obiora, Harriet Lindqvist, Anjali Raghavan, Tomasz '
     'Wieczorek.',
     ('Chukwuemeka', 'Obiora', 'Harriet', 'Lindqvist', 'Anjali', 'Raghavan', 'Wieczorek'),
     ('Attendees',)),
    ('list', 'Relay team: Okonjo, Haverkamp, Nwosu and Delacroix-Mbeki.',
     ('Okonjo', 'Haverkamp', 'Nwosu', 'Delacroix-Mbeki'), ('Relay team',)),
    ('list', 'Bridesmaids: Yetunde Alabi, Sinead Brennan & Parisa Tehrani',
     ('Yetunde', 'Alabi', 'Sinead', 'Brennan', 'Parisa', 'Tehrani'), ('Bridesmaids',)),
    ('list', 'Panel: Dr. Amara Nwachukwu, Prof. Lukas Brandauer and Kai Tanaka-Whitfield',
     ('Amara', 'Nwachukwu', 'Lukas', 'Brandauer', 'Tanaka-Whitfield'), ('Panel',)),
    ('list', 'Doubles draw: Ferreira-Lund & Okafor; Abernathy & Quispe; Vukovic & Ilunga',
     ('Ferreira-Lund', 'Okafor', 'Abernathy', 'Quispe', 'Vukovic', 'Ilunga'),
     ('Doubles draw',)),
    ('list', 'Pallbearers: Emeka Chukwu, Bartholomew Finch, Olusegun Ajayi, Rhys Pritchard',
     ('Emeka', 'Chukwu', 'Bartholomew', 'Finch', 'Olusegun', 'Ajayi', 'Rhys', 'Pritchard'),
     ('Pallbearers',)),
    # --- lower-case lists -----------------------------------------------------------------
    ('lower', 'breakout rooms - room 1: zarina, kwame, min-jun; room 2: olumide, ingeborg',
     ('zarina', 'kwame', 'min-jun', 'olumide', 'ingeborg'), ('breakout rooms',)),
    ('lower', 'carpool: thulani, seo-yeon and radhika',
     ('thulani', 'seo-yeon', 'radhika'), ('carpool',)),
    ('lower', 'cc ji-woo on the invoice please', ('ji-woo',), ('on the invoice',)),
    ('lower', 'ask hye-jin about the keys', ('hye-jin',), ('about the keys',)),
    # --- sign-offs --------------------------------------------------------------------------
    ('signoff', 'The invoice is attached.\n\nCheers,\nXiaoling', ('Xiaoling',),
     ('invoice is attached', 'Cheers')),
    ('signoff', 'Please find the minutes below.\n\nKind regards,\nTemitope Adebayo-Ogun',
     ('Temitope', 'Adebayo-Ogun'), ('Kind regards',)),
    ('signoff', 'See you at 3.\nBest,\nRangimarie', ('Rangimarie',), ('See you at 3',)),
    ('signoff', 'My card was charged twice, please refund it. - Nokuthula Dube, Payroll',
     ('Nokuthula', 'Dube'), ('charged twice', 'Payroll')),
    ('signoff', 'Many thanks,\nOyelowo Adeyinka\nFinance Manager',
     ('Oyelowo', 'Adeyinka'), ('Finance Manager',)),
    # --- given names that are also words, before a surname ---------------------------------
    ('wordname', 'Patience Okoro approved the refund yesterday.', ('Patience Okoro',),
     ('approved the refund',)),
    ('wordname', 'Blessing Mutasa joined the call late.', ('Blessing Mutasa',),
     ('joined the call',)),
    ('wordname', 'Faith Odhiambo signed the lease on Friday.', ('Faith Odhiambo',),
     ('signed the lease', 'Friday')),
    ('wordname', 'Charity Wanjiru will collect the keys.', ('Charity Wanjiru',),
     ('collect the keys',)),
    ('wordname', 'Monday Okpara called about the delivery.', ('Monday Okpara',),
     ('called about the delivery',)),
    # --- capitals -------------------------------------------------------------------------
    ('caps', 'IN LOVING MEMORY OF OBINNA EZEKWESILI, 1941-2024',
     ('OBINNA', 'EZEKWESILI'), ('IN LOVING MEMORY',)),
    ('caps', 'ABSENT: TENDAI MOYO, KHALIDA NOORI', ('TENDAI', 'MOYO', 'KHALIDA', 'NOORI'),
     ('ABSENT',)),
    # --- chat -----------------------------------------------------------------------------
    ('chat', 'can you loop in wairimu on the budget thread', ('wairimu',),
     ('budget thread',)),
    ('chat', 'thanks so much, precious!', ('precious',), ('thanks so much',)),
    ('chat', 'adebola and kamau are driving up on friday', ('adebola', 'kamau'),
     ('driving up', 'friday')),
    # --- engineers' pastes ------------------------------------------------------------------
    ('paste', 'Mar  6 09:14:02 gw01 openvpn[4411]: tkowalczyk/10.8.0.14:41522 SIGTERM'
     '[soft,remote-exit] received, client-instance exiting',
     ('tkowalczyk',), ('SIGTERM', 'client-instance exiting')),
    ('paste', 'my ~/.pgpass:\nlocalhost:5432:*:rgoldberg:Qz9!harbor77\n'
     'analytics.internal:6432:reports:etl_user:Plum-Orchard-42',
     ('rgoldberg', 'Qz9!harbor77', 'Plum-Orchard-42'), ('my ~/.pgpass',)),
    ('paste', 'ovpn status: CLIENT_LIST,bnakashima/192.168.44.10:1194', ('bnakashima',),
     ('CLIENT_LIST',)),
    # --- words that must stay ---------------------------------------------------------------
    ('stay', 'Thanks,\nThe Support Team', (), ('The Support Team',)),
    ('stay', 'Regards,\nAccounts Payable', (), ('Accounts Payable',)),
    ('stay', 'Ingredients: Flour, Sugar, Butter and Eggs; serve with Cream.', (),
     ('Flour', 'Sugar', 'Butter', 'Eggs', 'Cream')),
    ('stay', 'Tools: Docker, Kubernetes, Terraform and Ansible, Grafana for dashboards', (),
     ('Docker', 'Kubernetes', 'Terraform', 'Ansible', 'Grafana')),
    ('stay', 'Patience is key; Faith Lutheran Church and the Sunday Times both called.', (),
     ('Patience is key', 'Sunday Times')),
    ('stay', 'Sizes: Small, Medium, Large and Extra Large.', (),
     ('Small', 'Medium', 'Large', 'Extra Large')),
    ('stay', 'please re-run the job and check the follow-up ticket', (),
     ('re-run the job', 'follow-up ticket')),
    ('stay', 'Cheers,\nIT Helpdesk', (), ('IT Helpdesk',)),
    ('stay', 'Best,\nMarketing', (), ('Marketing',)),
    ('stay', 'Present: all members. Apologies: none.', (), ('all members', 'none')),
    ('stay', 'version 2.14.3 of the client at 10.0.0.1:8080/healthz returned 200', (),
     ('version 2.14.3',)),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
