"""The forty-seventh round's first probe prompts: what engineers, SREs and IT support paste into an
LLM. Application logs and stack traces that carry users' e-mails, names, phones, IPs and user
ids; nginx and Apache access logs with e-mails and tokens in their query strings; syslog and
auth.log (sshd's `Accepted publickey for ...`); SQL dumps, `INSERT` rows, CSV and JSON exports
of a users table; `.env` and configuration files, connection strings with their passwords
(`postgres://`, `mongodb+srv://`, `redis://:pass@`, JDBC, ODBC's `Pwd=`, ADO.NET, Azure
storage); API keys and tokens (AWS `AKIA`/`ASIA` and their secrets, GitHub `ghp_`/`github_pat_`,
GitLab `glpat-`, Slack `xoxb-`/`xoxp-` and webhook URLs, Stripe `sk_live_`/`rk_live_`, Google
`AIza`, OpenAI and Anthropic `sk-...`, Twilio, SendGrid `SG.`, npm, Mailgun, Datadog, JWTs, PEM
and OpenSSH private keys, `Authorization: Bearer`/`Basic`, cookies and session ids, presigned
URLs' signatures); Kubernetes Secrets (base64 values) and Terraform state; git log and blame;
crash reports and mobile analytics with device ids (IMEI, IDFA/GAID, Android ids, serial
numbers, MAC addresses); HTTP request dumps and curl commands; help-desk tickets (AD accounts,
`DOMAIN\\user`, employee ids, laptops' asset tags, a home address to ship hardware to). Beside
the values, the words that must stay: code identifiers, libraries and tools, HTTP verbs and
status codes, log levels, exception classes, resource UUIDs, commit hashes, versions, ports,
cron lines. Counts both with the ``veil`` on ``PYTHONPATH`` and one NER backend:

    PYTHONPATH=<tree>/src python benchmarks/results/hotpath/s77a/leak_probes_s77a.py \
        learned|spacy [--show]

Policy read from docs/detection.md and the earlier sets:

* SECRET covers every credential: API keys and tokens by their documented prefixes, passwords
  (in a key's value, a connection string, a login), private keys, session ids and cookies that
  authenticate, a signed URL's signature, HTTP Basic and Bearer tokens, base64 values of a
  Kubernetes Secret. A secret is a value whatever its entropy.
* IP_ADDRESS is masked wherever it stands: the recognizer cannot tell an example from a host's
  real address and an internal address maps a network. So every address in a log or a
  config is a value, and an RFC 5737 / RFC 3849 documentation address (`192.0.2.0/24`,
  `198.51.100.0/24`, `203.0.113.0/24`, `2001:db8::/32`) or a loopback in a how-to is neither a
  value nor a word (masking it costs the answer little: restore puts it back).
* URL is masked whole, a public service's host included (`api.github.com`, `s3.amazonaws.com`),
  since a path or a query may name a person: a host is neither a value nor a word; a token or an
  e-mail in a URL's query is a value (masking the URL covers it). Internal host names
  (`db01.corp.internal`) are neither.
* DATE_TIME is masked by default, so a log's date is neither a value nor a word (a birth date
  is a value).
* A user's identifiers are values: e-mail, phone, name, login (USERNAME: sshd's user, an AD
  account, `DOMAIN\\user`, a home folder's name), a user's, customer's or employee's id under
  a key or label that names it (`user_id=88213`, `"customerId"`, `employee ID`), a device's
  IMEI, advertising id (IDFA/GAID), Android id, serial number and MAC address, a laptop's asset
  tag assigned to a person, a home address. A request's, trace's, job's, pod's or order's id,
  a resource's UUID, a commit's hash, a container image's digest, a key's public fingerprint and
  a service account's name (`svc-backup`, `root`, `postgres`) are not.
* Company names are neither. Written before any rule of this round, as a held-out set. All
  values are made up; checksums are valid where the id has one (IMEI Luhn, GitHub's and npm's
  CRC32 tails, JWT headers that decode to JSON, base64 that decodes).
"""

from __future__ import annotations

