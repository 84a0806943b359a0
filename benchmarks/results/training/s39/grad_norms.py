"""Per-sample gradient norms of the conv tagger (the DP-SGD clipping norm is 1.0) during
non-private training on 4 x 1,500 sentences of the federated clients (seed 2), batch 256,
lr 4e-3, context noise 0.2: percentiles 10/25/50/75/90 over 256 sentences after each epoch.
Output: grad_norms.txt."""
import torch, numpy as np, time
from opacus import GradSampleModule
from veil.train.federated import FederatedConfig, new_model, client_data, tokenizer
from veil.train.model import make_loader, train_epoch, INPUT_NAMES, noisy_context, token_loss
torch.manual_seed(0)
cfg = FederatedConfig(base="conv", n_per_client=1500, batch_size=256, context_noise=0.2, seed=2)
model = new_model(cfg)
sents = sum((client_data(cfg, p) for p in range(4)), [])
loader = make_loader(sents, tokenizer(), batch_size=256, shuffle=True, seed=1)
probe = make_loader(sents[:256], tokenizer(), batch_size=256, shuffle=False)
gen = torch.Generator().manual_seed(3)
def norms():
    gsm = GradSampleModule(model)
    batch = next(iter(probe))
    inputs = dict(zip(INPUT_NAMES, batch[:4])); labels = batch[4]
    inputs = noisy_context(inputs, labels, 0.2, gen)
    gsm.zero_grad()
    loss = token_loss(gsm(**inputs), labels); loss.backward()
    sq = None
    for p in gsm.parameters():
        if p.requires_grad and getattr(p, "grad_sample", None) is not None:
            s = p.grad_sample.reshape(p.grad_sample.shape[0], -1).pow(2).sum(1)
            sq = s if sq is None else sq + s
    gsm._close()
    n = sq.sqrt().numpy()
    return np.percentile(n, [10, 25, 50, 75, 90]).round(4), float(loss)
opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=4e-3)
print("trainable", sum(p.numel() for p in model.parameters() if p.requires_grad))
print("init", norms())
for ep in range(6):
    t=time.time(); l = train_epoch(model, loader, opt, context_noise=0.2, generator=gen)
    print("epoch", ep+1, round(l,4), norms(), round(time.time()-t,1), flush=True)
