"""A licence plate in a European country's own layout, after a word for the vehicle:
``Matrícula del vehículo de la plaza de garaje: 4821 KLM``, ``il veicolo targato AB 123 CD``,
``das Fahrzeug mit dem Kennzeichen S-KL 4821``. The plate word of ``license_plate``
(``veil.detect.builtin``) must stand within 24 characters before the plate, and its shape is any
group of capitals and digits; a Spanish contract names the vehicle further back. Here the
plate's layout is its country's (so the window may be longer, 64 characters, and the word may
be the vehicle's: ``vehículo``, ``veicolo``, ``Fahrzeug``, ``voertuig``, ``pojazd``...):

* Spain: four digits, three consonants (``4821 KLM``);
* Italy and France: two letters, three digits, two letters (``AB 123 CD``, ``AB-123-CD``);
* Germany and Austria: district letters, a dash, one or two letters, up to four digits
  (``S-KL 4821``, ``M-AB 123E``);
* the Netherlands and Portugal: three dashed groups of letters and digits (``D-123-BX``,
  ``12-AB-34``);
* Poland, Czechia, Romania, Turkey and the Nordic countries: letters and digits in their own
  order (``WA 12345``, ``1AB 2345``, ``B 123 ABC``, ``34 ABC 123``, ``ABC 123``).

A model name (``X5``, ``A4``) has no such layout.
"""

from __future__ import annotations

import re

from veil.detect.patterns import Pattern, PatternRecognizer

_C = "BCDFGHJKLMNPRSTVWXYZ"
_SHAPES = (
    rf"\d{{4}}[ -]?[{_C}]{{3}}"                              # ES
    r"|[A-Z]{2}[ -]?\d{3}[ -]?[A-Z]{2}"                      # IT, FR
    r"|[A-ZÄÖÜ]{1,3}-[A-Z]{1,2}[ -]?\d{1,4}[EH]?"            # DE, AT
    r"|(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\d)[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3}"  # NL, PT
    r"|[A-Z]{2,3}[ ]?\d[0-9A-Z]{3,4}"                        # PL
    r"|\d[A-Z][0-9A-Z][ ]?\d{4}"                             # CZ
    r"|[A-Z]{1,2}[ -]\d{2,3}[ -][A-Z]{3}"                    # RO
    r"|\d{2}[ ][A-Z]{1,3}[ ]\d{2,4}"                         # TR
    r"|[A-Z]{3}[ -]?\d{2,3}[A-Z0-9]?"                        # SE, NO, DK, FI
)

#: a vehicle's or its plate's word, in the languages of these layouts
VEHICLE_WORDS = (
    "vehículo", "vehiculo", "coche", "matrícula", "matricula", "veicolo", "targato", "targata",
    "targa", "auto", "automobile", "véhicule", "vehicule", "voiture", "immatriculé",
    "immatriculée", "immatriculation", "fahrzeug", "kennzeichen", "pkw", "kfz", "voertuig",
    "kenteken", "pojazd", "pojazdu", "samochód", "samochodu", "rejestracyjny", "veículo",
    "veiculo", "carro", "placa", "bil", "bilen", "fordon", "kjøretøy", "ajoneuvo", "vozidlo",
    "spz", "autovehicul", "mașina", "masina", "înmatriculare", "araç", "arac", "plaka",
    "plakalı", "scooter", "moto", "motorrad", "motocicleta",
)

EUROPEAN_PLATE = PatternRecognizer(
    name="european_plate", entity="VEHICLE_ID",
    patterns=[Pattern(rf"(?<![A-Za-z0-9-])(?:{_SHAPES})(?![A-Za-z0-9-])", 0.5, re.ASCII,
                      lead=6)],
    context=VEHICLE_WORDS, context_required=True, context_window=64, context_boost=0.45,
    context_after=False, validated=True,
)
