"""The encoder as the pipeline runs it (onnxruntime, int8 products) against float32 numpy, in one process.

    PYTHONPATH=src python -m bench.bench_encoder [--sentences 2000] [--repeat 3]

The reference is the forward pass the encoder ran before onnxruntime (float32 numpy, exact GELU),
over the same packaged weights and batches. Both arms read the same Reuters-21578 sentences as
the attribution tagger does (`token_states`), alternating run by run; reported: CPU and wall time
per 1,000 word pieces and their ratio, how far the states move, and how often the fine-tuned heads
change their answer: the attribution head's tag per token (argmax, before the CRF average) on the
Reuters sentences, and the stance head's answer on Emergent's 2,071 training headlines.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
from scipy.special import erf

from bench.corpus import reuters_reports
from bench.stance import emergent
from firsthand.claims.attribution_encoder import EncoderTagger
from firsthand.claims.stance_encoder import EncoderStance
from firsthand.read.encoder import HEADS, WIDTH, Encoder, _layer_norm
from firsthand.read.nlp import load_model


def reference_forward(encoder: Encoder) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """The float32 numpy forward pass over `encoder`'s weights."""

    def forward(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        batch, length = ids.shape
        x = (encoder._word[ids] + encoder._position[:length] + encoder._type).reshape(batch * length, WIDTH)
        x = _layer_norm(x, *encoder._norm).astype(np.float32)
        bias = ((1.0 - mask[:, None, None, :]) * -1e9).astype(np.float32)
        size = WIDTH // HEADS
        scale = np.float32(1.0 / np.sqrt(size))
        for qkv, qkv_b, out, out_b, n1w, n1b, up, up_b, down, down_b, n2w, n2b in encoder._layers:
            heads = (x @ qkv + qkv_b).reshape(batch, length, 3, HEADS, size).transpose(2, 0, 3, 1, 4)
            q, k, v = (np.ascontiguousarray(t) for t in heads)
            scores = np.matmul(q * scale, k.transpose(0, 1, 3, 2).copy()) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = np.matmul(scores, v).transpose(0, 2, 1, 3).reshape(batch * length, WIDTH)
            x = _layer_norm(x + context @ out + out_b, n1w, n1b)
            u = x @ up + up_b
            x = _layer_norm(x + (0.5 * u * (1.0 + erf(u * np.float32(np.sqrt(0.5))))) @ down + down_b, n2w, n2b)
        return x.reshape(batch, length, WIDTH)

    return forward


def timed(run: Callable[[], object]) -> tuple[float, float, object]:
    cpu, wall = time.process_time(), time.perf_counter()
    result = run()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    nlp = load_model()
    sentences: list = []
    for doc in nlp.pipe(report.text for report in reuters_reports(args.sentences // 5)):
        sentences.extend(doc.sents)
    sentences = sentences[: args.sentences]
    tagger, stance = EncoderTagger.load(), EncoderStance.load()
    encoder = tagger.encoder
    pieces = sum(len(e.ids) + 2 for e in encoder.tokenizer.encode_batch([s.text for s in sentences]))

    runtime = encoder.forward
    reference = reference_forward(encoder)
    times = {"onnxruntime int8": [0.0, 0.0], "numpy float32": [0.0, 0.0]}
    states: dict[str, list[np.ndarray]] = {}
    encoder.token_states(sentences[:50])  # builds the session
    for n in range(args.repeat):
        arms = [("onnxruntime int8", runtime), ("numpy float32", reference)]
        for name, forward in arms if n % 2 == 0 else arms[::-1]:
            encoder.forward = forward  # type: ignore[method-assign,assignment]
            cpu, wall, result = timed(lambda: encoder.token_states(sentences))
            times[name][0] += cpu
            times[name][1] += wall
            states[name] = result  # type: ignore[assignment]
    encoder.forward = runtime  # type: ignore[method-assign]

    print(f"{len(sentences):,} Reuters sentences, {pieces:,} word pieces, {args.repeat} runs each")
    print(f"{'':20} {'CPU ms/1k pieces':>17} {'wall ms/1k pieces':>18}")
    for name, (cpu, wall) in times.items():
        print(f"{name:20} {cpu / args.repeat / pieces * 1e6:17.1f} {wall / args.repeat / pieces * 1e6:18.1f}")
    base, fast = times["numpy float32"], times["onnxruntime int8"]
    print(f"speed-up (reference / runtime): CPU {base[0] / fast[0]:.2f}×, wall {base[1] / fast[1]:.2f}×")

    new, old = np.vstack(states["onnxruntime int8"]), np.vstack(states["numpy float32"])
    print(f"token states: max |Δ| {np.abs(new - old).max():.3f}, mean |Δ| {np.abs(new - old).mean():.4f} "
          f"(mean |state| {np.abs(old).mean():.3f})")
    tags_new = (new @ tagger.weight.T + tagger.bias).argmax(1)
    tags_old = (old @ tagger.weight.T + tagger.bias).argmax(1)
    print(f"attribution head, tag per token: {np.mean(tags_new == tags_old):.4f} agree ({len(tags_new):,} tokens)")

    headlines = [item.headline for item in emergent()]
    answers = {}
    for name, forward in (("onnxruntime int8", runtime), ("numpy float32", reference)):
        encoder_stance = stance.encoder
        encoder_stance.forward = forward  # type: ignore[method-assign,assignment]
        answers[name] = (encoder_stance.pooled(headlines) @ stance.weight.T + stance.bias).argmax(1)
    agree = np.mean(answers["onnxruntime int8"] == answers["numpy float32"])
    print(f"stance head on Emergent headlines: {agree:.4f} agree ({len(headlines):,} headlines)")


if __name__ == "__main__":
    main()