#: (kind, prompt, values that must go, words that must stay)
PROBES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # --- application logs and stack traces ------------------------------------------------
    ('applog', '2024-03-05 14:22:01,332 ERROR [http-nio-8080-exec-7] c.a.billing.UserService - '
     'NullPointerException while updating profile for user_id=88213 '
     'email=marisol.quenby@gmail.com ip=81.2.69.142\n'
     '\tat com.acme.billing.UserService.updateProfile(UserService.java:214)\n'
     '\tat com.acme.billing.web.ProfileController.save(ProfileController.java:88)',
     ('88213', 'marisol.quenby@gmail.com', '81.2.69.142'),
     ('ERROR', 'http-nio-8080-exec-7', 'NullPointerException', 'UserService.java:214',
      'com.acme.billing.web.ProfileController.save', 'ProfileController.java:88')),
    ('applog', 'Traceback (most recent call last):\n  File "/home/rbalasubramanian/src/crm/'
     'sync.py", line 42, in push_contact\n    resp.raise_for_status()\nrequests.exceptions.'
     'HTTPError: 422 Client Error: Unprocessable Entity for url: https://api.hubspot.com/crm/v3/'
     'objects/contacts?email=theodora.vasquez%40outlook.com\ncontact = {"firstname": "Theodora", '
     '"lastname": "Vasquez-Lindqvist", "phone": "+1 415 555 0187"}',
     ('rbalasubramanian', 'theodora.vasquez%40outlook.com', 'Theodora', 'Vasquez-Lindqvist',
      '+1 415 555 0187'),
     ('Traceback (most recent call last)', 'push_contact', 'resp.raise_for_status()',
      'requests.exceptions.HTTPError', '422 Client Error', 'Unprocessable Entity')),
    ('applog', '{"level":"warn","ts":"2024-03-05T14:22:01.332Z","logger":"auth","msg":"login '
     'failed","user":{"id":"usr_7Hq2LmX9","email":"kwame.asante-boateng@protonmail.com",'
     '"name":"Kwame Asante-Boateng"},"remote_addr":"94.142.241.111","attempt":3,'
     '"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}',
     ('usr_7Hq2LmX9', 'kwame.asante-boateng@protonmail.com', 'Kwame', 'Asante-Boateng',
      '94.142.241.111'),
     ('"level":"warn"', '"logger":"auth"', 'login failed', '"attempt":3',
      '4bf92f3577b34da6a3ce929d0e0e4736')),
    ('applog', 'WARN  2024-03-05 09:14:55 [worker-3] NotificationJob: SMS to +44 7700 900461 '
     '(customer 5520817, Fionnuala Breathnach) failed: TwilioRestException 21211 Invalid '
     'To Phone Number; retrying in 30s',
     ('+44 7700 900461', '5520817', 'Fionnuala', 'Breathnach'),
     ('WARN', 'worker-3', 'NotificationJob', 'TwilioRestException 21211',
      'Invalid To Phone Number', 'retrying in 30s')),
    ('applog', 'Sentry issue PROJ-3KX: TypeError: Cannot read properties of undefined (reading '
     "'address')\n  at CheckoutForm.render (checkout.tsx:118)\nUser: id=40417 "
     'email=ines.carvalho.ferraz@sapo.pt ip_address=2a02:8070:a1c3:4200:9d1e:77ff:fe21:3b4c\n'
     'Browser: Chrome 122.0.6261 | OS: Windows 10',
     ('40417', 'ines.carvalho.ferraz@sapo.pt', '2a02:8070:a1c3:4200:9d1e:77ff:fe21:3b4c'),
     ('TypeError', 'Cannot read properties of undefined', 'CheckoutForm.render',
      'checkout.tsx:118', 'Chrome 122.0.6261', 'Windows 10')),
    ('applog', 'django.db.utils.IntegrityError: duplicate key value violates unique constraint '
     '"accounts_user_email_key"\nDETAIL:  Key (email)=(benedikt.oyelaran@web.de) already '
     'exists.\n[pid 7719] request_id=9f1c2e7a user_id=310442 path=/signup/',
     ('benedikt.oyelaran@web.de', '310442'),
     ('django.db.utils.IntegrityError', 'duplicate key value violates unique constraint',
      'accounts_user_email_key', 'already exists', 'request_id=9f1c2e7a', 'path=/signup/')),
    ('applog', 'Exception in thread "main" java.lang.IllegalStateException: Customer '
     'Dagny Halvorsen-Whitlock (cust-00481192) has no billing address\n\tat '
     'io.shopline.orders.OrderService.place(OrderService.java:331)\nCaused by: '
     'java.lang.NumberFormatException: For input string: "07912 448 391"',
     ('Dagny', 'Halvorsen-Whitlock', 'cust-00481192', '07912 448 391'),
     ('java.lang.IllegalStateException', 'has no billing address',
      'io.shopline.orders.OrderService.place', 'OrderService.java:331',
      'java.lang.NumberFormatException', 'For input string')),
    ('applog', 'I0305 14:22:01.332114   1 handler.go:88] password reset requested '
     'uid=200917 email="yusuf.demirkaya@yandex.com" phone="+90 532 418 77 65" '
     'client_ip=176.88.140.22 ua="okhttp/4.12.0"',
     ('200917', 'yusuf.demirkaya@yandex.com', '+90 532 418 77 65', '176.88.140.22'),
     ('handler.go:88', 'password reset requested', 'okhttp/4.12.0')),
    ('applog', 'Can you tell me why this keeps failing?\n[2024-03-05 10:01:12] production.ERROR: '
     'Mail delivery to anneliese.brandt@t-online.de failed {"userId":66120,"exception":"[object] '
     '(Symfony\\\\Component\\\\Mailer\\\\Exception\\\\TransportException(code: 550): 550 5.1.1 '
     'mailbox unavailable"}',
     ('anneliese.brandt@t-online.de', '66120'),
     ('production.ERROR', 'Mail delivery', 'TransportException', '550 5.1.1',
      'mailbox unavailable')),
    ('applog', 'RangeError: Maximum call stack size exceeded\n    at serializeUser '
     '(/Users/cobrien/work/api/src/session.ts:57:11)\n    at Array.map (<anonymous>)\n'
     'session: { uid: "u_5571903", displayName: "Ciarán O\'Brien", email: '
     '"ciaran.obrien@eircom.net" }',
     ('cobrien', 'u_5571903', "Ciarán O'Brien", 'ciaran.obrien@eircom.net'),
     ('RangeError', 'Maximum call stack size exceeded', 'serializeUser', 'session.ts:57:11',
      'Array.map', '<anonymous>')),
    ('applog', 'Feb 28 23:59:59 app-7 gunicorn[2211]: [ERROR] Payment declined for order '
     'ORD-99812 (customer_id=7310945, card ending 4417, billing zip 94110) - stripe error '
     'card_declined',
     ('7310945',),
     ('gunicorn[2211]', '[ERROR]', 'Payment declined', 'ORD-99812', 'card_declined')),
    # --- web server access logs -------------------------------------------------------------
    ('access', '81.2.69.160 - - [05/Mar/2024:14:22:01 +0000] "GET /api/v2/password/reset?'
     'email=olusegun.adeyemi%40gmail.com&token=8xojcuou7ranrwzcnfisf3xdby4o2gc3 HTTP/1.1" 200 '
     '512 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X)"',
     ('81.2.69.160', 'olusegun.adeyemi%40gmail.com', '8xojcuou7ranrwzcnfisf3xdby4o2gc3'),
     ('"GET /api/v2/password/reset', 'HTTP/1.1" 200', 'Mozilla/5.0', 'iPhone OS 17_3')),
    ('access', '185.220.101.47 - jkowalczyk [05/Mar/2024:09:10:44 +0100] "POST /wp-login.php '
     'HTTP/1.1" 302 0 "https://blog.example.org/wp-admin/" "curl/8.4.0"\n'
     '185.220.101.47 - - [05/Mar/2024:09:10:45 +0100] "GET /unsubscribe?uid=8812044&'
     'e=priyanka.raghunathan@rediffmail.com HTTP/1.1" 404 153',
     ('185.220.101.47', 'jkowalczyk', '8812044', 'priyanka.raghunathan@rediffmail.com'),
     ('"POST /wp-login.php', 'HTTP/1.1" 302', 'curl/8.4.0', 'HTTP/1.1" 404')),
    ('access', '2024-03-05T14:22:01Z GET /v1/files/download?X-Amz-Algorithm=AWS4-HMAC-SHA256&'
     'X-Amz-Credential=AKIAI6UOR4L7UBGSZOP3%2F20240305%2Fus-east-1%2Fs3%2Faws4_request&'
     'X-Amz-Date=20240305T142201Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature='
     'e9c85e593b4f9a9cc3b953aa71b3830a13fcf93e3e3f13c90335515c5d368d56 200 1.2MB',
     ('AKIAI6UOR4L7UBGSZOP3', 'e9c85e593b4f9a9cc3b953aa71b3830a13fcf93e3e3f13c90335515c5d368d56'),
     ('X-Amz-Algorithm=AWS4-HMAC-SHA256', 'X-Amz-Expires=900', 'X-Amz-SignedHeaders=host')),
    ('access', 'ALB log line, why 401?\nh2 2024-03-05T14:22:01.332Z app/prod-alb/50dc6c495c0c9188 '
     '203.0.113.58:51544 10.0.3.17:8080 0.001 0.012 0.000 401 401 1024 225 "GET https://api.'
     'shoply.io:443/v1/me?access_token=ya29.a0AfB_byC7xK9mPq2RsT4uVw5XyZ01234abcdEFGH HTTP/2.0" '
     '"okhttp/4.9.3"',
     ('203.0.113.58', '10.0.3.17', 'ya29.a0AfB_byC7xK9mPq2RsT4uVw5XyZ01234abcdEFGH'),
     ('ALB log line, why 401?', 'app/prod-alb/50dc6c495c0c9188', 'okhttp/4.9.3')),
    ('access', '[Tue Mar 05 14:22:01.332114 2024] [php:error] [pid 19922] [client '
     '46.101.88.214:60122] PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [1045] '
     "Access denied for user 'shopadmin'@'10.20.0.5' (using password: YES) in "
     '/var/www/html/includes/db.php:12',
     ('46.101.88.214', '10.20.0.5'),
     ('[php:error]', 'PHP Fatal error', 'Uncaught PDOException', 'SQLSTATE[HY000] [1045]',
      'Access denied for user', '(using password: YES)', '/var/www/html/includes/db.php:12')),
    ('access', '127.0.0.1 - - "GET /callback?code=4/0AeaYSHBx9QqN7vL2mK8pR3tW6yZ&state='
     'c3RhdGUxMjM0NTY3OA&session_state=ixdf89gb7219q2psar33p1nrx1 HTTP/1.1" 302\n'
     'Set-Cookie: PHPSESSID=AB89313AA81F675E6943044ECCB50D2E; path=/; HttpOnly',
     ('4/0AeaYSHBx9QqN7vL2mK8pR3tW6yZ', 'ixdf89gb7219q2psar33p1nrx1',
      'AB89313AA81F675E6943044ECCB50D2E'),
     ('"GET /callback?code=', 'HTTP/1.1" 302', 'Set-Cookie: PHPSESSID=', 'path=/',
      'HttpOnly')),
    # --- syslog and auth.log ------------------------------------------------------------------
    ('auth', 'Mar  5 14:22:01 bastion-01 sshd[30211]: Accepted publickey for kmwangi from '
     '102.89.34.201 port 52144 ssh2: ED25519 SHA256:Qm7uZr1Vx8pL0sN3kT5wY2aB4cD6eF9gH1iJ2kL3mN4\n'
     'Mar  5 14:22:01 bastion-01 sshd[30211]: pam_unix(sshd:session): session opened for user '
     'kmwangi(uid=1004) by (uid=0)',
     ('kmwangi', '102.89.34.201'),
     ('bastion-01', 'sshd[30211]', 'Accepted publickey for', 'port 52144', 'ssh2: ED25519',
      'pam_unix(sshd:session)', 'session opened for user', 'by (uid=0)')),
    ('auth', 'Mar  5 03:11:09 web-02 sshd[1181]: Failed password for invalid user oracle from '
     '45.155.205.233 port 40122 ssh2\nMar  5 03:11:12 web-02 sshd[1185]: Failed password for '
     'tlindqvist from 91.198.174.192 port 51877 ssh2\nMar  5 03:11:14 web-02 sudo:  tlindqvist '
     ': TTY=pts/0 ; PWD=/home/tlindqvist ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx',
     ('45.155.205.233', 'tlindqvist', '91.198.174.192'),
     ('Failed password for invalid user oracle', 'TTY=pts/0', 'USER=root',
      'COMMAND=/usr/bin/systemctl restart nginx')),
    ('auth', '<38>Mar  5 08:00:17 vpn-gw01 openvpn[912]: hparekh/88.217.44.19:50122 MULTI_sva: '
     'pool returned IPv4=10.8.0.14, IPv6=(Not enabled)\n<38>Mar  5 08:00:17 vpn-gw01 '
     'openvpn[912]: hparekh/88.217.44.19:50122 Verify OK: CN=Harshad Parekh, '
     'emailAddress=harshad.parekh@lumenworks.co.uk',
     ('hparekh', '88.217.44.19', '10.8.0.14', 'Harshad Parekh', 'harshad.parekh@lumenworks.co.uk'),
     ('vpn-gw01', 'openvpn[912]', 'MULTI_sva', 'pool returned', '(Not enabled)', 'Verify OK')),
    ('auth', 'Windows Security log, Event ID 4625: An account failed to log on.\nAccount Name:\t'
     'vgrigoryan\nAccount Domain:\tNORTHWIND\nFailure Reason:\tUnknown user name or bad password.'
     '\nWorkstation Name:\tLT-VGRIGORYAN\nSource Network Address:\t172.16.40.88',
     ('vgrigoryan', 'VGRIGORYAN', '172.16.40.88'),
     ('Event ID 4625', 'An account failed to log on', 'Account Domain', 'NORTHWIND',
      'Unknown user name or bad password', 'Source Network Address')),
    ('auth', 'Mar 5 11:02:44 mail01 postfix/smtpd[4412]: NOQUEUE: reject: RCPT from '
     'unknown[62.210.88.7]: 550 5.7.1 <svetlana.morozova@mail.ru>: Relay access denied; '
     'from=<achen1987@hotmail.com> to=<svetlana.morozova@mail.ru> proto=ESMTP helo=<ylmf-pc>',
     ('62.210.88.7', 'svetlana.morozova@mail.ru', 'achen1987@hotmail.com'),
     ('postfix/smtpd[4412]', 'NOQUEUE: reject', 'Relay access denied', 'proto=ESMTP')),
    ('auth', 'audit: type=USER_LOGIN msg=audit(1709648521.332:4471): pid=30211 uid=0 '
     'auid=1007 ses=12 msg=\'op=login acct="mnakashima" exe="/usr/sbin/sshd" '
     'hostname=? addr=121.140.77.9 terminal=ssh res=success\'',
     ('mnakashima', '121.140.77.9'),
     ('type=USER_LOGIN', 'op=login', 'exe="/usr/sbin/sshd"', 'terminal=ssh', 'res=success')),
    # --- SQL dumps, CSV and JSON exports --------------------------------------------------------
    ('sql', "INSERT INTO `users` (`id`, `username`, `email`, `full_name`, `phone`, "
     "`password_hash`, `created_at`) VALUES\n(1041, 'eokonkwo', 'ebere.okonkwo@gmail.com', "
     "'Ebere Okonkwo', '+234 803 555 0142', '$2b$12$Kq7YtP9vLm2XwZ4nR8sT1uOaBcDeFgHiJkLmNoPqRsTuVwXyZ0123', "
     "'2023-11-02 10:14:00'),\n(1042, 'lmarchetti', 'lucia.marchetti@libero.it', 'Lucia "
     "Marchetti', '+39 347 555 0198', '$2b$12$Zx9Wv8Ut7Sr6Qp5On4Ml3Kj2Ih1GfEdCbA0zYxWvUtSrQpOnMlKj', "
     "'2023-11-03 08:40:12');",
     ('eokonkwo', 'ebere.okonkwo@gmail.com', 'Ebere Okonkwo', '+234 803 555 0142',
      '$2b$12$Kq7YtP9vLm2XwZ4nR8sT1uOaBcDeFgHiJkLmNoPqRsTuVwXyZ0123', 'lmarchetti',
      'lucia.marchetti@libero.it', 'Lucia', 'Marchetti', '+39 347 555 0198',
      '$2b$12$Zx9Wv8Ut7Sr6Qp5On4Ml3Kj2Ih1GfEdCbA0zYxWvUtSrQpOnMlKj'),
     ('INSERT INTO `users`', '`password_hash`', '`created_at`', 'VALUES')),
    ('sql', 'mysql> SELECT id, email, last_login_ip, api_key FROM accounts WHERE id IN (77, 78);'
     '\n+----+------------------------------+---------------+----------------------------------+'
     '\n| id | email                        | last_login_ip | api_key                          |'
     '\n| 77 | gunnhild.saetre@online.no    | 84.208.19.241 | 5a03f0ab4e9df161652e9639911b08fd |'
     '\n| 78 | rashid.al-mansouri@gmail.com | 5.36.144.90   | 8fc2244218bcf1986187d25fef061b71 |'
     '\n2 rows in set (0.00 sec)',
     ('gunnhild.saetre@online.no', '84.208.19.241', '5a03f0ab4e9df161652e9639911b08fd',
      'rashid.al-mansouri@gmail.com', '5.36.144.90', '8fc2244218bcf1986187d25fef061b71'),
     ('SELECT id, email, last_login_ip, api_key FROM accounts', '2 rows in set (0.00 sec)')),
    ('csv', 'export from the admin panel, can you dedupe it?\nuser_id,first_name,last_name,email,'
     'phone,signup_ip,plan\n10233,Oluwaseun,Adebayo-Whyte,seun.aw@yahoo.co.uk,07700 900812,'
     '86.11.45.203,pro\n10234,Margarethe,Vinterberg,m.vinterberg@gmx.net,+49 151 55501234,'
     '93.184.216.40,free\n10235,Oluwaseun,Adebayo-Whyte,seun.aw@yahoo.co.uk,07700 900812,'
     '86.11.45.203,pro',
     ('10233', 'Oluwaseun', 'Adebayo-Whyte', 'seun.aw@yahoo.co.uk', '07700 900812',
      '86.11.45.203', '10234', 'Margarethe', 'Vinterberg', 'm.vinterberg@gmx.net',
      '+49 151 55501234', '93.184.216.40'),
     ('export from the admin panel', 'dedupe', 'user_id,first_name,last_name,email', ',pro',
      ',free')),
    ('json', '[{"id": "5f1e9a", "username": "tanvir.h", "email": "tanvir.hossain@outlook.com", '
     '"profile": {"fullName": "Tanvir Hossain", "dob": "1991-07-23", "mobile": "+880 1712-555019"'
     ', "address": {"street": "House 14, Road 7, Dhanmondi", "city": "Dhaka"}}, "roles": '
     '["editor"], "mfa_enabled": false}]',
     ('tanvir.h', 'tanvir.hossain@outlook.com', 'Tanvir Hossain', '1991-07-23',
      '+880 1712-555019', 'House 14, Road 7, Dhanmondi'),
     ('"roles": ["editor"]', '"mfa_enabled": false')),
    ('sql', "COPY public.customers (id, email, first_name, last_name, stripe_customer_id, "
     "last_ip) FROM stdin;\n5521\tgwendolyn.achterberg@ziggo.nl\tGwendolyn\tAchterberg\t"
     "cus_PqR8sT2uVw4XyZ\t77.161.23.9\n5522\tdmitri.sokolovsky@rambler.ru\tDmitri\tSokolovsky\t"
     "cus_Ab3Cd5Ef7Gh9Ij\t95.165.40.12\n\\.",
     ('gwendolyn.achterberg@ziggo.nl', 'Gwendolyn', 'Achterberg', '77.161.23.9',
      'dmitri.sokolovsky@rambler.ru', 'Dmitri', 'Sokolovsky', '95.165.40.12'),
     ('COPY public.customers', 'FROM stdin')),
    ('sql', "UPDATE users SET email = 'halvard.moe@icloud.com', phone = '+47 912 55 034', "
     "reset_token = 'e0ba8179441c4440b21f7e0eccd5df4c' WHERE username = 'hmoe' AND "
     "tenant_id = 12;",
     ('halvard.moe@icloud.com', '+47 912 55 034', 'e0ba8179441c4440b21f7e0eccd5df4c', 'hmoe'),
     ('UPDATE users SET email', 'reset_token', 'WHERE username', 'tenant_id = 12')),
    ('json', 'MongoDB shell output:\n{ _id: ObjectId("65e6f1a2c3b4d5e6f7a8b9c0"), login: '
     '"zhangwei88", email: "zhang.wei88@163.com", name: { first: "Wei", last: "Zhang" }, '
     'phone: "+86 138 0013 8000", lastSeenIp: "116.228.111.18" }',
     ('zhangwei88', 'zhang.wei88@163.com', 'Zhang', '+86 138 0013 8000', '116.228.111.18'),
     ('MongoDB shell output', 'ObjectId("65e6f1a2c3b4d5e6f7a8b9c0")')),
    # --- .env, configuration files, connection strings ------------------------------------
    ('config', '# .env.production\nNODE_ENV=production\nPORT=3000\nDATABASE_URL=postgres://'
     'app_rw:Vn8#qLx2!pZt@db-prod.internal:5432/shop\nREDIS_URL=redis://:cmVkaXMtczNjcjN0@'
     'cache-01.internal:6379/0\nSTRIPE_SECRET_KEY=sk_live_RCZ3IwEF6y5kyy3JBNWqb9Mt\n'
     'SENDGRID_API_KEY=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\n'
     'LOG_LEVEL=info',
     ('Vn8#qLx2!pZt', 'cmVkaXMtczNjcjN0', 'sk_live_RCZ3IwEF6y5kyy3JBNWqb9Mt',
      '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'),
     ('NODE_ENV=production', 'PORT=3000', 'DATABASE_URL=', 'REDIS_URL=', 'STRIPE_SECRET_KEY=',
      'SENDGRID_API_KEY=', 'LOG_LEVEL=info')),
    ('config', 'MONGO_URI="mongodb+srv://abhattacharya:Kolkata%402024@cluster0.x7qpz.mongodb.net'
     '/orders?retryWrites=true&w=majority"\nwhy does it say bad auth?',
     ('abhattacharya', 'Kolkata%402024'),
     ('MONGO_URI=', 'retryWrites=true', 'w=majority', 'why does it say bad auth?')),
    ('config', 'spring:\n  datasource:\n    url: jdbc:mysql://10.12.4.21:3306/hr?user=ewalczak&'
     'password=Jesien!2023&useSSL=false\n    driver-class-name: com.mysql.cj.jdbc.Driver\n'
     '  jpa:\n    hibernate:\n      ddl-auto: validate',
     ('10.12.4.21', 'ewalczak', 'Jesien!2023'),
     ('spring:', 'datasource:', 'driver-class-name: com.mysql.cj.jdbc.Driver',
      'ddl-auto: validate', 'useSSL=false')),
    ('config', 'Driver={ODBC Driver 18 for SQL Server};Server=tcp:sql-fin-01.corp.local,1433;'
     'Database=Ledger;Uid=CORP\\abernstein;Pwd=Qu4rtz&Lime77;Encrypt=yes;'
     'TrustServerCertificate=no;',
     ('abernstein', 'Qu4rtz&Lime77'),
     ('Driver={ODBC Driver 18 for SQL Server}', 'Database=Ledger', 'Encrypt=yes',
      'TrustServerCertificate=no')),
    ('config', '"ConnectionStrings": {\n  "Default": "Server=10.40.2.8;Database=Crm;User Id='
     'nkariuki;Password=Mara$Serengeti9;MultipleActiveResultSets=true"\n}',
     ('10.40.2.8', 'nkariuki', 'Mara$Serengeti9'),
     ('"ConnectionStrings"', '"Default"', 'Database=Crm', 'MultipleActiveResultSets=true')),
    ('config', 'AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName='
     'acmeprodfiles;AccountKey=zgkDXXy1bwKFLv+xYfda5/2Lhjet4KskSmeP2h1K0ZIGtrUK415HulERxOQ+'
     'DJBgCzXSQv4rXa5J3fnaLHCybg==;EndpointSuffix=core.windows.net',
     ('zgkDXXy1bwKFLv+xYfda5/2Lhjet4KskSmeP2h1K0ZIGtrUK415HulERxOQ+DJBgCzXSQv4rXa5J3fnaLHCybg==',),
     ('AZURE_STORAGE_CONNECTION_STRING=', 'DefaultEndpointsProtocol=https')),
    ('config', 'amqp://rabbit_user:Zr7pWq19vXk@mq.internal:5672/%2F is refusing connections '
     'after the upgrade to RabbitMQ 3.13.0, and smtp://alerts%40acme-ops.io:Gr3enT34!@smtp.'
     'mailgun.org:587 too',
     ('Zr7pWq19vXk', 'Gr3enT34!'),
     ('is refusing connections after the upgrade to RabbitMQ 3.13.0', 'too')),
    ('config', '[client]\nuser = dsantamaria\npassword = "Tortuga_88!mar"\nhost = 10.0.7.14\n'
     'port = 3306\n[mysqldump]\nsingle-transaction',
     ('dsantamaria', 'Tortuga_88!mar', '10.0.7.14'),
     ('[client]', 'port = 3306', '[mysqldump]', 'single-transaction')),
    ('config', "settings.py:\nSECRET_KEY = 'django-insecure-8k#v2@q!x9m$z7w^p3r&t6y*u1i0o5l4'\n"
     "DEBUG = False\nALLOWED_HOSTS = ['*']\nEMAIL_HOST_USER = 'noreply@acme-ops.io'\n"
     "EMAIL_HOST_PASSWORD = 'pqrm vxzt kljw hbnf'",
     ('django-insecure-8k#v2@q!x9m$z7w^p3r&t6y*u1i0o5l4', 'pqrm vxzt kljw hbnf'),
     ('settings.py', 'DEBUG = False', "ALLOWED_HOSTS = ['*']", 'EMAIL_HOST_USER')),
    ('config', 'docker run -d -e POSTGRES_PASSWORD=Bl4ckBird_0422 -e PGADMIN_DEFAULT_EMAIL='
     'oyelowo.adetunji@gmail.com -p 5432:5432 postgres:16.2-alpine',
     ('Bl4ckBird_0422', 'oyelowo.adetunji@gmail.com'),
     ('docker run -d', 'POSTGRES_PASSWORD=', '-p 5432:5432', 'postgres:16.2-alpine')),
    ('config', '~/.pgpass has this line and psql still asks:\ndb.prod.internal:5432:billing:'
     'mfontaine:R0sewater-1987',
     ('mfontaine', 'R0sewater-1987'),
     ('~/.pgpass has this line and psql still asks',)),
    ('config', 'wpa_supplicant.conf:\nnetwork={\n    ssid="Hendricks_Home_5G"\n    psk='
     '"tulip-garden-4471"\n    key_mgmt=WPA-PSK\n}',
     ('tulip-garden-4471',),
     ('wpa_supplicant.conf', 'network={', 'key_mgmt=WPA-PSK')),
    # --- API keys and tokens --------------------------------------------------------------
    ('keys', '~/.aws/credentials\n[default]\naws_access_key_id = AKIAR5KF2F2ALRWHUWYJ\n'
     'aws_secret_access_key = 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\nregion = eu-west-1',
     ('AKIAR5KF2F2ALRWHUWYJ', 'PPc3/jH1kLKnPnEbpAh/2L56XmK6RCKsKCprs2oS'),
     ('~/.aws/credentials', '[default]', 'aws_access_key_id', 'aws_secret_access_key',
      'region = eu-west-1')),
    ('keys', 'aws sts get-session-token output:\n{"Credentials": {"AccessKeyId": '
     '"ASIAPZRSV52ZQZAR5AEM", "SecretAccessKey": "3HUlVOJO2v5nTr53VaYGeeZWhbLpKGVHKVwapppT", '
     '"SessionToken": "IQoJb3JpZ2luX2VjEudVVGtZpqNTXQ9patiIUJLe7Cvm5q66lPnIs+dbVN91htMJrA0vixC0'
     'CAwnOWQR+PL1HJX3zFeTNH8ubaqsP+JAdn/xYh1WHya4EukD1PkGwS1YrspXWTkJ3jnOblovC5ZQwffklGT1L7gD'
     'Hw2uNMGFvZDUj5gpmzzes7SRknOKrBh0iHewy", "Expiration": "2024-03-05T20:22:01Z"}}',
     ('ASIAPZRSV52ZQZAR5AEM', '3HUlVOJO2v5nTr53VaYGeeZWhbLpKGVHKVwapppT',
      'IQoJb3JpZ2luX2VjEudVVGtZpqNTXQ9patiIUJLe7Cvm5q66lPnIs'),
     ('aws sts get-session-token output', '"Credentials"', '"AccessKeyId"',
      '"SecretAccessKey"', '"SessionToken"', '"Expiration"')),
    ('keys', 'I accidentally committed this in .github/workflows/deploy.yml, how do I purge it '
     'from history?\n  env:\n    GH_TOKEN: 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\n'
     '    NPM_TOKEN: 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',
     ('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', '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'),
     ('accidentally committed', '.github/workflows/deploy.yml', 'purge it from history',
      'env:', 'GH_TOKEN:', 'NPM_TOKEN:')),
    ('keys', 'git clone https://oauth2:glpat-POyJV9YZGWNkJnsrUgBh@gitlab.acme-ops.io/platform/'
     'infra.git fails with 403, and git remote -v shows https://x-access-token:'
     'ghs_11XzWL8MHpoKEzViXZya8cdFOcVwWB299LQs@github.com/acme/api.git',
     ('glpat-POyJV9YZGWNkJnsrUgBh', 'ghs_11XzWL8MHpoKEzViXZya8cdFOcVwWB299LQs'),
     ('git clone', 'fails with 403', 'git remote -v shows')),
    ('keys', 'The fine-grained token github_pat_kjbd93oQGXy9KTUMAFGrM1_4gENAsIrsD3mbLFecbVjafQ4gGnR'
     'fXBkg8QysD4FIS0Xzm41PB2qs353f2H gets "Resource not accessible by personal access token" '
     'on the Actions API',
     ('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',),
     ('fine-grained token', 'Resource not accessible by personal access token',
      'Actions API')),
    ('keys', "const slack = new WebClient('xoxb-123741329261-5763667755439-YkPvdRHUNL9yf4StfxDPNV2a');"
     "\n// user token for the admin API\nconst admin = new WebClient("
     "'xoxp-594123779845-641805160688-8559471781938-031c41885221c25f6aaf76fdc6c369aa');",
     ('xoxb-123741329261-5763667755439-YkPvdRHUNL9yf4StfxDPNV2a',
      'xoxp-594123779845-641805160688-8559471781938-031c41885221c25f6aaf76fdc6c369aa'),
     ('const slack = new WebClient', 'user token for the admin API', 'const admin')),
    ('keys', 'curl -X POST -H "Content-type: application/json" --data \'{"text":"deploy done"}\' '
     'https://hooks.slack.com/services/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',
     ('ELRersl9a6sLABHHNBSz40Zg',),
     ('curl -X POST', 'Content-type: application/json', '"text":"deploy done"')),
    ('keys', 'stripe.api_key = "rk_live_8sCG3CRKbKeyv6xQrM3hwwjh"  # restricted key for refunds\n'
     'stripe.Refund.create(payment_intent="pi_3OqX2bLkdIwHu7ix0Fw3bGqz")',
     ('rk_live_8sCG3CRKbKeyv6xQrM3hwwjh',),
     ('stripe.api_key', 'restricted key for refunds', 'stripe.Refund.create')),
    ('keys', '<script src="https://maps.googleapis.com/maps/api/js?key=AIza9Fo95X07mVvp-DKOHQ9UOD'
     'dfdFd2lA2D_FN&callback=initMap" async defer></script> shows "RefererNotAllowedMapError"',
     ('AIza9Fo95X07mVvp-DKOHQ9UODdfdFd2lA2D_FN',),
     ('<script src=', 'async defer></script>', 'RefererNotAllowedMapError')),
    ('keys', 'from openai import OpenAI\nclient = OpenAI(api_key="sk-proj-oVGbuLI4C0GRwa9xed3XBYqpNn'
     'RNB7FIYnqdodrN1o5JqEt-")\nanthropic_client = anthropic.Anthropic(api_key='
     '"sk-ant-api03-iija1IYLsD6c060ZGUfpDNhmMLm43B3OjdK2OLMdNJTkzc-8pRXhWNEuCbY_e3ZVMkfcDWKbFYV6'
     'RZc123ybgnl8LzRRIAA")',
     ('sk-proj-oVGbuLI4C0GRwa9xed3XBYqpNnRNB7FIYnqdodrN1o5JqEt-',
      'sk-ant-api03-iija1IYLsD6c060ZGUfpDNhmMLm43B3OjdK2OLMdNJTkzc-8pRXhWNEuCbY_e3ZVMkfcDWKbFYV6'
      'RZc123ybgnl8LzRRIAA'),
     ('from openai import OpenAI', 'client = OpenAI(', 'anthropic.Anthropic(')),
    ('keys', 'Twilio says 20003 Authenticate:\nclient = Client("AC7e5a4bb15d4dcc513d4654c340b67c01", '
     '"ffff3195f80135f3b92c07423fb388df")\nmsg = client.messages.create(to="+61 412 555 073", '
     'from_="+15005550006", body="Your code is 448211")',
     ('AC7e5a4bb15d4dcc513d4654c340b67c01', 'ffff3195f80135f3b92c07423fb388df',
      '+61 412 555 073', '448211'),
     ('20003 Authenticate', 'client.messages.create')),
    ('keys', '//registry.npmjs.org/:_authToken=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\n'
     '@acme:registry=https://npm.pkg.github.com\nalways-auth=true',
     ('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',),
     ('always-auth=true',)),
    ('keys', 'DD_API_KEY=d9050ed56c13d0a836825153000f5758 DD_SITE=datadoghq.eu ./install_script.sh\n'
     'MAILGUN_KEY: key-4f71aaba5f2fe9fc138cbc91caafd44a',
     ('d9050ed56c13d0a836825153000f5758', 'key-4f71aaba5f2fe9fc138cbc91caafd44a'),
     ('DD_API_KEY=', './install_script.sh', 'MAILGUN_KEY:')),
    ('keys', 'The old key sk-ZfTvMUHoXTBzyTzbmncNnz5BhgJjH3LZ7wM6GKHVjk9tCSi5 still works but '
     'gets 429 Too Many Requests after ~60 RPM',
     ('sk-ZfTvMUHoXTBzyTzbmncNnz5BhgJjH3LZ7wM6GKHVjk9tCSi5',),
     ('The old key', 'still works', '429 Too Many Requests', '60 RPM')),
    ('keys', 'Twilio API key SKa93ee3419300aed2e779eda314554f62 with secret '
     'Rz8QpL2xVw7NkT4mYb6CdF1gHj3KsA9e, is that enough for Programmable Voice?',
     ('SKa93ee3419300aed2e779eda314554f62', 'Rz8QpL2xVw7NkT4mYb6CdF1gHj3KsA9e'),
     ('Twilio API key', 'Programmable Voice')),
    # --- JWTs, auth headers, cookies ---------------------------------------------------------
    ('http', 'Why does this JWT fail verification?\neyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiO'
     'iJ1Xzg4MjEzIiwiZW1haWwiOiJ0LnZhbmRlcm1vbGVuQGV4YW1wbGUub3JnIiwiaWF0IjoxNzA5NjQ4NTIxfQ.'
     'Rh3zQK1UTFVxVk4pkkoZP1sRSXRKw2ZNKDKcidjgCTA',
     ('eyJzdWIiOiJ1Xzg4MjEzIiwiZW1haWwiOiJ0LnZhbmRlcm1vbGVuQGV4YW1wbGUub3JnIiwiaWF0IjoxNzA5NjQ4'
      'NTIxfQ', 'Rh3zQK1UTFVxVk4pkkoZP1sRSXRKw2ZNKDKcidjgCTA'),
     ('Why does this JWT fail verification?',)),
    ('http', 'GET /api/v1/orders HTTP/1.1\nHost: api.shoply.io\nAuthorization: Bearer '
     'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0NDE3IiwibmFtZSI6Ikltb2dlbiBDYXN0ZWxsYW5v'
     'cyIsImV4cCI6MTcxMjI0MDUyMX0.lNhgADsF6gEuderSWvjIRYLy807KddtvC5Ujq4Begbw\nCookie: '
     'sessionid=8xojcuou7ranrwzcnfisf3xdby4o2gc3; csrftoken=Qm9vC2sT8uLp4RxZ7aNw1YbK3dE6fG0h\n'
     'Accept: application/json\nX-Request-Id: 3e310c1c-8055-4aa7-b8a0-1e3443561bf8',
     ('eyJzdWIiOiI0NDE3IiwibmFtZSI6Ikltb2dlbiBDYXN0ZWxsYW5vcyIsImV4cCI6MTcxMjI0MDUyMX0',
      'lNhgADsF6gEuderSWvjIRYLy807KddtvC5Ujq4Begbw', '8xojcuou7ranrwzcnfisf3xdby4o2gc3',
      'Qm9vC2sT8uLp4RxZ7aNw1YbK3dE6fG0h'),
     ('GET /api/v1/orders HTTP/1.1', 'Authorization: Bearer', 'Accept: application/json',
      'X-Request-Id: 3e310c1c-8055-4aa7-b8a0-1e3443561bf8')),
    ('http', 'curl -v -u "ahmad.karimi@rayan-soft.ir:Dam4vand#Peak" https://jira.rayan-soft.ir/'
     'rest/api/2/myself\n< HTTP/2 401\n< www-authenticate: Basic realm="Atlassian"',
     ('ahmad.karimi@rayan-soft.ir', 'Dam4vand#Peak'),
     ('curl -v -u', '< HTTP/2 401', 'www-authenticate: Basic realm="Atlassian"')),
    ('http', 'POST /oauth/token HTTP/1.1\nAuthorization: Basic c3ZjLWJhY2t1cDpQYTU1dzByZCEyMDI0\n'
     'Content-Type: application/x-www-form-urlencoded\n\ngrant_type=password&username='
     'lbrandvold&password=Fjord-Light-1990&client_id=mobile-app',
     ('c3ZjLWJhY2t1cDpQYTU1dzByZCEyMDI0', 'lbrandvold', 'Fjord-Light-1990'),
     ('POST /oauth/token HTTP/1.1', 'Authorization: Basic',
      'Content-Type: application/x-www-form-urlencoded', 'grant_type=password',
      'client_id=mobile-app')),
    ('http', 'Response headers:\nHTTP/1.1 200 OK\nSet-Cookie: JSESSIONID=9F2C4A7B1E8D3F60A5B9C2D1E0F47A83; '
     'Path=/; Secure; HttpOnly\nSet-Cookie: remember_user_token=W1sxNDQ3MV0sIiQyYSQxMCRQeW5MT3'
     'hTN2RqbUVQT3ZrIiwiMTcwOTY0ODUyMS4zIl0%3D--6f1c2e7a9b; expires=Fri, 05 Apr 2024',
     ('9F2C4A7B1E8D3F60A5B9C2D1E0F47A83',
      'W1sxNDQ3MV0sIiQyYSQxMCRQeW5MT3hTN2RqbUVQT3ZrIiwiMTcwOTY0ODUyMS4zIl0'),
     ('Response headers', 'HTTP/1.1 200 OK', 'Set-Cookie: JSESSIONID=', 'Path=/', 'Secure',
      'HttpOnly', 'remember_user_token=')),
    ('http', 'fetch("https://api.internal.acme/v2/me", { headers: { "x-api-key": '
     '"Qp7RxT2vLm9WzK4cNb8YdF3gHs6JaE1u", "X-User-Email": "imogen.castellanos@acme-ops.io" } })',
     ('Qp7RxT2vLm9WzK4cNb8YdF3gHs6JaE1u', 'imogen.castellanos@acme-ops.io'),
     ('fetch(', 'headers:', '"x-api-key"', '"X-User-Email"')),
    ('http', 'Postman shows 403 on GET {{baseUrl}}/admin/users with header\nAuthorization: Token '
     '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b\n(DRF TokenAuthentication)',
     ('9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b',),
     ('Postman shows 403', '{{baseUrl}}/admin/users', 'Authorization: Token',
      'DRF TokenAuthentication')),
    ('http', 'Azure blob upload fails: PUT https://acmefiles.blob.core.windows.net/invoices/'
     'inv-2291.pdf?sv=2022-11-02&ss=b&srt=o&sp=rwdlac&se=2024-04-05T20:22:01Z&st=2024-03-05&'
     'spr=https&sig=U7oWiReckZNRz4OxEs2M1HK0QdbLLHbGpfNnGTiEBkh%3D -> 403 '
     'AuthenticationFailed',
     ('U7oWiReckZNRz4OxEs2M1HK0QdbLLHbGpfNnGTiEBkh',),
     ('Azure blob upload fails', '403 AuthenticationFailed')),
    ('http', 'Here is the raw request from Burp:\nPOST /login HTTP/1.1\nHost: portal.acme-ops.io\n'
     'Cookie: _ga=GA1.2.1187733012.1709648521; session=eyJ1c2VyX2lkIjo0NDE3fQ.ZebxKQ.'
     'Qm7uZr1Vx8pL0sN3kT5wY2aB4c\n\nusername=ofelia.mendoza&password=Cu3rnavaca%2177',
     ('1187733012', 'eyJ1c2VyX2lkIjo0NDE3fQ.ZebxKQ.Qm7uZr1Vx8pL0sN3kT5wY2aB4c',
      'ofelia.mendoza', 'Cu3rnavaca%2177'),
     ('raw request from Burp', 'POST /login HTTP/1.1', 'Cookie: _ga=')),
    # --- private keys ------------------------------------------------------------------------
    ('pem', 'ssh keeps saying "Permissions 0644 for id_rsa are too open", here is the key:\n'
     '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n'
     'T8dQMlUKdvJr5bIvWcVhqvPB2dwCFuOP5eAt4ADdAKm/N61xy/hkib8+mzRlJwdi\n'
     'wrpHygStlArn9FwJigOdlwejpojYPbMF6HK/qIroMVD1kc7wbc/6RkdvOUQHYNPq\n'
     '-----END OPENSSH PRIVATE KEY-----',
     ('T8dQMlUKdvJr5bIvWcVhqvPB2dwCFuOP5eAt4ADdAKm/N61xy/hkib8+mzRlJwdi',
      'wrpHygStlArn9FwJigOdlwejpojYPbMF6HK/qIroMVD1kc7wbc/6RkdvOUQHYNPq'),
     ('Permissions 0644 for id_rsa are too open',)),
    ('pem', 'tls:\n  cert: |\n    -----BEGIN CERTIFICATE-----\n    MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n'
     '    -----END CERTIFICATE-----\n  key: |\n    -----BEGIN RSA PRIVATE KEY-----\n'
     '    NKzjceMJRv/vlVQKXIbD65THNIH4xgHA24FRiB4I7MlBist2gw/8ehtqCGqa7Dvy\n'
     '    1PGylH61pnQcTgeuk65WAo5RxeAImMXKTM736vfkrSerSSGG1/6/2upDDbwage8i\n'
     '    -----END RSA PRIVATE KEY-----',
     ('NKzjceMJRv/vlVQKXIbD65THNIH4xgHA24FRiB4I7MlBist2gw/8ehtqCGqa7Dvy',
      '1PGylH61pnQcTgeuk65WAo5RxeAImMXKTM736vfkrSerSSGG1/6/2upDDbwage8i'),
     ('tls:', 'cert: |', '-----BEGIN CERTIFICATE-----', '-----END CERTIFICATE-----')),
    ('pem', 'GOOGLE_APPLICATION_CREDENTIALS json:\n{"type": "service_account", "project_id": '
     '"acme-analytics-prod", "private_key_id": "c9b843786e434755a24c163042713ace77a1b2c3", '
     '"private_key": "-----BEGIN PRIVATE KEY-----\\nBNTkNreqFQ5kqpH8UcLie3qXdJXWxp717r8pS+zDiLFPwq8I'
     'CtwsqVMoszgCOkOA\\n-----END PRIVATE KEY-----\\n", "client_email": '
     '"bq-loader@acme-analytics-prod.iam.gserviceaccount.com"}',
     ('c9b843786e434755a24c163042713ace77a1b2c3',
      'BNTkNreqFQ5kqpH8UcLie3qXdJXWxp717r8pS+zDiLFPwq8ICtwsqVMoszgCOkOA'),
     ('"type": "service_account"', '"private_key_id"', '"client_email"')),
    ('pem', 'PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: rsa-key-mhughes-laptop\n'
     'Private-Lines: 14\neDtvQ+t/A0WnSQBLpRQQBOAbiMb6RXaW4+IIwkCLIicOzKU4DJTMfPgHpe5mSt1t\n'
     'iEBVzLNEOzRcSKnL8KDj0YS+XGeaITp1m9llUhkxiuPm90HgDGZophdP7j5RckFp\n'
     'Private-MAC: 5f1e9a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f',
     ('mhughes', 'eDtvQ+t/A0WnSQBLpRQQBOAbiMb6RXaW4+IIwkCLIicOzKU4DJTMfPgHpe5mSt1t',
      'iEBVzLNEOzRcSKnL8KDj0YS+XGeaITp1m9llUhkxiuPm90HgDGZophdP7j5RckFp'),
     ('PuTTY-User-Key-File-3: ssh-rsa', 'Encryption: none', 'Private-Lines: 14')),
    # --- Kubernetes and Terraform ---------------------------------------------------------------
    ('k8s', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\n  namespace: prod\n'
     'type: Opaque\ndata:\n  DB_USER: YmlsbGluZ19ydw==\n  DB_PASS: REJfUEFTU1dPUkQ9UXg3IXZMbTI5I1R6\n'
     '  REDIS_PASSWORD: cmVkaXMtczNjcjN0LTc3\n  STRIPE_KEY: c2tfbGl2ZV9SQ1ozSXdFRjZ5NWt5eTNKQk5XcWI5TXQ=',
     ('REJfUEFTU1dPUkQ9UXg3IXZMbTI5I1R6', 'cmVkaXMtczNjcjN0LTc3',
      'c2tfbGl2ZV9SQ1ozSXdFRjZ5NWt5eTNKQk5XcWI5TXQ='),
     ('apiVersion: v1', 'kind: Secret', 'name: billing-db', 'namespace: prod', 'type: Opaque',
      'data:', 'DB_USER:', 'DB_PASS:', 'REDIS_PASSWORD:', 'STRIPE_KEY:')),
    ('k8s', 'kubectl get secret regcred -o yaml\ndata:\n  .dockerconfigjson: eyJhdXRocyI6IHsiZ2hjci5p'
     'byI6IHsiYXV0aCI6ICJiMnQzWVdKbGJtRTZaMmh3WDNnPSJ9fX0=\nkind: Secret\ntype: kubernetes.io/'
     'dockerconfigjson',
     ('eyJhdXRocyI6IHsiZ2hjci5pbyI6IHsiYXV0aCI6ICJiMnQzWVdKbGJtRTZaMmh3WDNnPSJ9fX0=',),
     ('kubectl get secret regcred -o yaml', '.dockerconfigjson:', 'kind: Secret',
      'type: kubernetes.io/dockerconfigjson')),
    ('k8s', 'kubectl create secret generic smtp-creds --from-literal=username=alerts@acme-ops.io '
     '--from-literal=password=Wq3!zR8pLm2v -n monitoring',
     ('Wq3!zR8pLm2v',),
     ('kubectl create secret generic smtp-creds', '--from-literal=username=',
      '--from-literal=password=', '-n monitoring')),
    ('k8s', 'env:\n  - name: SPRING_DATASOURCE_PASSWORD\n    value: "Hx8#mQ2vLp9!"\n'
     '  - name: OAUTH_CLIENT_SECRET\n    value: "Pz4Kw7Nq2Xr9Tv6Ym3Lb8Hc5"\n  - name: JAVA_OPTS\n'
     '    value: "-Xmx512m"',
     ('Hx8#mQ2vLp9!', 'Pz4Kw7Nq2Xr9Tv6Ym3Lb8Hc5'),
     ('env:', '- name: SPRING_DATASOURCE_PASSWORD', '- name: OAUTH_CLIENT_SECRET',
      '- name: JAVA_OPTS', 'value: "-Xmx512m"')),
    ('terraform', 'terraform.tfstate excerpt:\n{"type": "aws_db_instance", "name": "main", '
     '"instances": [{"attributes": {"address": "main.c9akciq32.eu-west-1.rds.amazonaws.com", '
     '"username": "dbadmin", "password": "Tf$tate-Leak-8812", "port": 5432, '
     '"engine_version": "15.4"}}]},\n{"type": "aws_iam_access_key", "instances": [{"attributes": '
     '{"id": "AKIAZ7O2JSUFVBTDCL5M", "secret": "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", '
     '"user": "ci-deployer"}}]}',
     ('Tf$tate-Leak-8812', 'AKIAZ7O2JSUFVBTDCL5M', 'ErjulaLO3RHCdxFmZPCvFcwEqhGuYyGTo7LjmL4b'),
     ('terraform.tfstate excerpt', '"type": "aws_db_instance"', '"port": 5432',
      '"engine_version": "15.4"', '"aws_iam_access_key"')),
    ('terraform', 'variable "admin_password" {\n  default = "Gl4cier#Bay-2024"\n}\nresource '
     '"azurerm_linux_virtual_machine" "jump" {\n  admin_username = "nduarte"\n  size = '
     '"Standard_B2s"\n}',
     ('Gl4cier#Bay-2024', 'nduarte'),
     ('variable "admin_password"', 'resource "azurerm_linux_virtual_machine" "jump"',
      'admin_username', 'size = "Standard_B2s"')),
    ('terraform', 'helm install grafana grafana/grafana --set adminPassword=Aurora-Borealis-31 '
     '--set smtp.user=ljohannsdottir --version 7.3.0',
     ('Aurora-Borealis-31', 'ljohannsdottir'),
     ('helm install grafana grafana/grafana', '--set adminPassword=', '--version 7.3.0')),
    # --- git log, blame, commits -----------------------------------------------------------------
    ('git', 'commit cae867d715976846b70cf3a1b6137f55e84f9681\nAuthor: Dariusz Wojcikowski '
     '<dariusz.wojcikowski@fabrikam.io>\nDate:   Tue Mar 5 14:22:01 2024 +0100\n\n    fix(auth): '
     'refresh token rotation race\n\n    Reviewed-by: Ngozi Eze-Harrington <ngozi.eh@fabrikam.io>',
     ('Dariusz', 'Wojcikowski', 'dariusz.wojcikowski@fabrikam.io', 'Ngozi',
      'Eze-Harrington', 'ngozi.eh@fabrikam.io'),
     ('commit cae867d715976846b70cf3a1b6137f55e84f9681', 'Author:',
      'fix(auth): refresh token rotation race', 'Reviewed-by:')),
    ('git', 'git blame src/payments/retry.py -L 40,42\nb98c7b76 (Yevgenia Tkachenko 2024-02-11 '
     '09:12:44 +0200 40)     if attempt > MAX_RETRIES:\n0cdf8cb1 (Ruairí Mac Giolla Phádraig '
     '2023-12-01 17:03:09 +0000 41)         raise RetryExhausted(order_id)\nb98c7b76 (Yevgenia '
     'Tkachenko 2024-02-11 09:12:44 +0200 42)     backoff(attempt)',
     ('Yevgenia', 'Tkachenko', 'Ruairí', 'Phádraig'),
     ('git blame src/payments/retry.py -L 40,42', 'b98c7b76', '0cdf8cb1',
      'if attempt > MAX_RETRIES:', 'raise RetryExhausted(order_id)', 'backoff(attempt)')),
    ('git', 'git shortlog -sne --since=2024-01-01\n   142  Aigerim Nurlanovna <aigerim.n@'
     'kazsoft.kz>\n    87  dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>\n'
     '    33  Tomasz Wróblewski <tomasz.wroblewski@kazsoft.kz>',
     ('Aigerim', 'Nurlanovna', 'aigerim.n@kazsoft.kz', 'Tomasz', 'Wróblewski',
      'tomasz.wroblewski@kazsoft.kz'),
     ('git shortlog -sne', 'dependabot[bot]')),
    ('git', '[user]\n\tname = Hyun-woo Baek\n\temail = hyunwoo.baek@navercorp.example\n'
     '\tsigningkey = 4AEE18F83AFDEB23\n[core]\n\teditor = nvim\n[pull]\n\trebase = true',
     ('Hyun-woo Baek', 'hyunwoo.baek@navercorp.example'),
     ('[user]', '[core]', 'editor = nvim', '[pull]', 'rebase = true')),
    ('git', 'From 3f9c2a7e1b4d5c6f8a9b0c1d2e3f4a5b6c7d8e9f Mon Sep 17 00:00:00 2001\nFrom: '
     'Chiamaka Obi-Nwosu <c.obinwosu@lagos-labs.ng>\nSubject: [PATCH v2 3/7] net: fix '
     'use-after-free in tcp_close\n\nSigned-off-by: Chiamaka Obi-Nwosu <c.obinwosu@lagos-labs.ng>',
     ('Chiamaka', 'Obi-Nwosu', 'c.obinwosu@lagos-labs.ng'),
     ('[PATCH v2 3/7]', 'net: fix use-after-free in tcp_close', 'Signed-off-by:')),
    # --- crash reports, analytics, device ids ----------------------------------------------------
    ('device', 'Crashlytics report\nDevice: Samsung SM-S918B, Android 14\nIMEI: 351735961600646\n'
     'Android ID: e61cd80e149a44c6\nAdvertising ID: 40977a6b-bea4-4bf2-9b21-690c1d7b3d61\n'
     'User: bartholomew.nkemelu@gmail.com\nFatal Exception: java.lang.OutOfMemoryError',
     ('351735961600646', 'e61cd80e149a44c6', '40977a6b-bea4-4bf2-9b21-690c1d7b3d61',
      'bartholomew.nkemelu@gmail.com'),
     ('Crashlytics report', 'Samsung SM-S918B', 'Android 14', 'Fatal Exception',
      'java.lang.OutOfMemoryError')),
    ('device', 'Incident Identifier: 6C80C7E9-7BFD-422D-A95D-7CF4ED7CA25A\nHardware Model: '
     'iPhone15,2\nProcess: Shoply [4471]\nOS Version: iPhone OS 17.3.1 (21D61)\nidfa='
     '483D9C6C-9636-4A9C-A839-FA6B323F9ED6 user_email=soledad.arriaga@icloud.com\n'
     'Exception Type: EXC_BAD_ACCESS (SIGSEGV)',
     ('483D9C6C-9636-4A9C-A839-FA6B323F9ED6', 'soledad.arriaga@icloud.com'),
     ('Incident Identifier: 6C80C7E9-7BFD-422D-A95D-7CF4ED7CA25A', 'Hardware Model',
      'Process: Shoply [4471]', 'iPhone OS 17.3.1', 'EXC_BAD_ACCESS (SIGSEGV)')),
    ('device', '{"event":"app_open","gaid":"3e310c1c-8055-4aa7-b8a0-1e3443561bf8","device_model":'
     '"Pixel 8","os":"Android 14","imei":"355966626445640","msisdn":"+4917655501234",'
     '"wifi_mac":"3C:22:FB:7A:91:0E","app_version":"5.12.3"}',
     ('3e310c1c-8055-4aa7-b8a0-1e3443561bf8', '355966626445640', '+4917655501234',
      '3C:22:FB:7A:91:0E'),
     ('"event":"app_open"', '"device_model":"Pixel 8"', '"app_version":"5.12.3"')),
    ('device', 'adb devices\nList of devices attached\nR58N91ABCDE\tdevice\n$ adb shell getprop '
     'ro.serialno\nR58N91ABCDE\n$ adb shell service call iphonesubinfo 1 -> IMEI 353076178443928',
     ('R58N91ABCDE', '353076178443928'),
     ('adb devices', 'List of devices attached', 'adb shell getprop ro.serialno',
      'iphonesubinfo')),
    ('device', 'DHCP lease table:\nlease 192.168.1.47 {\n  hardware ethernet a4:83:e7:2b:9c:11;\n'
     '  client-hostname "Ravis-MacBook-Pro";\n}\nlease 192.168.1.52 {\n  hardware ethernet '
     'f0:18:98:6d:42:e3;\n  client-hostname "Galaxy-S23-Oyelaran";\n}',
     ('192.168.1.47', 'a4:83:e7:2b:9c:11', 'Ravis', '192.168.1.52', 'f0:18:98:6d:42:e3',
      'Oyelaran'),
     ('DHCP lease table', 'hardware ethernet', 'client-hostname')),
    ('device', 'Jamf inventory: Serial Number C02ZK4ABMD6M, Model MacBook Pro (16-inch, 2023), '
     'Assigned User mszymanska, Email magdalena.szymanska@northwind.example, Wi-Fi MAC '
     '8C:85:90:1A:2B:3C, Last IP 10.30.12.77',
     ('C02ZK4ABMD6M', 'mszymanska', 'magdalena.szymanska@northwind.example',
      '8C:85:90:1A:2B:3C', '10.30.12.77'),
     ('Jamf inventory', 'MacBook Pro (16-inch, 2023)', 'Assigned User')),
    ('device', 'Firebase Analytics BigQuery row: user_pseudo_id=1187733012.1709648521, '
     'user_id=CUST-448120, device.advertising_id=c9b84378-6e43-4755-a24c-163042713ace, '
     'geo.city=Leeds, event_name=purchase, ecommerce.value=49.99',
     ('1187733012.1709648521', 'CUST-448120', 'c9b84378-6e43-4755-a24c-163042713ace'),
     ('Firebase Analytics BigQuery row', 'event_name=purchase', 'ecommerce.value=49.99')),
    ('device', 'MDM says enrollment failed for UDID 00008110-001A2C3E0E91801E on Sipho '
     'Dlamini-Moyo\'s iPad (serial DMPXK2ZQ0D84), MEID 35209900176148',
     ('00008110-001A2C3E0E91801E', 'Sipho', 'Dlamini-Moyo', 'DMPXK2ZQ0D84', '35209900176148'),
     ('MDM says enrollment failed', 'iPad')),
    # --- HTTP dumps, curl --------------------------------------------------------------------------
    ('curl', 'curl -X POST https://api.acme-crm.io/v1/contacts -H "Authorization: Bearer '
     'Qm7uZr1Vx8pL0sN3kT5wY2aB4cD6eF9g" -H "Content-Type: application/json" -d \'{"name": '
     '"Leocadia Ferreira-Pinto", "email": "leocadia.fp@sapo.pt", "phone": "+351 912 345 678"}\'',
     ('Qm7uZr1Vx8pL0sN3kT5wY2aB4cD6eF9g', 'Leocadia Ferreira-Pinto', 'leocadia.fp@sapo.pt',
      '+351 912 345 678'),
     ('curl -X POST', 'Content-Type: application/json', '"name"', '"email"', '"phone"')),
    ('curl', "curl 'https://hooks.zapier.com/hooks/catch/8812044/bq7x2m/' -H 'X-Api-Key: "
     "zp_live_7Hq2LmX9vR4tW8yB3nK6' --data-urlencode 'to=ekaterina.volkonskaya@yandex.ru' "
     "--data-urlencode 'body=Your invoice is ready'",
     ('zp_live_7Hq2LmX9vR4tW8yB3nK6', 'ekaterina.volkonskaya@yandex.ru'),
     ('--data-urlencode', 'Your invoice is ready')),
    ('curl', 'wget --header="PRIVATE-TOKEN: glpat-Xy7Qm2Nv8Lp4Rt6Kw9Zb" '
     'https://gitlab.acme-ops.io/api/v4/projects/412/jobs/artifacts/main/download?job=build',
     ('glpat-Xy7Qm2Nv8Lp4Rt6Kw9Zb',),
     ('wget --header=', 'PRIVATE-TOKEN:')),
    ('curl', 'http --form POST :8000/api/register email=osagie.idahosa@yahoo.com password='
     'Benin-City-77 first_name=Osagie last_name=Idahosa',
     ('osagie.idahosa@yahoo.com', 'Benin-City-77', 'Osagie', 'Idahosa'),
     ('http --form POST', ':8000/api/register', 'first_name=', 'last_name=')),
    ('curl', 'HAR entry: {"request": {"method": "GET", "url": "/api/account", "headers": '
     '[{"name": "Cookie", "value": "sid=s%3AQm9vC2sT8uLp4RxZ7aNw1YbK.f9Kx2Lm8PqR4tV7wZ1"}, '
     '{"name": "X-CSRF-Token", "value": "a9Fk2Lq8Pz4Rm7Tv1Xw6Yb3C"}]}, "response": {"status": 200}}',
     ('Qm9vC2sT8uLp4RxZ7aNw1YbK.f9Kx2Lm8PqR4tV7wZ1', 'a9Fk2Lq8Pz4Rm7Tv1Xw6Yb3C'),
     ('HAR entry', '"method": "GET"', '"url": "/api/account"', '"status": 200')),
    # --- help-desk tickets -----------------------------------------------------------------------
    ('helpdesk', 'Ticket INC0048213\nCaller: Rosalind Achebe-Whitford (employee ID 40871)\nAD '
     'account: CONTOSO\\rachebe\nAsset tag: LT-20931 (ThinkPad T14 Gen 4)\nIssue: BitLocker '
     'recovery screen after BIOS update. Recovery key ID 6C80C7E9.',
     ('Rosalind', 'Achebe-Whitford', '40871', 'rachebe', 'LT-20931'),
     ('Ticket INC0048213', 'ThinkPad T14 Gen 4', 'BitLocker recovery screen',
      'after BIOS update')),
    ('helpdesk', 'Please reset MFA for user priya.venkataraman@northwind.example (UPN) / '
     'NORTHWIND\\pvenkataraman. She lost her phone (+1 206 555 0143). Manager: Desmond '
     'Okafor-Lutz.',
     ('priya.venkataraman@northwind.example', 'pvenkataraman', '+1 206 555 0143', 'Desmond',
      'Okafor-Lutz'),
     ('Please reset MFA', '(UPN)', 'She lost her phone', 'Manager:')),
    ('helpdesk', 'New starter: Mateusz Kowalewski-Brandt, start date Monday, employee no. '
     'E-118274, needs a laptop shipped to his home: Flat 3, 27 Kestrel Road, Bristol BS7 8QT. '
     'Phone 07700 900123. Add to groups SG-Finance-RO and VPN-Users.',
     ('Mateusz', 'Kowalewski-Brandt', 'E-118274', 'Flat 3, 27 Kestrel Road', 'BS7 8QT',
      '07700 900123'),
     ('New starter', 'needs a laptop shipped', 'SG-Finance-RO', 'VPN-Users')),
    ('helpdesk', 'PS C:\\Users\\tnakamura-ext> Get-ADUser -Identity tnakamura-ext -Properties *\n'
     'DistinguishedName : CN=Takeshi Nakamura,OU=Contractors,DC=globex,DC=local\nEmailAddress '
     ': takeshi.nakamura@globex.example\nEmployeeID : 77120\nMobilePhone : +81 90-5555-0192\n'
     'Enabled : False',
     ('tnakamura-ext', 'Takeshi Nakamura', 'takeshi.nakamura@globex.example', '77120',
      '+81 90-5555-0192'),
     ('Get-ADUser -Identity', '-Properties *', 'DistinguishedName', 'OU=Contractors',
      'Enabled : False')),
    ('helpdesk', 'Hi IT, I\'m locked out again. My username is bmbeki and I think the password '
     'I set was Springbok#2024. My desk phone is ext 4417 and my personal mobile is 082 555 '
     '0178. - Busisiwe Mbeki, Accounts Payable',
     ('bmbeki', 'Springbok#2024', '082 555 0178', 'Busisiwe', 'Mbeki'),
     ("I'm locked out again", 'Accounts Payable')),
    ('helpdesk', 'net user /domain hvanderstraaten\nUser name                    hvanderstraaten\n'
     'Full Name                    Hendrika van der Straaten\nComment                      '
     'Payroll\nAccount active               Yes\nLast logon                   05/03/2024 08:14',
     ('hvanderstraaten', 'Hendrika', 'van der Straaten'),
     ('net user /domain', 'User name', 'Full Name', 'Account active', 'Last logon')),
    ('helpdesk', 'Replacement monitor for Aurelio Bustamante-Quiroga, ship to Calle de '
     'Almagro 14, 3º B, 28010 Madrid, phone +34 612 555 870, asset tag MON-55812, '
     'cost centre 4410.',
     ('Aurelio', 'Bustamante-Quiroga', 'Calle de Almagro 14', '28010', '+34 612 555 870',
      'MON-55812'),
     ('Replacement monitor', 'cost centre 4410')),
    ('helpdesk', 'Okta system log: user.session.start FAILURE for amelia.thornquist@globex.'
     'example from 80.82.77.139 (Chrome on Windows), reason INVALID_CREDENTIALS; '
     'actor.id=00u1a2b3c4D5e6F7g8h9',
     ('amelia.thornquist@globex.example', '80.82.77.139', '00u1a2b3c4D5e6F7g8h9'),
     ('Okta system log', 'user.session.start FAILURE', 'Chrome on Windows',
      'INVALID_CREDENTIALS')),
    ('helpdesk', 'The shared mailbox permissions script fails for GLOBEX\\svc-exchange when '
     'adding GLOBEX\\ochukwuemeka and GLOBEX\\lfairbanks to hr-cases@globex.example',
     ('ochukwuemeka', 'lfairbanks'),
     ('shared mailbox permissions script fails', 'svc-exchange')),
    # --- mixed questions ---------------------------------------------------------------------------
    ('mixed', 'Our Redis is exposed: redis-cli -h 34.201.88.17 -a Sup3rRedis!Pass CONFIG GET '
     'requirepass returned the same password. How do I rotate it without downtime?',
     ('34.201.88.17', 'Sup3rRedis!Pass'),
     ('redis-cli -h', 'CONFIG GET requirepass', 'rotate it without downtime')),
    ('mixed', 'psql "host=10.0.5.9 port=5432 dbname=crm user=ohalloran password=Claddagh_Ring7 '
     'sslmode=require" -c "\\dt"',
     ('10.0.5.9', 'ohalloran', 'Claddagh_Ring7'),
     ('port=5432', 'dbname=crm', 'sslmode=require')),
    ('mixed', 'ansible-playbook site.yml -i inventory --extra-vars "ansible_user=deploy '
     'ansible_password=Ans1ble!Vault99 ansible_become_pass=Ans1ble!Vault99"',
     ('Ans1ble!Vault99',),
     ('ansible-playbook site.yml', '-i inventory', '--extra-vars', 'ansible_user=deploy')),
    ('mixed', 'Jenkins console: + docker login -u jfrog-ci -p AKCp8jR4tZqX2vLm9WnB7yS3dF6gH1kE '
     'artifactory.acme-ops.io\nWARNING! Using --password via the CLI is insecure.',
     ('AKCp8jR4tZqX2vLm9WnB7yS3dF6gH1kE',),
     ('Jenkins console', 'docker login', 'WARNING! Using --password via the CLI is insecure')),
    ('mixed', 'Our on-call this week is Thandiwe Mokoena-Fraser (+27 82 555 0193, '
     'thandiwe.mf@acme-ops.io); escalate to Lars Gundersen if PagerDuty incident P7QK2ZA '
     'is not acked in 15 minutes.',
     ('Thandiwe', 'Mokoena-Fraser', '+27 82 555 0193', 'thandiwe.mf@acme-ops.io', 'Lars',
      'Gundersen'),
     ('on-call this week', 'escalate to', 'PagerDuty incident P7QK2ZA', '15 minutes')),
    ('mixed', 'PGP block from a vendor, can you explain what it is?\n-----BEGIN PGP PRIVATE KEY '
     'BLOCK-----\n\nlQOYBGXm8aIBCADk7Qz9pL2xVw7NkT4mYb6CdF1gHj3KsA9eRz8QpL2xVw7NkT4mYb\n'
     '-----END PGP PRIVATE KEY BLOCK-----',
     ('lQOYBGXm8aIBCADk7Qz9pL2xVw7NkT4mYb6CdF1gHj3KsA9eRz8QpL2xVw7NkT4mYb',),
     ('PGP block from a vendor', 'explain what it is')),
    ('mixed', 'Vault unseal keys from vault operator init:\nUnseal Key 1: '
     'ilzH8IbACYvx8tfvdW/6zVjSoOrXWR+GXIHhd4HODPI=\nInitial Root Token: '
     'hvs.CAESIJx7Lm2Qp9Rv4Tz8Wk1Yb6Nd3Fg5Hj7Ks0A',
     ('ilzH8IbACYvx8tfvdW/6zVjSoOrXWR+GXIHhd4HODPI=', 'hvs.CAESIJx7Lm2Qp9Rv4Tz8Wk1Yb6Nd3Fg5Hj7Ks0A'),
     ('vault operator init', 'Unseal Key 1', 'Initial Root Token')),
    ('mixed', 'Heroku: heroku config:set HEROKU_API_KEY=4c1f7e2a-9b3d-4e8f-a6c5-7d2e1f0b9a83 '
     'SECRET_KEY_BASE=9c1e5a7d3b2f4e6a8c0d1b3f5e7a9c2d4f6b8a0c2e4d6f8b -a acme-web',
     ('4c1f7e2a-9b3d-4e8f-a6c5-7d2e1f0b9a83', '9c1e5a7d3b2f4e6a8c0d1b3f5e7a9c2d4f6b8a0c2e4d6f8b'),
     ('heroku config:set', 'HEROKU_API_KEY=', 'SECRET_KEY_BASE=', '-a acme-web')),
    ('mixed', 'GCP API call returns 401 even though I pass ?key=AIzaQEoQ_-xZ90txdegvcU_G7lJ2m7e'
     'rV7xnuIL in the URL. Project number 884120335512.',
     ('AIzaQEoQ_-xZ90txdegvcU_G7lJ2m7erV7xnuIL',),
     ('GCP API call returns 401', 'in the URL')),
    ('mixed', 'grep -i "failed" /var/log/app.log | head\nuser=ahmed.elsayed@link.net.eg action='
     'login result=failed ip=41.33.178.20\nuser=jbarnaby action=login result=failed ip=41.33.178.20',
     ('ahmed.elsayed@link.net.eg', '41.33.178.20', 'jbarnaby'),
     ('grep -i "failed" /var/log/app.log | head', 'action=login', 'result=failed')),
    ('mixed', 'The SAML assertion has <saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-'
     'format:emailAddress">wilhelmina.ashdown@globex.example</saml:NameID> and <saml:Attribute '
     'Name="displayName"><saml:AttributeValue>Wilhelmina Ashdown</saml:AttributeValue>',
     ('wilhelmina.ashdown@globex.example', 'Wilhelmina Ashdown'),
     ('The SAML assertion has', 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      'Name="displayName"')),
    # --- words that must stay ----------------------------------------------------------------------
    ('stay', 'Explain the difference between HTTP 401 Unauthorized and 403 Forbidden, and when a '
     'REST API should return 404 Not Found, 409 Conflict or 422 Unprocessable Entity for a PATCH '
     'versus a PUT.',
     (), ('401 Unauthorized', '403 Forbidden', '404 Not Found', '409 Conflict',
          '422 Unprocessable Entity', 'PATCH', 'PUT', 'REST API')),
    ('stay', 'In Python, why does asyncio.gather raise CancelledError but TaskGroup raises '
     'ExceptionGroup? I use aiohttp 3.9.3, SQLAlchemy 2.0.27 and pydantic 2.6 on Python 3.12.',
     (), ('asyncio.gather', 'CancelledError', 'TaskGroup', 'ExceptionGroup', 'aiohttp 3.9.3',
          'SQLAlchemy 2.0.27', 'pydantic 2.6', 'Python 3.12')),
    ('stay', 'Log levels in order: TRACE, DEBUG, INFO, WARN, ERROR, FATAL. Should a retried '
     'ConnectionResetError be WARN or ERROR in structlog?',
     (), ('TRACE, DEBUG, INFO, WARN, ERROR, FATAL', 'ConnectionResetError', 'structlog')),
    ('stay', 'crontab: 0 3 * * 1-5 /usr/local/bin/backup.sh --retain 14 >> /var/log/backup.log '
     '2>&1 and */15 * * * * /opt/scripts/healthcheck.py',
     (), ('0 3 * * 1-5', '/usr/local/bin/backup.sh --retain 14', '/var/log/backup.log 2>&1',
          '*/15 * * * *', '/opt/scripts/healthcheck.py')),
    ('stay', 'git cherry-pick 3f9c2a7e1b4d5c6f8a9b0c1d2e3f4a5b6c7d8e9f fails with a conflict in '
     'src/main.rs; git rebase --onto main a1b2c3d feature/retry-backoff also fails.',
     (), ('git cherry-pick', '3f9c2a7e1b4d5c6f8a9b0c1d2e3f4a5b6c7d8e9f', 'src/main.rs',
          'git rebase --onto main', 'a1b2c3d', 'feature/retry-backoff')),
    ('stay', 'kubectl rollout restart deployment/payments-api -n prod fails: pod '
     'payments-api-7d9f8b6c5-x2k9p is CrashLoopBackOff with OOMKilled; limits are 512Mi memory '
     'and 500m cpu. Image: ghcr.io/acme/payments-api@sha256:'
     '0d5e9a1f3c7b2e4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a3c5e7b9d2f4a6c8e0b1d',
     (), ('kubectl rollout restart deployment/payments-api', '-n prod',
          'payments-api-7d9f8b6c5-x2k9p', 'CrashLoopBackOff', 'OOMKilled', '512Mi', '500m cpu',
          'sha256:0d5e9a1f3c7b2e4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a3c5e7b9d2f4a6c8e0b1d')),
    ('stay', 'Terraform plan shows aws_s3_bucket.logs will be replaced; resource id '
     'd3b07384-d9a0-4c8f-9b1e-2f6a7c5e4d3b, module version 5.31.0, provider hashicorp/aws '
     '~> 5.0. Ports 80, 443 and 8443 are open in sg-0a1b2c3d4e5f67890.',
     (), ('Terraform plan', 'aws_s3_bucket.logs will be replaced',
          'd3b07384-d9a0-4c8f-9b1e-2f6a7c5e4d3b', '5.31.0', 'hashicorp/aws', '~> 5.0',
          'Ports 80, 443 and 8443', 'sg-0a1b2c3d4e5f67890')),
    ('stay', 'Which is faster for JSON in Go: encoding/json, jsoniter or sonic? We call '
     'json.Unmarshal in a hot loop inside handleWebhook() and pprof shows runtime.mallocgc at '
     '38%.',
     (), ('encoding/json', 'jsoniter', 'sonic', 'json.Unmarshal', 'handleWebhook()', 'pprof',
          'runtime.mallocgc')),
    ('stay', 'Nginx config question: proxy_pass http://upstream_app; proxy_set_header Host $host; '
     'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; client_max_body_size 20M; '
     'keepalive_timeout 65;',
     (), ('proxy_pass', 'proxy_set_header Host $host', 'X-Forwarded-For',
          '$proxy_add_x_forwarded_for', 'client_max_body_size 20M', 'keepalive_timeout 65')),
    ('stay', 'How do I configure the OpenTelemetry Collector to export to Jaeger and Prometheus? '
     'Right now otelcol-contrib 0.96.0 logs "exporter/otlp: connection refused" on port 4317.',
     (), ('OpenTelemetry Collector', 'Jaeger', 'Prometheus', 'otelcol-contrib 0.96.0',
          'exporter/otlp: connection refused', 'port 4317')),
    ('stay', 'In a how-to: set the server to listen on 0.0.0.0:8080, test with curl '
     'http://localhost:8080/healthz, and in the docs use 192.0.2.10 and 2001:db8::1 as '
     'example addresses. The healthz handler returns {"status":"ok"}.',
     (), ('set the server to listen on', 'test with curl', 'example addresses',
          'The healthz handler returns', '{"status":"ok"}')),
    ('stay', 'React question: useEffect runs twice under StrictMode in React 18.2; should I move '
     'the fetch into useQuery from @tanstack/react-query v5, or use useSyncExternalStore?',
     (), ('useEffect', 'StrictMode', 'React 18.2', 'useQuery', '@tanstack/react-query v5',
          'useSyncExternalStore')),
    ('stay', 'Postgres: VACUUM FULL vs pg_repack; autovacuum_vacuum_scale_factor = 0.05; the '
     'table users_sessions has 40M dead tuples and idx_users_sessions_user_id is bloated.',
     (), ('VACUUM FULL', 'pg_repack', 'autovacuum_vacuum_scale_factor = 0.05', 'users_sessions',
          'dead tuples', 'idx_users_sessions_user_id')),
    ('stay', 'Dockerfile: FROM python:3.12-slim AS build\nRUN pip install --no-cache-dir -r '
     'requirements.txt\nEXPOSE 8000\nHEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1\n'
     'CMD ["gunicorn", "-w", "4", "app:create_app()"]',
     (), ('FROM python:3.12-slim AS build', 'pip install --no-cache-dir -r requirements.txt',
          'EXPOSE 8000', 'HEALTHCHECK CMD', 'CMD ["gunicorn", "-w", "4", "app:create_app()"]')),
    ('stay', 'Java: why is my @Transactional method not rolling back on IOException? Spring Boot '
     '3.2.3, Hibernate 6.4, HikariCP maximumPoolSize=10, and the log says '
     'o.s.t.i.TransactionInterceptor: Completing transaction for [com.acme.OrderService.place].',
     (), ('@Transactional', 'IOException', 'Spring Boot 3.2.3', 'Hibernate 6.4', 'HikariCP',
          'maximumPoolSize=10', 'o.s.t.i.TransactionInterceptor',
          'com.acme.OrderService.place')),
    ('stay', 'The token bucket rate limiter: capacity 100, refill_rate 10/s, key = '
     'f"ratelimit:{tenant_id}:{route}". Should get_token() use Redis INCR with EXPIRE or a Lua '
     'script?',
     (), ('token bucket rate limiter', 'capacity 100', 'refill_rate 10/s',
          'f"ratelimit:{tenant_id}:{route}"', 'get_token()', 'INCR', 'EXPIRE', 'Lua script')),
    ('stay', 'What does "password_hash", "api_key_id", "session_timeout" and "token_ttl" mean in '
     'our OpenAPI spec? The schema UserCredentials has required: [username, password].',
     (), ('"password_hash"', '"api_key_id"', '"session_timeout"', '"token_ttl"', 'OpenAPI spec',
          'UserCredentials', 'required: [username, password]')),
    ('stay', 'AWS IAM policy: {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], '
     '"Resource": "arn:aws:s3:::acme-build-artifacts/*"} attached to role ci-runner; '
     'sts:AssumeRole fails with AccessDenied.',
     (), ('"Effect": "Allow"', '"s3:GetObject"', '"s3:PutObject"',
          'arn:aws:s3:::acme-build-artifacts/*', 'ci-runner', 'sts:AssumeRole',
          'AccessDenied')),
    ('stay', 'systemd: Job for nginx.service failed because the control process exited with '
     'error code. See "systemctl status nginx.service" and "journalctl -xeu nginx.service".',
     (), ('Job for nginx.service failed', 'control process exited with error code',
          'systemctl status nginx.service', 'journalctl -xeu nginx.service')),
    ('stay', 'TLS handshake: ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] '
     'certificate verify failed: unable to get local issuer certificate (_ssl.c:1006); '
     'openssl s_client -connect shows Verify return code: 20.',
     (), ('ssl.SSLCertVerificationError', 'CERTIFICATE_VERIFY_FAILED',
          'unable to get local issuer certificate', '_ssl.c:1006', 'openssl s_client -connect',
          'Verify return code: 20')),
    ('stay', 'Rust: error[E0502]: cannot borrow `self.cache` as mutable because it is also '
     'borrowed as immutable --> src/store.rs:88:9; using tokio 1.36 and dashmap 5.5.',
     (), ('error[E0502]', 'cannot borrow', '`self.cache`', 'src/store.rs:88:9', 'tokio 1.36',
          'dashmap 5.5')),
    ('stay', 'GitHub Actions: runs-on: ubuntu-22.04, uses: actions/checkout@v4 and '
     'actions/setup-node@v4 with node-version: 20.x; secrets.NPM_TOKEN is empty on forks.',
     (), ('runs-on: ubuntu-22.04', 'actions/checkout@v4', 'actions/setup-node@v4',
          'node-version: 20.x', 'secrets.NPM_TOKEN', 'empty on forks')),
    ('stay', 'Kafka consumer lag on topic orders.v2 partition 7 is 1.2M; consumer group '
     'billing-consumer uses max.poll.records=500 and session.timeout.ms=45000.',
     (), ('Kafka consumer lag', 'orders.v2', 'partition 7', 'billing-consumer',
          'max.poll.records=500', 'session.timeout.ms=45000')),
    ('stay', 'Our env file template, values to be filled by each dev:\nDB_PASSWORD=\n'
     'API_KEY=<your-api-key>\nJWT_SECRET=${JWT_SECRET}\nSTRIPE_KEY=sk_test_...\nLOG_LEVEL=debug',
     (), ('env file template', 'DB_PASSWORD=', 'API_KEY=<your-api-key>',
          'JWT_SECRET=${JWT_SECRET}', 'LOG_LEVEL=debug')),
    ('stay', 'Windows event 7031: The Print Spooler service terminated unexpectedly. It has done '
     'this 3 time(s). Also Event 1000 Application Error, faulting module ntdll.dll, version '
     '10.0.22621.2506.',
     (), ('Windows event 7031', 'Print Spooler service terminated unexpectedly',
          'Event 1000 Application Error', 'ntdll.dll', '10.0.22621.2506')),
    ('stay', 'The UUID 123e4567-e89b-12d3-a456-426614174000 is the tenant config id, and the '
     'feature flag "enable_new_checkout" is at 25% rollout in LaunchDarkly.',
     (), ('123e4567-e89b-12d3-a456-426614174000', 'tenant config id', 'enable_new_checkout',
          '25% rollout', 'LaunchDarkly')),
]

if __name__ == "__main__":
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from leak_probe import main
    main(PROBES)
