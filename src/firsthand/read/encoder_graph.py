"""The encoder's transformer layers as an ONNX graph, run by onnxruntime.

Built in memory from the int8 weights when an encoder is first used (no model file of its own: the
base package's checkpoint and the fine-tuned parts stay the one source of weights). Each linear
product runs on int8: the int8 matrix (a scale per output column) times the activations
quantized per word piece (onnxruntime's `MatMulIntegerToFloat`, on the CPU's integer dot products,
scaling by column in the same kernel; the rows' scales after); the rest (attention, GELU, layer
norms) stays float32. The per-tensor scales of onnxruntime's own dynamic quantization would make
a sentence's states depend on the other sentences of its batch.
Measured against float32 numpy by `bench/bench_encoder.py` (RESULTS).

Input: `x`, the embedded word pieces (batch, length, width), and `bias`, 0 on a word piece and
-1e9 on padding (batch, 1, 1, length); output `states`, the last hidden states.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

# onnxruntime (1.32, Linux) keeps a telemetry store under ~/.cache/Microsoft and uploads it to
# Microsoft, and warns on stderr where it cannot write there; firsthand runs offline. The variable
# is read when the library loads, so it is set before the import.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

import numpy as np  # noqa: E402
import onnxruntime  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

OPSET = 18


class _Graph:
    """Nodes and weights of a graph being built; each node's output gets a fresh name."""

    def __init__(self) -> None:
        self.nodes: list = []
        self.weights: list = []
        self._count = 0

    def name(self, prefix: str) -> str:
        self._count += 1
        return f"{prefix}_{self._count}"

    def const(self, value) -> str:
        name = self.name("w")
        self.weights.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def node(self, op: str, *inputs: str, **attributes) -> str:
        return self.outputs(op, 1, *inputs, **attributes)[0]

    def outputs(self, op: str, count: int, *inputs: str, **attributes) -> list[str]:
        names = [self.name(op) for _ in range(count)]
        self.nodes.append(helper.make_node(op, list(inputs), names, **attributes))
        return names

    def linear(self, x: str, weight: np.ndarray, bias: np.ndarray) -> str:
        """x @ weight + bias: weight (in, out) int8 with a float32 scale per output column; x
        quantized row by row (a scale per word piece, so that its product does not depend on
        what else is in the batch), as uint8 around 128, for the CPU's uint8 × int8 products."""
        scale = np.maximum(np.abs(weight).max(0), 1e-12) / 127.0
        quantized = np.round(weight / scale).astype(np.int8)
        rows = self.node("Reshape", x, self.const(np.array([-1, weight.shape[0]])))
        row_scale = self.node("ReduceMax", self.node("Abs", rows), self.const(np.array([1])), keepdims=1)
        row_scale = self.node("Max", self.node("Div", row_scale, self.const(np.float32(127.0))), self.const(np.float32(1e-12)))
        rows8 = self.node("Add", self.node("Round", self.node("Div", rows, row_scale)), self.const(np.float32(128.0)))
        rows8 = self.node("Cast", rows8, to=TensorProto.UINT8)
        product = self.node("MatMulIntegerToFloat", rows8, self.const(quantized), self.const(np.float32(1.0)),
                            self.const(scale.astype(np.float32)), self.const(np.uint8(128)), domain="com.microsoft")
        product = self.node("Add", self.node("Mul", product, row_scale), self.const(bias))
        # Back to x's leading dimensions, with `out` last.
        leading = self.node("Slice", self.node("Shape", x), self.const(np.array([0])), self.const(np.array([-1])))
        return self.node("Reshape", product, self.node("Concat", leading, self.const(np.array([weight.shape[1]])), axis=0))

    def layer_norm(self, x: str, weight: np.ndarray, bias: np.ndarray) -> str:
        return self.node("LayerNormalization", x, self.const(weight), self.const(bias), axis=-1, epsilon=1e-12)


def session(layers: Sequence[tuple[np.ndarray, ...]], heads: int, width: int) -> onnxruntime.InferenceSession:
    """An onnxruntime session running `layers` (each as `encoder._layer` lays it out) in order."""
    g = _Graph()
    size = width // heads
    x = "x"
    for qkv, qkv_b, out, out_b, n1w, n1b, up, up_b, down, down_b, n2w, n2b in layers:
        h = g.node("Reshape", g.linear(x, qkv, qkv_b), g.const(np.array([0, 0, 3, heads, size])))
        h = g.node("Transpose", h, perm=[2, 0, 3, 1, 4])
        first = g.const(np.array([0]))
        q, k, v = (g.node("Squeeze", part, first) for part in g.outputs("Split", 3, h, axis=0, num_outputs=3))
        q = g.node("Mul", q, g.const(np.array(1.0 / np.sqrt(size), np.float32)))
        scores = g.node("Add", g.node("MatMul", q, g.node("Transpose", k, perm=[0, 1, 3, 2])), "bias")
        context = g.node("MatMul", g.node("Softmax", scores, axis=-1), v)
        context = g.node("Reshape", g.node("Transpose", context, perm=[0, 2, 1, 3]), g.const(np.array([0, 0, width])))
        x = g.layer_norm(g.node("Add", x, g.linear(context, out, out_b)), n1w, n1b)
        # BERT's exact GELU, x Φ(x), written as onnxruntime fuses it into one kernel.
        u = g.linear(x, up, up_b)
        erf = g.node("Erf", g.node("Div", u, g.const(np.array(np.sqrt(2.0), np.float32))))
        gelu = g.node("Mul", g.node("Mul", u, g.node("Add", erf, g.const(np.array(1.0, np.float32)))),
                      g.const(np.array(0.5, np.float32)))
        x = g.layer_norm(g.node("Add", x, g.linear(gelu, down, down_b)), n2w, n2b)
    g.nodes.append(helper.make_node("Identity", [x], ["states"]))
    graph = helper.make_graph(
        g.nodes, "encoder",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "length", width]),
         helper.make_tensor_value_info("bias", TensorProto.FLOAT, ["batch", 1, 1, "length"])],
        [helper.make_tensor_value_info("states", TensorProto.FLOAT, ["batch", "length", width])],
        g.weights,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid("com.microsoft", 1)])
    options = onnxruntime.SessionOptions()
    # One thread, as spaCy reads: reading scales by processes (Dask workers), and a thread pool's
    # workers spin between the many small calls, CPU time the rest of the Reader then lacks.
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
