"""False positives of encoded_ids.encodes_text with and without reading pieces shifted by
1-3 (base64), 1 (hex), 1-7 (base32) characters, on random ids of the usual shapes."""
import base64, os, random, secrets, string, uuid, sys
from veil.gateway import encoded_ids as E

def shifted(value: str) -> bool:
    if E.encodes_text(value):
        return True
    for p in E._pieces(value):
        for k in range(1, 8):
            q = p[k:]
            if len(q) < E.MIN_BYTES + E.MIN_BYTES // 3:
                break
            if E._decodes_to_text(q):
                return True
    return False

rng = random.Random(7)
def b62(n): return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(n))
def rb(n): return bytes(rng.getrandbits(8) for _ in range(n))
shapes = {
 "uuid4": lambda: str(uuid.UUID(bytes=rb(16), version=4)),
 "uuid hex": lambda: uuid.UUID(bytes=rb(16), version=4).hex,
 "req_ hex32": lambda: "req_" + rb(16).hex(),
 "chatcmpl-b62_29": lambda: "chatcmpl-" + b62(29),
 "b64 6-16 bytes": lambda: base64.b64encode(rb(rng.randint(6, 16))).decode().rstrip("="),
 "b64url 6-16": lambda: base64.urlsafe_b64encode(rb(rng.randint(6, 16))).decode().rstrip("="),
 "hex 6-16": lambda: rb(rng.randint(6, 16)).hex(),
 "b32 6-16": lambda: base64.b32encode(rb(rng.randint(6, 16))).decode().rstrip("="),
 "traceparent": lambda: f"00-{rb(16).hex()}-{rb(8).hex()}-01",
 "ft suffix b62_8": lambda: "ft:gpt-4o-mini-2024-07-18:my-org:custom:" + b62(8),
}
N = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
print(f"{'shape':20} {'aligned':>8} {'shifted':>8}  (of {N})")
for name, make in shapes.items():
    ids = [make() for _ in range(N)]
    a = sum(E.encodes_text(i) for i in ids)
    s = sum(shifted(i) for i in ids)
    print(f"{name:20} {a:8d} {s:8d}")
# and what shifting would catch
for v in ["jane.doe@example.com", "078-05-1120", "Quentin Marlowe"]:
    enc = base64.b64encode(v.encode()).decode()
    for pre in ["x", "ab", "abc"]:
        print(v, pre, E.encodes_text(pre + enc), shifted(pre + enc), E.encodes_text(pre + v.encode().hex()), shifted(pre + v.encode().hex()))
