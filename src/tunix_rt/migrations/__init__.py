"""The schema's migrations (``versions/``), run by Alembic through ``env.py``."""

HEAD = "0019"
"""The newest revision in ``versions/``: a database already there opens without loading Alembic
(``db.open_database``). A new migration moves it; ``tests/test_migrations.py`` checks that it is
Alembic's head."""
