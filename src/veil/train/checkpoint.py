"""Checkpoints of a training run: resume after a kill, a crash or a reboot.

A checkpoint is a folder ``step-<step>`` inside the run's checkpoint folder, holding the model
as :func:`veil.train.model.save` writes it (so ``veil train detector --teacher <folder>`` and
:func:`veil.train.model.load` read it directly) plus ``trainer.pt``: the optimizer, the
learning-rate schedule, the step, the epoch losses so far, torch's RNG state (dropout) and the
settings that shape the run. The loader's order is not stored: it comes from its own seeded
generator, so a resumed run replays the batches it has done without training on them.

Each checkpoint is written into a temporary folder and renamed into place, so a kill during
the write leaves the previous one intact; older checkpoints are removed after the new one is in.
Weights live in a cache folder, never in git.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from veil.train import model as M  # noqa: N812

TRAINER_FILE = "trainer.pt"
_STEP = re.compile(r"^step-(\d+)$")


class CheckpointError(ValueError):
    """A checkpoint that this run cannot continue (other settings, unreadable files)."""


@dataclass
class Progress:
    """Where a run stands: optimizer steps done, mean loss of each finished epoch, and the
    running sum/count of the epoch in progress (so its mean survives a resume)."""

    step: int = 0
    epoch_losses: list[float] = field(default_factory=list)
    partial_sum: float = 0.0
    partial_steps: int = 0


class CheckpointDir:
    """The checkpoints of one training run (one model) in ``folder``."""

    def __init__(self, folder: Path | str, *, keep: int = 1) -> None:
        self.folder = Path(folder).expanduser()
        self.keep = max(1, keep)

    def steps(self) -> list[Path]:
        """Complete checkpoints, oldest first."""
        if not self.folder.is_dir():
            return []
        found = [(int(m.group(1)), p) for p in self.folder.iterdir()
                 if p.is_dir() and (m := _STEP.match(p.name))]
        return [p for _, p in sorted(found)]

    def latest(self) -> Path | None:
        steps = self.steps()
        return steps[-1] if steps else None

    def clear(self) -> None:
        """Remove this run's checkpoints (a fresh run must not resume from an older one)."""
        for p in self.steps():
            shutil.rmtree(p, ignore_errors=True)

    def save(
        self,
        model: M.Tagger,
        optimizer: torch.optim.Optimizer,
        scheduler: Any,
        progress: Progress,
        settings: Mapping[str, Any],
    ) -> Path:
        """Write the checkpoint of ``progress.step`` and drop the older ones."""
        self.folder.mkdir(parents=True, exist_ok=True)
        final = self.folder / f"step-{progress.step:08d}"
        tmp = self.folder / f".tmp-{final.name}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        M.save(model, tmp, extra={"step": progress.step})
        torch.save(
            {
                "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict() if scheduler is not None else None,
                "progress": {
                    "step": progress.step,
                    "epoch_losses": list(progress.epoch_losses),
                    "partial_sum": progress.partial_sum,
                    "partial_steps": progress.partial_steps,
                },
                "torch_rng": torch.get_rng_state(),
                "settings": dict(settings),
            },
            tmp / TRAINER_FILE,
        )
        if final.exists():  # the same step saved twice (an epoch end on a checkpoint step)
            shutil.rmtree(final)
        tmp.rename(final)
        for old in self.steps()[: -self.keep]:
            shutil.rmtree(old, ignore_errors=True)
        return final

    def restore(
        self,
        path: Path,
        model: M.Tagger,
        optimizer: torch.optim.Optimizer,
        scheduler: Any,
        settings: Mapping[str, Any],
    ) -> Progress:
        """Load ``path`` into the model, optimizer and schedule; returns where the run stood.

        ``settings`` must equal the saved ones: a run with another data size, schedule or
        model would continue from a state that does not belong to it.
        """
        try:
            state = torch.load(path / TRAINER_FILE, map_location="cpu", weights_only=True)
            weights = torch.load(path / "model.pt", map_location="cpu", weights_only=True)
        except (OSError, RuntimeError, EOFError) as e:
            raise CheckpointError(
                f"cannot read the checkpoint {path} ({type(e).__name__}): delete it to resume "
                "from the one before, or start over without --resume"
            ) from None
        saved = state.get("settings", {})
        diff = sorted(k for k in {*saved, *settings} if saved.get(k) != settings.get(k))
        if diff:
            shown = ", ".join(f"{k}={saved.get(k)!r} (now {settings.get(k)!r})" for k in diff)
            raise CheckpointError(
                f"the checkpoint in {self.folder} belongs to another run: {shown}. Resume with "
                "the same options, or start over without --resume (its checkpoints are replaced)"
            )
        model.load_state_dict(weights)
        optimizer.load_state_dict(state["optimizer"])
        if scheduler is not None and state.get("scheduler") is not None:
            scheduler.load_state_dict(state["scheduler"])
        torch.set_rng_state(state["torch_rng"])
        p = state["progress"]
        return Progress(
            step=int(p["step"]),
            epoch_losses=[float(x) for x in p["epoch_losses"]],
            partial_sum=float(p["partial_sum"]),
            partial_steps=int(p["partial_steps"]),
        )
