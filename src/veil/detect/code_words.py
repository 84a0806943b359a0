"""Software's own words that the name models read as a person, a company or a place.

What engineers paste is full of capitalised words that name no one: a class or an exception
(`StrictMode`, `PDOException`, `OutOfMemoryError`), a piece of a dotted, underscored or
hyphenated identifier (`java.lang`, `json.Unmarshal`, `nginx.service`, `SPRING_DATASOURCE_URL`,
`X-Amz-Algorithm`, `X-Forwarded-For`), a command's option (`Get-ADUser -Identity`), an HTTP
status's reason (`422 Unprocessable Entity`), a product before its version (`Hibernate 6.4`,
`RabbitMQ 3.13.0`) and the names of well-known tools and services (`Kafka`, `Redis`, `Okta`).
Masked, the model upstream reads `json.[PERSON_2]` and the answer is lost; nothing private was
protected. :func:`code_word` says so of a model's span from the span and the characters around
it; a word that a name list holds (`Jenkins`, `Travis`) is left to the model, and so is a
person's document (`Okafor.pdf`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: tools, services, languages and protocols that the models take for names, in lower case (a
#: known given name or surname among them is never read as one: see :func:`code_word`)
TECH_WORDS = frozenset({
    # data stores, queues and caches
    "redis", "memcached", "postgres", "postgresql", "mysql", "mariadb", "mongodb",
    "mongo", "sqlite", "couchdb", "couchbase", "neo4j", "elasticsearch",
    "opensearch", "kibana", "logstash", "clickhouse", "cockroachdb", "dynamodb", "cosmosdb",
    "bigquery", "redshift", "snowflake", "databricks", "rabbitmq", "activemq", "zeromq",
    "pulsar", "kinesis", "etcd", "zookeeper", "influxdb", "timescaledb", "supabase", "firebase",
    "firestore",
    # observability, incident and identity
    "prometheus", "grafana", "jaeger", "datadog", "splunk", "sentry", "pagerduty",
    "opsgenie", "newrelic", "dynatrace", "honeycomb", "opentelemetry", "otel", "fluentd",
    "fluentbit", "loki", "crashlytics", "bugsnag", "rollbar", "okta", "auth0",
    "keycloak", "onelogin", "jamf", "intune", "entra",
    # platforms and infrastructure
    "kubernetes", "kubectl", "minikube", "helm", "docker", "podman", "containerd", "istio",
    "linkerd", "envoy", "traefik", "haproxy", "nginx", "tomcat", "jetty", "gunicorn",
    "uvicorn", "celery", "sidekiq", "terraform", "terragrunt", "pulumi", "ansible", "vagrant",
    "packer", "consul", "nomad", "heroku", "netlify", "vercel", "cloudflare", "akamai",
    "fastly", "openshift", "rancher", "argocd", "spinnaker", "tekton", "sonarqube", "snyk",
    "dependabot", "github", "gitlab", "bitbucket", "circleci", "atlassian", "confluence", "trello",
    "twilio", "sendgrid", "mailgun", "mailchimp", "postmark",
    "stripe", "plaid", "zapier", "launchdarkly", "hubspot", "salesforce", "zendesk",
    "freshdesk", "servicenow",
    # languages, frameworks and libraries
    "java", "kotlin", "scala", "golang", "python", "typescript", "javascript", "elixir", "erlang",
    "clojure", "fortran", "cobol", "php", "django",
    "flask", "fastapi", "laravel", "symfony", "nestjs", "nextjs", "nuxt", "svelte",
    "angular", "react", "redux", "webpack", "vite", "eslint", "jest", "mocha",
    "pytest", "junit", "maven", "npm", "yarn", "pnpm", "hibernate",
    "spring", "hikaricp", "log4j", "logback", "slf4j", "structlog", "loguru", "pydantic",
    "sqlalchemy", "alembic", "prisma", "sequelize", "typeorm", "mongoose", "axios", "okhttp",
    "retrofit", "alamofire", "numpy", "pandas", "scipy", "pytorch", "tensorflow", "keras",
    "jupyter", "airflow", "dagster", "hadoop", "presto", "trino", "tokio", "dashmap",
    "serde", "actix", "asyncio", "aiohttp", "requests", "httpx", "graphql", "grpc", "protobuf",
    # protocols, formats and systems
    "oauth", "saml", "ldap", "kerberos", "ntlm", "smtp", "esmtp", "imap", "sftp", "odbc",
    "jdbc", "ubuntu", "debian", "centos", "fedora", "alpine", "freebsd", "macos", "ios",
    "android", "linux", "powershell", "bash", "zsh", "vscode", "intellij", "pycharm", "xcode",
    "postman", "wireshark", "burp", "nmap", "macbook", "thinkpad", "chromebook", "bitlocker",
    "filevault", "systemd", "journalctl", "crontab", "openssl", "openssh", "openvpn",
    "wireguard", "bigip",
    # the acronyms and commands of the trade the models read as a firm
    "pgp", "gpg", "cli", "mfa", "sso", "upn", "alb", "elb", "nlb", "har", "mdm", "rcpt",
    "noqueue", "bearer", "curl", "wget", "hashicorp", "jwt", "csrf", "cors", "vpn", "ssh", "tls",
    "dns", "dhcp", "http", "https", "tcp", "udp", "sdk", "uuid", "json", "yaml", "xml",
})
#: what starts a surname written with an inner capital (`McDonald`, `DeShawn`, `FitzGerald`)
_NAME_PREFIXES = frozenset({"mac", "mc", "de", "di", "da", "du", "la", "le", "van", "von",
                            "st", "o", "fitz", "del", "della", "al", "el", "ben", "bin", "abu",
                            "ter", "ten", "den", "des", "dos", "lo"})
#: a camel-cased word's humps: "PDO", "Exception"; "Out", "Of", "Memory", "Error"
_HUMP = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")
#: a document named after its person: "Okafor.pdf" stays the model's
_DOCUMENT = re.compile(r"\.(?i:pdf|docx?|xlsx?|pptx?|odt|rtf|txt|csv|jpe?g|png|heic|zip)\b")
#: what joins an identifier's parts, then an identifier's character
_JOINED_AFTER = re.compile(r"(?:\.[a-z_]|_[A-Za-z0-9]|::\w|\()")
_JOINED_BEFORE = re.compile(r"(?:[a-z0-9_)\]]{2}\.|[A-Za-z0-9]_|::)\Z")
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "mx"})
#: a dotted or "::" identifier whose parts are words of two letters or more, one of them in
#: lower case as code writes a member ("Array.map", "os.path", "std::vector"; not "J.Smith",
#: "Dr.Okafor" nor a login's "Chidinma.Okafor")
_IDENTIFIER = re.compile(r"(?=[\w.:]*(?<![\w])[a-z_])(?!(?i:mrs?|ms|dr|prof|st|sr|jr|mx)\.)"
                         r"[A-Za-z_][A-Za-z0-9_]+(?:(?:\.|::)[A-Za-z_][A-Za-z0-9_]+)+")
#: a hyphenated identifier of three parts or more, an abbreviation among them ("X-Amz-Date",
#: "SG-Finance-RO"; a device's "Galaxy-S23-Oyelaran" names its owner, "Block 13-D" is a place)
_HYPHENATED = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+")
#: an HTTP status before its reason ("422 Unprocessable Entity", "HTTP/1.1 404 Not Found")
_STATUS_BEFORE = re.compile(r"(?<![\w.])[1-5]\d\d[ \t]+(?:(?:Client|Server)[ \t]+Error:[ \t]+)?\Z")
#: HTTP's reason phrases (RFC 9110 and the registry's common extensions), in lower case: after
#: a status, a house number's street ("152 Teheran-ro") is none of them
_REASONS = frozenset({
    "continue", "switching protocols", "processing", "early hints", "ok", "created",
    "accepted", "non-authoritative information", "no content", "reset content",
    "partial content", "multi-status", "already reported", "im used", "multiple choices",
    "moved permanently", "found", "see other", "not modified", "use proxy",
    "temporary redirect", "permanent redirect", "bad request", "unauthorized",
    "payment required", "forbidden", "not found", "method not allowed", "not acceptable",
    "proxy authentication required", "request timeout", "conflict", "gone",
    "length required", "precondition failed", "content too large", "payload too large",
    "uri too long", "unsupported media type", "range not satisfiable",
    "expectation failed", "misdirected request", "unprocessable content",
    "unprocessable entity", "locked", "failed dependency", "too early", "upgrade required",
    "precondition required", "too many requests", "request header fields too large",
    "unavailable for legal reasons", "internal server error", "not implemented",
    "bad gateway", "service unavailable", "gateway timeout", "http version not supported",
    "variant also negotiates", "insufficient storage", "loop detected", "not extended",
    "network authentication required"})
#: a version after a product's name ("Hibernate 6.4", "RabbitMQ 3.13.0", "React v18.2")
_VERSION_AFTER = re.compile(r"[ \t]+v?\d+\.\d+(?:\.\d+)*\b")
_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z]+)\b")
_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)[ \t]+\Z")


def code_shaped(word: str) -> bool:
    """Whether one word is written as code writes a class's name: two humps or more of a camel
    case (`StrictMode`, `PDOException`, `iPhone`), not a surname's prefix (`McDonald`)."""
    humps = _HUMP.findall(word)
    if len(humps) < 2 or "".join(humps) != word:
        return False
    return humps[0].lower() not in _NAME_PREFIXES


