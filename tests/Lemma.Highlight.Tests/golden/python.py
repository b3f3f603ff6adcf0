"""Module docstring with an escape \n and no {placeholders}."""
from __future__ import annotations
import torch.nn as nn
from typing import Optional


@dataclass(frozen=True)
@torch.no_grad()
class Config(Base, metaclass=Meta):
    lr: float = 3e-4
    layers: list[int] | None = None

    def scaled(self, factor: float = 2.0, *args, **kwargs) -> "Config":
        '''Triple single-quoted docstring.'''
        return Config(lr=self.lr * factor)


async def train(model: nn.Module, steps: int = 1_000) -> Optional[dict[str, float]]:
    width = 10
    for step in range(steps):
        loss = model(step)
        print(f"step {step:>{width}} loss={loss.item():.4f} {'nested'!r} {{literal}}")
        print(f'{model.name!s:^20} {[x ** 2 for x in (1, 2)]} {d["key"]}')
        msg = "percent %s %(name)d and {0} {name!r:>8}" % (step,)
        raw = r"\d+\.\d*"
        blob = b"\x00\xff" + rb"raw\bytes"
        text = """multi
line {not_a_field} string"""
        if step % 100 == 0 and not math.isnan(loss):
            await asyncio.sleep(0)
    lambda a, b=1: a + b  # a lambda
    return {"loss": 0x1F, "ok": True, "none": None, "ellipsis": ...}


class Error(ValueError):
    pass


try:
    x = 1 / 0
except ZeroDivisionError as e:
    raise RuntimeError("bad") from e
finally:
    del x
