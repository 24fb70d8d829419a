"""The extract stage: Document -> Extraction, behind one small interface (see `base`)."""

from dealscope.extract.base import Extractor, available_extractors, get_extractor, register

__all__ = ["Extractor", "available_extractors", "get_extractor", "register"]
