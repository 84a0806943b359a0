"""Scratch: py-spy (raw collapsed stacks, all threads) of in-process gateway requests, the same
set-up as veil.cli.bench_gateway_instructions; also cProfile of protect_many (main thread)."""
import asyncio, cProfile, os, pstats, signal, subprocess, sys, time
from pathlib import Path
import veil.cli.bench_gateway_instructions as bgi

what, n, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
SPY = "/work/main/.venv/bin/py-spy"

orig_prompts = bgi.prompts
def control_shim():
    pass

async def main(home):
    import aiohttp, base64
    from veil import Veil
    from veil.config import Policy, Settings
    from veil.gateway import create_app
    from veil.gateway.app import build_state
    from veil.gateway.config import GatewayConfig
    from veil.gateway.echo_upstream import create_echo_app
    from veil.heap import settle_heap
    echo, echo_url, et = await bgi._served(create_echo_app(reply_chars=0))
    s = Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode()).model_copy(update={"detect_workers": 0})
    core = Veil(s, policy=Policy.model_validate({"ner_backend": "learned", "ner": True}))
    cfg = GatewayConfig.model_validate({"upstream": {"base_url": echo_url + "/v1"}, "limits": {"requests_per_minute": 1_000_000}})
    state = build_state(cfg, core=core); core.prepare()
    gw, gw_url, gt = await bgi._served(create_app(state))
    texts = bgi.prompts(1, n + 5)
    sess = iter(range(1 << 40))
    async with aiohttp.ClientSession() as client:
        async def send(text, stream):
            body = {"model": "echo", "messages": [{"role": "user", "content": text}], **({"stream": True} if stream else {})}
            async with client.post(gw_url + "/v1/chat/completions", json=body, headers={"X-Veil-Session": f"p-{next(sess)}"}) as r:
                r.raise_for_status(); await r.read()
        for t in texts[:5]:
            if what == "protect": core.protect_many([t], session=f"p-{next(sess)}")
            else: await send(t, what == "stream")
        settle_heap()
        if what == "protect":
            pr = cProfile.Profile(); pr.enable()
            for t in texts[5:]:
                core.protect_many([t], session=f"p-{next(sess)}")
            pr.disable(); pr.dump_stats(str(out) + ".prof")
        else:
            spy = subprocess.Popen([SPY, "record", "--pid", str(os.getpid()), "--format", "raw", "--rate", "250", "-o", str(out) + ".txt", "--nonblocking"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(2)
            for t in texts[5:]:
                await send(t, what == "stream")
            spy.send_signal(signal.SIGINT); spy.wait()
    for srv in (gw, echo): srv.should_exit = True
    await asyncio.gather(gt, et)

import tempfile, uvloop
with tempfile.TemporaryDirectory() as h:
    uvloop.run(main(Path(h)))
