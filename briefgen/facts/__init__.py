"""Stage 3, reviewed facts: the fact model, facts/<week>.yaml read and checked, and rewritten by
extraction without losing what analysts wrote."""
