"""Reading and checking rule packs: safe YAML with positions, validation, cross-checks,
the validated pack's cache, cases and schemas. Above the core, below the reporters."""
