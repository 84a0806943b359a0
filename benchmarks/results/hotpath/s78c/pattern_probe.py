"""Schema patterns read by the real detector: as text (before) and as the text they match
(after, veil.gateway.fields._Pattern)."""
import tempfile
from pathlib import Path
from veil.config import Settings
from veil.core import Veil
from veil.gateway.fields import WalkContext, walk
t = tempfile.mkdtemp()
v = Veil(Settings(home=Path(t), cache_dir=Path(t) / "c"))
BENIGN = [r"^[^@\s]+@[^@\s]+\.[^@\s]+$", r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$",
          r"^\+?[1-9]\d{1,14}$", r"^\d{4}-\d{2}-\d{2}$", r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
          r"^https?://", r"^\d{5}(-\d{4})?$", r"^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$", r"^\d{3}-\d{2}-\d{4}$",
          r"^(admin|user|guest)$", r"^#[0-9a-fA-F]{6}$", r"^[a-z0-9-]+\.example\.com$",
          r"^https://docs\.example\.com/.*$", r"^[A-Z][a-z]+\s[A-Z][a-z]+$", r"^(low|medium|high)$",
          r"^\$?\d+(\.\d{2})?$", r"^[a-z_][a-z0-9_]*$", r"^v\d+\.\d+\.\d+$", r"^(yes|no)$",
          r"^[A-Z]{3}$", r"^\d+(\.\d+)?\s?(kg|lb)$", r"^(?:[01]\d|2[0-3]):[0-5]\d$",
          r"^[a-z]+@acme\.com$", r"^(Mr|Mrs|Ms|Dr)\.?\s[A-Z][a-z]+$", r"^ORD-\d{6}$"]
VALUES = [r"^jane\.exfil@example\.com$", r"^(Quentin\s+Marlowe|Priya\s+Raghunathan)$",
          r"^4111\s?1111\s?1111\s?1111$", r"^4111-?1111-?1111-?1111$", r"^078\-05\-1120$",
          r"^\+1\s555\s867\s5309$", r"^Priya\sRaghunathan$", r"jane[.]exfil[@]example[.]com",
          r"^DE89\s?3704\s?0044\s?0532\s?0130\s?00$", r"^192\.168\.12\.34$"]
def run(pattern):
    body = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object", "properties": {"x": {"type": "string", "pattern": pattern}}}}}]}
    ctx = WalkContext(protect=lambda s: v.protect(s, session="s").masked, pseudonym=lambda s: s, allow_unscannable=frozenset())
    out = walk("chat.completions", body, ctx)
    return out["tools"][0]["function"]["parameters"]["properties"]["x"]["pattern"]
def before(pattern):
    return v.protect(pattern, session="s").masked
for name, pats in (("benign", BENIGN), ("values", VALUES)):
    changed_b = changed_a = 0
    print(f"== {name}")
    for p in pats:
        b, a = before(p), run(p)
        changed_b += b != p; changed_a += a != p
        print(f"{'*' if a != p else ' '} {p!r}\n    before {b!r}\n    after  {a!r}")
    print(f"{name}: masked before {changed_b}/{len(pats)}, after {changed_a}/{len(pats)}")
