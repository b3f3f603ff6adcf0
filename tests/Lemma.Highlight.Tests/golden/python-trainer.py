import os, sys
from pathlib import Path
from collections import defaultdict

class Trainer:
    """Runs the loop."""
    def __init__(self, model, *, lr=1e-3, device="cuda"):
        self.model = model.to(device)
        self.opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
        self.history: dict[str, list[float]] = defaultdict(list)

    @property
    def steps(self) -> int:
        return len(self.history["loss"])

    def fit(self, loader, epochs: int = 3):
        for epoch in range(epochs):
            for i, (x, y) in enumerate(loader):
                loss = F.cross_entropy(self.model(x), y, label_smoothing=0.1)
                loss.backward(); self.opt.step(); self.opt.zero_grad()
                if i % 50 == 0:
                    print(f"[{epoch}/{epochs}] step {i:05d}: {loss.item():.3f}", file=sys.stderr)
        return self

    @staticmethod
    def load(path: str | os.PathLike) -> "Trainer":
        with open(Path(path) / "ckpt.pt", "rb") as fh:
            state = torch.load(fh, map_location="cpu")
        assert isinstance(state, dict), f"bad checkpoint {path!r}"
        return Trainer(**state)

match sys.argv[1:]:
    case ["train", *rest]:
        Trainer(build()).fit(data, epochs=int(rest[0]) if rest else 3)
    case _:
        raise SystemExit(2)
