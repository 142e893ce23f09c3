"""Word vectors that carry meaning ("rota" near "roster", "canteen" near "hot food"), so that a
model can learn a theme from a few tagged texts: WordLlama's 256-dimension token embeddings
(MIT licence), whose weights and tokenizer are files inside its pip package. They are loaded
from there by path, never fetched: the package's own loader looks for the tokenizer in a folder
name the package does not ship and would then try the network, so it is not used."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import numpy as np
from safetensors import safe_open
from tokenizers import Tokenizer

WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")


def package_files() -> tuple[Path, Path]:
    root = Path(importlib.util.find_spec("wordllama").origin).parent
    return root.joinpath(*WEIGHTS), root.joinpath(*TOKENIZER)


@cache
def _model():
    # Imported here, when vectors are first needed: importing wordllama calls
    # logging.basicConfig(level=INFO), which would change every process's logging at start.
    from wordllama.inference import WordLlamaInference

    weights, tokenizer = package_files()
    with safe_open(str(weights), framework="np", device="cpu") as f:
        vectors = f.get_tensor("embedding.weight")
    return WordLlamaInference(vectors, Tokenizer.from_file(str(tokenizer)), binary=False)


def embed(texts: list[str]) -> np.ndarray:
    """One unit-length row per text (a row of zeros for a text with no tokens)."""
    if not texts:
        return np.zeros((0, 256))
    rows = np.asarray(_model().embed(texts, norm=False), dtype=np.float64)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms == 0, 1, norms)
