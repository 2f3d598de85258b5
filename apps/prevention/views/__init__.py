"""Pages of case-specific prevention: ``pages`` (list, project, statistics),
``actions`` (everything a user does on a project, post/redirect/get) and
``files`` (downloads, always as attachments)."""
