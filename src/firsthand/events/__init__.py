"""Events: PLOVER-coded events, with SIPRI-style transfer fields, grounded in claims."""
