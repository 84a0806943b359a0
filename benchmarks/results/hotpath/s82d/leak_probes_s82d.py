"""The fifty-second round's education and research probe prompts: what schools, universities
and researchers paste into an LLM, in English (US, UK, Canada, Australia, Ireland, New
Zealand, India, Singapore, South Africa). Student records and transcripts (student ids, UCAS
personal ids, Common App ids, ULN/UPN/SCN, OEN/NSN/USI, state student ids, exam candidate and
centre numbers, roll numbers), admissions files and personal statements, references, report
cards and parent e-mails, IEP/SEN/504 plans and safeguarding notes, attendance and behaviour
logs, trip consent forms, student finance (SLC customer reference numbers, FSA ids, bank
details), international students (passports, CAS, SEVIS ids, visas), staff records (TRN, DBS),
LMS/SIS exports, misconduct cases, alumni and donor records; research participant ids,
consent forms, survey free text, ethics applications, grant applications (ORCID iDs, eRA
Commons ids) and clinical research forms (subject ids, MRNs, birth dates). Counts both with
the ``veil`` on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s82d/leak_probes_s82d.py \
        learned|spacy [--show]

Policy read from docs/detection.md and the earlier sets:

* ORGANIZATION and LOCATION are masked by default, so a school's, a university's, an exam
  board's, an agency's or a funder's name and a town are neither values nor words. A
  student's, a parent's, a teacher's, a referee's, a participant's or a researcher's name, a
  home address, a personal e-mail, phone or handle are values.
* DATE_TIME is masked by default: a term's, an exam's or a visit's date is neither; a birth
  date is a value.
* A person's identifiers are values: student, candidate, pupil, learner, applicant and
  customer reference numbers, loan and bank details, passport, visa, CAS and SEVIS numbers,
  staff and teacher reference numbers, DBS certificates, usernames, ORCID iDs, eRA Commons
  ids, research participant and subject ids, MRNs.
* Words that must stay: course and module codes (`CS 101`, `MATH1051`), qualifications
  (`A-level`, `GCSE`, `IB Diploma`, `BTEC`), grades (`A*`, `2:1`, `GPA 3.7`), job titles
  (`Head of Year`, `SENCo`, `Designated Safeguarding Lead`), form names (`FAFSA`, `Form
  I-20`, `DS-160`), statutes (`FERPA`, `IDEA`, `Section 504`, `Children Act 1989`), and a
  funder's grant or award number (`R01 MH123456`, `EP/X012345/1`): it names a public award,
  not a person, as a study's registry number (`NCT04412345`) names a public trial. Written
  before any rule of this round, as a held-out set. All values are made up.
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- student records and transcripts ----------------------------------------------------
    ('records', 'Official Transcript\nStudent: Marcus J. Delgado\nStudent ID: 900412835\n'
     'DOB: 04/17/2003\nCS 101 Intro to Programming  A-\nMATH 221 Calculus II  B+\n'
     'Cumulative GPA: 3.62',
     ('Marcus', 'Delgado', '900412835', '04/17/2003'),
     ('Official Transcript', 'CS 101', 'MATH 221', 'Cumulative GPA: 3.62')),
    ('records', 'Student record: Name: Chloe Fitzpatrick, UPN: H801200123456, ULN: 4417882031, '
     'Year 10, Form 10R, DOB 12/03/2010, Address: 27 Birch Grove, Leeds LS6 3QT.',
     ('Chloe', 'Fitzpatrick', 'H801200123456', '4417882031', '12/03/2010', '27 Birch Grove',
      'LS6 3QT'),
     ('Student record', 'Year 10')),
    ('records', 'SCN 104471882 - pupil Ruaridh MacLeod, S4, Additional Support Needs: dyslexia. '
     'Parent: Fiona MacLeod, 07831 447 120.',
     ('104471882', 'Ruaridh', 'MacLeod', 'Fiona', '07831 447 120'),
     ('Additional Support Needs',)),
    ('records', 'OEN 447-188-203 for Aiden Tremblay-Roy (Grade 11); Ontario Secondary School '
     'Diploma credits: 24 of 30.',
     ('447-188-203', 'Aiden', 'Tremblay-Roy'),
     ('Grade 11', 'credits: 24 of 30')),
    ('records', 'Student: Tama Ngata, NSN 0144718820, Year 12, NCEA Level 2 credits 68.',
     ('Tama', 'Ngata', '0144718820'),
     ('NCEA Level 2',)),
    ('records', 'USI: 4KX7PQ2M9R - Jordan Whitfield, Certificate III in Carpentry, RTO results '
     'attached.',
     ('4KX7PQ2M9R', 'Jordan', 'Whitfield'),
     ('Certificate III in Carpentry',)),
    ('records', 'SSID 1044718820 (Texas) - Destiny Alvarez, grade 8, STAAR Reading: Meets Grade '
     'Level.',
     ('1044718820', 'Destiny', 'Alvarez'),
     ('STAAR Reading', 'Meets Grade Level')),
    ('records', 'Roll No. 2241107 - Ananya Krishnan, Class XII-B, CBSE board exam, Registration '
     'No. B44718/2024, Father: R. Krishnan, Mobile 98401 22718.',
     ('2241107', 'Ananya', 'Krishnan', 'B44718/2024', '98401 22718'),
     ('Class XII-B', 'CBSE board exam')),
    ('records', 'Learner: Thandiwe Mokoena, LURITS number 300447188, Grade 9, ID 1004120447083.',
     ('Thandiwe', 'Mokoena', '300447188', '1004120447083'),
     ('Grade 9',)),
    ('records', 'Transcript request for Siobhan Kearney, student number 20447188, BA '
     '(Hons) History, graduated 2:1; send to siobhan.kearney@gmail.com.',
     ('Siobhan', 'Kearney', '20447188', 'siobhan.kearney@gmail.com'),
     ('Transcript request', 'BA (Hons) History', '2:1')),
    ('records', 'Matric no. A0218844X, Lim Jia Hui, Year 2 Computer Engineering, CAP 4.21.',
     ('A0218844X', 'Lim Jia Hui'),
     ('Year 2 Computer Engineering', 'CAP 4.21')),
    # --- admissions, exams and personal statements -------------------------------------------
    ('admissions', 'UCAS Personal ID: 144-718-8203. Applicant: Oluwaseun Adebayo, predicted '
     'grades A*AA (Maths, Further Maths, Physics). Contact: seun.adebayo@hotmail.co.uk',
     ('144-718-8203', 'Oluwaseun', 'Adebayo', 'seun.adebayo@hotmail.co.uk'),
     ('predicted grades A*AA', 'Further Maths')),
    ('admissions', 'Common App ID 44718820 - Emily Nakamura, Early Decision, intended major '
     'Biology; counselor Dana Whitlock, dwhitlock@lincolnhs.org.',
     ('44718820', 'Emily', 'Nakamura', 'Dana', 'Whitlock', 'dwhitlock@lincolnhs.org'),
     ('Early Decision', 'intended major Biology')),
    ('admissions', 'Please review this personal statement. Name: Harriet Ellison-Cole, '
     'candidate number 4471, centre number 64395, IB Diploma predicted 40 points.',
     ('Harriet', 'Ellison-Cole', '4471'),
     ('personal statement', 'IB Diploma', '40 points')),
    ('admissions', 'Exam entry: candidate 7702, Priya Balasubramanian, GCSE Maths Higher tier, '
     'access arrangements: 25% extra time.',
     ('7702', 'Priya', 'Balasubramanian'),
     ('GCSE Maths Higher tier', '25% extra time')),
    ('admissions', 'Application no. UG-2025-044718 from Kwame Asante-Boateng, phone +44 7700 '
     '900 418, applying for BSc Economics (L100).',
     ('UG-2025-044718', 'Kwame', 'Asante-Boateng', '+44 7700 900 418'),
     ('BSc Economics', 'L100')),
    ('admissions', 'Interview notes - applicant #55813, Rebecca Goldstein: strong in the '
     'problem-solving task, weaker on the reading; recommend offer AAB.',
     ('55813', 'Rebecca', 'Goldstein'),
     ('Interview notes', 'problem-solving task', 'recommend offer AAB')),
    ('admissions', 'SAT score report for Daniel Oyelowo, College Board ID 4471882, total '
     '1480, registration number 9044718820.',
     ('Daniel', 'Oyelowo', '4471882', '9044718820'),
     ('SAT score report', 'total 1480')),
    ('admissions', 'My name is Sofia Marchetti and I want to study medicine. Growing up in '
     'Hamilton, my grandmother Rosa Marchetti was treated for ...',
     ('Sofia', 'Marchetti', 'Rosa'),
     ('study medicine',)),
    ('admissions', 'CAO number 24471882 - Ciara Donnelly, Leaving Cert points 589, first '
     'preference DN100.',
     ('24471882', 'Ciara', 'Donnelly'),
     ('Leaving Cert points 589', 'DN100')),
    # --- references ---------------------------------------------------------------------------
    ('reference', 'To whom it may concern, I have taught Ethan Blackwood (DOB 14/06/2007) A-'
     'level Chemistry for two years. Please contact me on 01632 960418 or '
     'm.osei@stmarys.sch.uk. Yours faithfully, Michael Osei, Head of Science',
     ('Ethan', 'Blackwood', '14/06/2007', '01632 960418', 'm.osei@stmarys.sch.uk', 'Michael',
      'Osei'),
     ('A-level Chemistry', 'Head of Science')),
    ('reference', 'Letter of recommendation for Aisha Rahimi, who took my course ECON 310 in '
     'Fall 2024. Prof. Laura Kessler, (617) 555-0193.',
     ('Aisha', 'Rahimi', 'Laura', 'Kessler', '(617) 555-0193'),
     ('Letter of recommendation', 'ECON 310')),
    # --- report cards and parent e-mails -----------------------------------------------------
    ('parents', 'Dear Mrs Patel, I am writing about Arjun\'s homework in Year 7. Could you '
     'call me on 020 7946 0321? Best wishes, Miss Holloway (Form Tutor 7H)',
     ('Patel', 'Arjun', '020 7946 0321', 'Holloway'),
     ('Form Tutor',)),
    ('parents', 'Hi Mr. Kowalski, Zofia was absent Tuesday and Wednesday. Please send a note '
     'to attendance@riverside.k12.ca.us or call 408-555-0172. Thanks, Coach Brandon Ruiz',
     ('Kowalski', 'Zofia', '408-555-0172', 'Brandon', 'Ruiz'),
     ()),
    ('parents', 'Report card - Term 2\nStudent: Isla McKenzie  Class: 4B\nTeacher: Mr '
     'Hamish Grant\nReading: Working towards  Maths: Secure\nParent/carer: Morag McKenzie, '
     '14 Thistle Way, Perth PH1 5TR',
     ('Isla', 'McKenzie', 'Hamish', 'Morag', '14 Thistle Way', 'PH1 5TR'),
     ('Report card', 'Working towards')),
    ('parents', 'Parent email from Jennifer Okafor (jen.okafor77@gmail.com, 0412 334 871): '
     'my son Chidi in Year 5 is being bullied at lunch.',
     ('Jennifer', 'Okafor', 'jen.okafor77@gmail.com', '0412 334 871', 'Chidi'),
     ('Parent email',)),
    ('parents', 'Can you rewrite this more politely: "Mrs Van der Merwe, Pieter has not '
     'returned his library books. Call me at 082 441 7730."',
     ('Van der Merwe', 'Pieter', '082 441 7730'),
     ('library books',)),
    # --- SEN, IEP, 504 and safeguarding -------------------------------------------------------
    ('sen', 'IEP for Mason Carter (Student ID 2044718, DOB 09/22/2014), eligibility: '
     'Specific Learning Disability under IDEA. Case manager: Ms Tanya Reeves.',
     ('Mason', 'Carter', '2044718', '09/22/2014', 'Tanya', 'Reeves'),
     ('Specific Learning Disability', 'IDEA')),
    ('sen', 'Section 504 plan - Lily Huang, grade 6, type 1 diabetes; accommodations: snacks '
     'in class, nurse visits. Parent: Wei Huang 650-555-0148.',
     ('Lily', 'Huang', 'Wei', '650-555-0148'),
     ('Section 504', 'type 1 diabetes')),
    ('sen', 'EHCP draft: Oscar Pemberton, UPN A123456789012, needs: ASD, speech and language; '
     'SENCo: Mrs Julia Ferris.',
     ('Oscar', 'Pemberton', 'A123456789012', 'Julia', 'Ferris'),
     ('EHCP draft', 'SENCo')),
    ('safeguarding', 'Safeguarding concern logged by Designated Safeguarding Lead Sarah '
     'Whitmore: pupil Kayden Walsh (Year 8) disclosed that his mum\'s partner Dean Holt hit '
     'him. Home: 9 Ashcroft Road, Wigan WN3 4LP.',
     ('Sarah', 'Whitmore', 'Kayden', 'Walsh', 'Dean', 'Holt', '9 Ashcroft Road', 'WN3 4LP'),
     ('Safeguarding concern', 'Designated Safeguarding Lead')),
    ('safeguarding', 'CPOMS entry: Ruby Sinclair, MASH referral ref 44718820, social worker '
     'Gemma Doyle 0161 496 0732.',
     ('Ruby', 'Sinclair', '44718820', 'Gemma', 'Doyle', '0161 496 0732'),
     ('CPOMS entry',)),
    # --- attendance and behaviour --------------------------------------------------------------
    ('attendance', 'Attendance alert: Jayden Brooks (Student #104471) 82% this term; '
     'guardian Tonya Brooks, 313-555-0119.',
     ('Jayden', 'Brooks', '104471', 'Tonya', '313-555-0119'),
     ('Attendance alert',)),
    ('attendance', 'Behaviour log: 12/02 - Callum Reid - detention (phone in lesson); '
     '13/02 - Amira Haddad - merit; 14/02 - Callum Reid - isolation.',
     ('Callum', 'Reid', 'Amira', 'Haddad'),
     ('Behaviour log', 'detention')),
    ('attendance', 'Truancy referral: pupil Leon Fraser, UPN K330044718001, Education Welfare '
     'Officer Paula Grant, fixed penalty notice FPN/2024/04471.',
     ('Leon', 'Fraser', 'K330044718001', 'Paula', 'FPN/2024/04471'),
     ('Education Welfare Officer',)),
    # --- trips and consent --------------------------------------------------------------------
    ('trips', 'Trip consent: Year 9 Geography field trip. Child: Noah Lindqvist. Medical: '
     'severe nut allergy, EpiPen. Emergency contact: Erik Lindqvist, 07700 900 771. NHS no '
     '943 476 5919.',
     ('Noah', 'Lindqvist', 'Erik', '07700 900 771', '943 476 5919'),
     ('Trip consent', 'Geography field trip', 'severe nut allergy')),
    ('trips', 'Excursion form: Zara Nguyen, Medicare 2123 45670 1, asthma (Ventolin). '
     'Emergency: Linh Nguyen 0421 884 102.',
     ('Zara', 'Nguyen', '2123 45670 1', 'Linh', '0421 884 102'),
     ('Excursion form',)),
    ('trips', 'Field trip permission slip: student Ava Castillo, health insurance Kaiser '
     'member ID 44718820, parent Marisol Castillo, cell 209-555-0164.',
     ('Ava', 'Castillo', '44718820', 'Marisol', '209-555-0164'),
     ('permission slip',)),
    # --- student finance ------------------------------------------------------------------------
    ('finance', 'Student Finance England: Customer Reference Number 11447188203, student '
     'Jack Turnbull, tuition fee loan £9,250; bank sort code 20-44-71, account 44718820.',
     ('11447188203', 'Jack', 'Turnbull', '20-44-71', '44718820'),
     ('tuition fee loan',)),
    ('finance', 'SLC CRN 22044718820 for Megan Pryce; maintenance loan reassessment.',
     ('22044718820', 'Megan', 'Pryce'),
     ('maintenance loan',)),
    ('finance', 'FAFSA help: student Carlos Mendoza, SSN 512-44-7188, FSA ID username '
     'cmendoza2006, parent Rosa Mendoza.',
     ('Carlos', 'Mendoza', '512-44-7188', 'cmendoza2006', 'Rosa'),
     ('FAFSA',)),
    ('finance', 'Bursary award to Tegan Hughes, student no 1904471; payment to Monzo account '
     '44718820, sort code 04-00-04.',
     ('Tegan', 'Hughes', '1904471', '44718820'),
     ('Bursary award',)),
    ('finance', 'NSFAS application ref 44718820 - Lwandle Zulu, ID 0203155882087.',
     ('44718820', 'Lwandle', 'Zulu', '0203155882087'),
     ()),
    ('finance', 'Loan account 4471882031 (Navient) for Brittany Shaw; IDR plan recertification '
     'due.',
     ('4471882031', 'Brittany', 'Shaw'),
     ('IDR plan',)),
    # --- international students ----------------------------------------------------------------
    ('international', 'CAS number E4G7X1K9M2P4Q8 issued to Chen Yuxuan, passport EH4471882, '
     'course MSc Data Science.',
     ('E4G7X1K9M2P4Q8', 'Chen Yuxuan', 'EH4471882'),
     ('MSc Data Science',)),
    ('international', 'Form I-20 for Rahul Verma, SEVIS ID N0044718820, F-1 status, '
     'passport Z4471882.',
     ('Rahul', 'Verma', 'N0044718820', 'Z4471882'),
     ('Form I-20', 'F-1 status')),
    ('international', 'Study permit no. F447188203 for Nguyen Thi Mai; DLI number '
     'O19395677522.',
     ('F447188203', 'Nguyen Thi Mai'),
     ('DLI number',)),
    ('international', 'Student visa subclass 500: Ahmed Al-Farsi, CoE code E4471882, visa '
     'grant number 4471882031447.',
     ('Ahmed', 'Al-Farsi', 'E4471882', '4471882031447'),
     ('subclass 500',)),
    ('international', 'Student Pass: Park Ji-woo, FIN G4471882N, IPA letter received.',
     ('Park Ji-woo', 'G4471882N'),
     ('IPA letter',)),
    # --- staff records --------------------------------------------------------------------------
    ('staff', 'New teacher: Rachel Ambrose, TRN 1447188, DBS certificate 001447188203, '
     'NI QQ 12 34 56 C.',
     ('Rachel', 'Ambrose', '1447188', '001447188203', 'QQ 12 34 56 C'),
     ('New teacher',)),
    ('staff', 'Teacher reference number 4471882 - Mr Gareth Price, NQT induction, Teaching '
     'Council registration no. 44718.',
     ('4471882', 'Gareth', 'Price', '44718'),
     ('NQT induction',)),
    ('staff', 'Staff: Hannah Kimura, employee no. E044718, Working with Children Check '
     'WWC1447188E, VIT registration 447188.',
     ('Hannah', 'Kimura', 'E044718', 'WWC1447188E', '447188'),
     ()),
    ('staff', 'Substitute teacher Dwayne Morris, certification #4471882, fingerprint '
     'clearance card 4471-8820.',
     ('Dwayne', 'Morris', '4471882', '4471-8820'),
     ('Substitute teacher',)),
    # --- LMS and SIS exports ----------------------------------------------------------------------
    ('lms', 'student_id,first_name,last_name,email,grade\n20441,Olivia,Nash,'
     'onash@students.westfield.edu,88\n20442,Mateo,Ruiz,mruiz@students.westfield.edu,74',
     ('20441', 'Olivia', 'Nash', 'onash@students.westfield.edu', '20442', 'Mateo', 'Ruiz',
      'mruiz@students.westfield.edu'),
     ()),
    ('lms', '{"user_id": 44718, "login_id": "kwilliams27", "sortable_name": "Williams, '
     'Keisha", "email": "kwilliams27@uni.edu"}',
     ('44718', 'kwilliams27', 'Williams', 'Keisha', 'kwilliams27@uni.edu'),
     ()),
    ('lms', 'Moodle export: username;firstname;lastname;idnumber\nt.brennan;Tom;Brennan;'
     '21044718\nj.osei;Joy;Osei;21044719',
     ('t.brennan', 'Tom', 'Brennan', '21044718', 'j.osei', 'Joy', 'Osei', '21044719'),
     ()),
    ('lms', 'PowerSchool: Student_Number 104471, State_StudentNumber 8044718820, LastFirst '
     '"Hernandez, Sofia", Mother_Cell 915-555-0183',
     ('104471', '8044718820', 'Hernandez', 'Sofia', '915-555-0183'),
     ()),
    ('lms', 'SIMS extract | Adno 004471 | Legal Surname: Okonjo | Forename: Adaeze | UPN '
     'M801200447188 | Primary contact: Ngozi Okonjo 07911 123 447',
     ('004471', 'Okonjo', 'Adaeze', 'M801200447188', 'Ngozi', '07911 123 447'),
     ()),
    ('lms', 'Canvas course STAT 2010 - gradebook row: "Liam O\'Connor" (SIS ID 00447188, '
     'login loconnor3) Final 91.2%',
     ('Liam', "O'Connor", '00447188', 'loconnor3'),
     ('STAT 2010',)),
    # --- misconduct and plagiarism -----------------------------------------------------------------
    ('misconduct', 'Academic misconduct case AM-2024-0447: student Bethany Cross (ID 2044718) '
     'Turnitin similarity 63% in HIST2040 essay; panel chair Dr Owen Fairley.',
     ('AM-2024-0447', 'Bethany', 'Cross', '2044718', 'Owen', 'Fairley'),
     ('Academic misconduct', 'similarity 63%', 'HIST2040')),
    ('misconduct', 'Title IX complaint: complainant Megan Doyle, respondent Tyler Banks '
     '(student #904471882); investigator Renee Walton.',
     ('Megan', 'Doyle', 'Tyler', 'Banks', '904471882', 'Renee', 'Walton'),
     ('Title IX',)),
    ('misconduct', 'Exam malpractice: candidate 4418 (Josh Kemp), centre 52231, unauthorised '
     'phone in the exam room.',
     ('4418', 'Josh', 'Kemp'),
     ('Exam malpractice',)),
    # --- alumni and donors -----------------------------------------------------------------------
    ('alumni', 'Donor record: Mr. and Mrs. Robert Halvorsen, Class of 1988, gift $25,000, '
     '4410 Lakeshore Dr, Evanston IL 60201, rhalvorsen@comcast.net, constituent ID 0044718.',
     ('Robert', 'Halvorsen', '4410 Lakeshore Dr', '60201', 'rhalvorsen@comcast.net',
      '0044718'),
     ('Donor record', 'Class of 1988')),
    ('alumni', 'Alumni update: Priti Deshmukh (BTech 2012), now at Infosys, mobile +91 98201 '
     '44718, alumni number AL-044718.',
     ('Priti', 'Deshmukh', '+91 98201 44718', 'AL-044718'),
     ('Alumni update', 'BTech 2012')),
    # --- research: participants, consent, surveys -----------------------------------------------
    ('research', 'Interview transcript P07 (Margaret Ellery, 71): "My daughter Karen drives me '
     'to the clinic every week."',
     ('Margaret', 'Ellery', 'Karen'),
     ('Interview transcript',)),
    ('research', 'Participant ID: PID-0447 | Name: Daniel Achterberg | Phone: 0612 447 188 | '
     'Consent signed 03/04/2024',
     ('PID-0447', 'Daniel', 'Achterberg', '0612 447 188'),
     ('Consent signed',)),
    ('research', 'Key file: participant 014 = Josephine Mwangi, josephine.mwangi@yahoo.com; '
     'participant 015 = Tomasz Zielinski, 07723 448 190.',
     ('Josephine', 'Mwangi', 'josephine.mwangi@yahoo.com', 'Tomasz', 'Zielinski',
      '07723 448 190'),
     ('Key file',)),
    ('research', 'Survey free text (Q14): "happy to talk more, I\'m Kerry-Ann Bishop, '
     'kabishop@optusnet.com.au, 0438 221 904".',
     ('Kerry-Ann', 'Bishop', 'kabishop@optusnet.com.au', '0438 221 904'),
     ('Survey free text',)),
    ('research', 'Consent form: I, Gregory Maddox, born 02/11/1959, agree to take part in the '
     'study. Witness: Nurse Abigail Tran.',
     ('Gregory', 'Maddox', '02/11/1959', 'Abigail', 'Tran'),
     ('Consent form',)),
    # --- ethics and grants ----------------------------------------------------------------------------
    ('ethics', 'IRB application: PI Dr. Hannah Lieberman, hlieberman@med.umich.edu, (734) '
     '555-0176; protocol HUM00244718; co-investigator Dr. Samuel Ojo.',
     ('Hannah', 'Lieberman', 'hlieberman@med.umich.edu', '(734) 555-0176', 'Samuel', 'Ojo'),
     ('IRB application',)),
    ('ethics', 'Ethics application: Principal Investigator Professor Catriona Boyd, ORCID '
     '0000-0002-1825-0097, phone 0131 496 0188.',
     ('Catriona', 'Boyd', '0000-0002-1825-0097', '0131 496 0188'),
     ('Ethics application', 'Principal Investigator')),
    ('grants', 'Biosketch: Jonathan Reyes, eRA Commons user name: JREYES44, ORCID '
     'https://orcid.org/0000-0001-5109-3700; grant R01 MH123456 (PI).',
     ('Jonathan', 'Reyes', 'JREYES44', '0000-0001-5109-3700'),
     ('Biosketch', 'R01 MH123456')),
    ('grants', 'Grant application EP/X012345/1: lead applicant Dr Imran Qureshi '
     '(ORCID 0000-0003-1415-9269), researcher co-investigator Dr Eleanor Vance.',
     ('Imran', 'Qureshi', '0000-0003-1415-9269', 'Eleanor', 'Vance'),
     ('Grant application', 'EP/X012345/1')),
    # --- clinical research forms -------------------------------------------------------------------
    ('clinical', 'CRF page 3 - Subject ID: 104-0447, initials M.K.T., DOB 1961-08-19, MRN '
     '00447188, screening visit 2024-03-12. Study NCT04412345.',
     ('104-0447', '1961-08-19', '00447188'),
     ('NCT04412345',)),
    ('clinical', 'Screening log: subject 01-017 Patricia Holm, hospital number RX4471882, '
     'enrolled; subject 01-018 Bernard Cole, screen failure.',
     ('01-017', 'Patricia', 'Holm', 'RX4471882', '01-018', 'Bernard', 'Cole'),
     ('Screening log', 'screen failure')),
    ('clinical', 'Adverse event report: participant SUB-2207, Mr Kevin Aldridge (NHS number '
     '485 777 3456), admitted with chest pain.',
     ('SUB-2207', 'Kevin', 'Aldridge', '485 777 3456'),
     ('Adverse event report', 'chest pain')),
    # --- last round's misses ----------------------------------------------------------------------
    ('misses', 'Address: Flat 302, 18 Ocean Parade, Brighton BN2 1FL; tenant Keira Lowe.',
     ('18 Ocean Parade', 'BN2 1FL', 'Keira', 'Lowe'),
     ()),
    ('misses', 'Pipeline: candidate 48812093 - Ivy Chen, stage: Onsite; reviewer: Paul '
     'Segal (ID 30418).',
     ('48812093', 'Ivy', 'Chen', 'Paul', 'Segal', '30418'),
     ('stage: Onsite',)),
    ('misses', 'Work permit (Canada) no. U104471882 for Samira Haddad.',
     ('U104471882', 'Samira', 'Haddad'),
     ()),
    ('misses', 'Garda vetting: NVB reference NVB-0447188 for Declan Murray.',
     ('NVB-0447188', 'Declan', 'Murray'),
     ('vetting:',)),
    # --- words that must stay --------------------------------------------------------------------
    ('stay', 'Qualifications: A-level, AS-level, GCSE, BTEC, IB Diploma, AP Calculus BC, '
     'Higher, Advanced Higher, NCEA Level 3, VCE, HSC, Leaving Cert, CBSE Class XII.',
     (), ('A-level', 'AS-level', 'GCSE', 'BTEC', 'IB Diploma', 'AP Calculus BC', 'Higher',
          'Advanced Higher', 'NCEA Level 3', 'VCE', 'HSC', 'Leaving Cert', 'Class XII')),
    ('stay', 'Roles: Head of Year, SENCo, Designated Safeguarding Lead, Form Tutor, Teaching '
     'Assistant, Principal Investigator, Research Fellow, Registrar, Dean of Students.',
     (), ('Head of Year', 'SENCo', 'Designated Safeguarding Lead', 'Form Tutor',
          'Teaching Assistant', 'Principal Investigator', 'Research Fellow', 'Registrar',
          'Dean of Students')),
    ('stay', 'Forms: FAFSA, CSS Profile, Form I-20, DS-160, DS-2019, Form I-765, the CAS, '
     'the EHCP, the IEP, Form 1098-T.',
     (), ('FAFSA', 'CSS Profile', 'Form I-20', 'DS-160', 'DS-2019', 'Form I-765', 'EHCP',
          'IEP', 'Form 1098-T')),
    ('stay', 'Law: FERPA, IDEA, Section 504, Title IX, Title VII, Children Act 1989, '
     'Education Act 1996, Equality Act 2010, Privacy Act 1988, POPIA.',
     (), ('FERPA', 'IDEA', 'Section 504', 'Title IX', 'Title VII', 'Children Act 1989',
          'Education Act 1996', 'Equality Act 2010', 'Privacy Act 1988', 'POPIA')),
    ('stay', 'Grades: A*, A, B+, 2:1, First, Merit, Distinction, GPA 3.7, grade 9, 7/7, '
     'ATAR 94.5.',
     (), ('A*', 'B+', '2:1', 'Merit', 'Distinction', 'GPA 3.7', 'grade 9', 'ATAR 94.5')),
    ('stay', 'Modules: CS 101, MATH1051, PHYS 2B03, ECON 310, HIST2040, COMP9021, STAT 2010.',
     (), ('CS 101', 'MATH1051', 'PHYS 2B03', 'ECON 310', 'HIST2040', 'COMP9021',
          'STAT 2010')),
    ('stay', 'Awards: grant R01 MH123456, EP/X012345/1, ARC DP240100123, Horizon Europe '
     '101044718, trial NCT04412345, ISRCTN12345678.',
     (), ('R01 MH123456', 'EP/X012345/1', 'DP240100123', 'NCT04412345', 'ISRCTN12345678')),
    ('stay', 'Words: HR Business Partner, Occupational Health Nurse, Student Loan, S Pass, '
     'Student Pass, Title VII.',
     (), ('HR Business Partner', 'Occupational Health Nurse', 'Student Loan', 'S Pass',
          'Student Pass', 'Title VII')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
