"""The transformer baseline (``transformer-lodo``): a fine-tuned encoder tagger for the span
layer, the shared event assembly, leave-one-document-out cross-validation.

Importing this package does not import torch or transformers; they load on first use.
"""

from baselines.transformer.extractor import TransformerExtractor

__all__ = ["TransformerExtractor"]
