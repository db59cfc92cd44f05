"""The data that crosses stages: plain dataclasses, importing no stage and no heavy library.

Producers keep their algorithms and import these types; the store keeps them; the renderers
show them. Only pure data logic lives here (ids, interval arithmetic, a judgement's wording).
"""
