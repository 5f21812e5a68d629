"""The environment variables mail delivery reads: the SMTP password only from here, and overrides
of delivery.yaml's server settings. Kept apart so that the CLI's help can name them without
loading the mail machinery."""

ENV_PASSWORD = "BRIEFGEN_SMTP_PASSWORD"
"""The only place the SMTP password is read from."""
ENV_HOST, ENV_PORT, ENV_SECURITY, ENV_USER = (
    "BRIEFGEN_SMTP_HOST", "BRIEFGEN_SMTP_PORT", "BRIEFGEN_SMTP_SECURITY", "BRIEFGEN_SMTP_USER")
