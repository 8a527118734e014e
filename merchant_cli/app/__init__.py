"""The edge: the command line, the questionnaire, files, batch workers and signals.

The only layer that reads arguments, prompts, prints or exits; it wires the
packs, the core and the reporters together.
"""
