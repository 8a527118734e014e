"""The core: a pack's types, the condition language, answers, the engine and its insight.

The standard library only (import-linter holds it), and no sentences: what the
core has to say is a message key with values (`said`), worded by the reporters.
"""
