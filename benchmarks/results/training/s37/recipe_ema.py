"""The shipped detector's recipe (`veil train detector`: conv, 3 blocks, 4 epochs, lr 2e-3 with
linear decay, batches of 32, context noise 0.2): its final weights against an exponential moving
average of every step's weights, on the held-out templates and the unseen generator.

    python recipe_ema.py SEED [SENTENCES [EPOCHS]]    # one JSON line; recipe_ema.jsonl holds
                                                      # seeds 0 and 1 x 12,000/24,000/48,000

The average's decay is capped at (1 + step) / (10 + step) (the usual warm start), which stays
below 0.995 over the ~1,500 steps of 12,000 sentences: decays of 0.995 and above give the same
average there."""
import copy, json, sys, time
import torch
from veil.train import central, model as M
seed = int(sys.argv[1]); sentences = int(sys.argv[2]) if len(sys.argv) > 2 else 12000
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 4
decays = [0.99, 0.995]  # the 12,000-sentence lines also have 0.998 and 0.999
cfg = central.CentralConfig(sentences=sentences, epochs=epochs, lr=2e-3, batch_size=32, arch="conv",
    layers=3, hidden=128, context_noise=0.2, max_length=64, seed=seed, held_out_sentences=300,
    unseen_sentences=200)
tok = M.load_tokenizer()
train = central.training_set(cfg)
sets = {"held_out": central.held_out_set(cfg), "unseen": central.unseen_set(cfg)}
torch.manual_seed(seed)
model = M.build_model(base="conv", layers=3, hidden=128, seed=seed)
params = lambda: [p for p in model.parameters() if p.requires_grad]
emas = {d: None for d in decays}
def on_step(step, loss):
    with torch.no_grad():
        cur = [p.detach().clone() for p in params()]
        for d in decays:
            if emas[d] is None: emas[d] = cur
            else:
                # bias-free warm start: effective decay min(d, (1+step)/(10+step))
                dd = min(d, (1 + step) / (10 + step))
                emas[d] = [dd * m + (1 - dd) * c for m, c in zip(emas[d], cur)]
t0 = time.time()
central.fit(model, train, tok, cfg, progress=False, on_step=on_step)
out = {"seed": seed, "sentences": sentences, "epochs": epochs, "train_s": round(time.time() - t0, 1)}
def f1(m):
    s = central.score(m, tok, sets)
    return {k: round(v["micro_f1"] if "micro_f1" in v else v.get("f1", 0), 4) for k, v in s.items()}
out["final"] = f1(model)
for d in decays:
    m2 = copy.deepcopy(model)
    with torch.no_grad():
        for p, a in zip([p for p in m2.parameters() if p.requires_grad], emas[d]): p.copy_(a)
    out[f"ema{d}"] = f1(m2)
print(json.dumps(out))
