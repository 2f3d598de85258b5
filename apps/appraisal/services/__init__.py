"""Every write of the appraisal app, one keyword-only function per action."""
