"""Alembic environment: runs on the connection `Store` hands over in
`config.attributes["connection"]` (see `store/engine.py`), inside its transaction."""
from alembic import context

from svodka.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    from sqlalchemy import create_engine
    connection = create_engine(context.config.get_main_option("sqlalchemy.url")).connect()

context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite",
                  transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