def code_word(text: str, s: int, e: int, words: list[str],
              known_name: Callable[[str], bool], common_word: Callable[[str], bool]) -> bool:
    """Whether a model's span ``text[s:e]`` (its alphabetic ``words``) is software's word (see
    the module's docstring). ``known_name`` and ``common_word`` answer for one word in lower
    case and as written: a word of the name lists is never taken for software's."""
    if any(known_name(w.lower()) for w in words):
        return False
    if _IDENTIFIER.fullmatch(text, s, e):
        return True  # "Array.map", "os.path": the model's span is the identifier itself
    if len(words) == 1 and " " not in text[s:e]:
        if _glued(text, s, e):
            return True  # "json.Unmarshal", "nginx.service", "SPRING_DATASOURCE_URL"
        if text[s - 1:s] == "-" and text[s - 2:s - 1] in (" ", "-", "\t"):
            return True  # "Get-ADUser -Identity", "--Name"
        if text[e:e + 1] == "=" and text[e + 1:e + 2] != "=" and text[s - 1:s] in (
                "", ";", "&", "?", "{", " ", "\t", "\n"):
            return True  # the key of "Encrypt=yes;": a setting's name, its value after it
    if (text[s - 1:s] == "-" or text[e:e + 1] == "-") and _abbreviated_identifier(text, s, e):
        return True  # "X-[Amz]-Date", "X-Forwarded-For", "SG-Finance-RO"
    if " ".join(words).lower() in _REASONS and _STATUS_BEFORE.search(text, max(0, s - 28), s):
        return True  # "422 Unprocessable Entity", "404 Not Found"
    if _VERSION_AFTER.match(text, e):
        return True  # "Hibernate 6.4", "Spring Boot 3.2.3", "RabbitMQ 3.13.0"
    tech = [w.lower() in TECH_WORDS or code_shaped(w) for w in words]
    if any(tech):
        return all(t or common_word(w) for t, w in zip(tech, words, strict=True))
    if not all(common_word(w) for w in words):
        return False
    nxt = _WORD_AFTER.match(text, e)
    if nxt is not None and code_shaped(nxt.group(1)):
        return True  # "Uncaught" of "Uncaught PDOException"
    prev = _WORD_BEFORE.search(text, max(0, s - 32), s)
    return prev is not None and (prev.group(1).lower() in TECH_WORDS or code_shaped(
        prev.group(1)))  # the "Pro" of "MacBook Pro", the "Boot" of "Spring Boot"


def _glued(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` is a part of a dotted, underscored or ``::`` identifier."""
    after = _JOINED_AFTER.match(text, e)
    if after is not None and not _DOCUMENT.match(text, e):
        return True
    before = _JOINED_BEFORE.search(text, max(0, s - 3), s)
    if before is None:
        return False
    if text[s - 1] == ".":
        prev = re.search(r"([A-Za-z]+)\.\Z", text[max(0, s - 8):s])
        return prev is None or prev.group(1).lower() not in _TITLES
    return True


def _abbreviated_identifier(text: str, s: int, e: int) -> bool:
    start = max(0, s - 40)
    for m in _HYPHENATED.finditer(text, start, min(len(text), e + 40)):
        if m.start() <= s and m.end() >= e:
            parts = m.group().split("-")
            return len(parts) >= 3 and any(
                p.isalpha() and p.isupper() and len(p) <= 4 for p in parts) and any(
                not p.isupper() for p in parts)
    return False
