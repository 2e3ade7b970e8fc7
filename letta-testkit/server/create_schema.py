"""Create Letta 0.7.29's tables in an empty PostgreSQL database.

The pip package of Letta ships no Alembic migrations, so the schema comes from the ORM itself.
LETTA_PG_URI must be set before letta is imported: the ORM picks column types from it.
"""

import os
import sys

uri = os.environ.get("LETTA_PG_URI")
if not uri:
    sys.exit("create_schema.py: set LETTA_PG_URI to the target database")

from sqlalchemy import create_engine, text  # noqa: E402

import letta.orm  # noqa: E402,F401  (registers every table on Base.metadata)
from letta.orm.base import Base  # noqa: E402

engine = create_engine(uri)
with engine.begin() as conn:
    conn.execute(text("CREATE EXTENSION IF NOT EXISTS vector"))
Base.metadata.create_all(engine)
with engine.begin() as conn:
    # The ORM numbers messages itself only on SQLite; on PostgreSQL the column needs a default.
    conn.execute(text("CREATE SEQUENCE IF NOT EXISTS messages_sequence_id_seq"))
    conn.execute(
        text(
            "ALTER TABLE messages ALTER COLUMN sequence_id "
            "SET DEFAULT nextval('messages_sequence_id_seq')"
        )
    )
print(f"created {len(Base.metadata.tables)} tables")
