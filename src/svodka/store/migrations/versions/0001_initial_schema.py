"""initial schema: documents, entities, mentions, quotes, events, amounts,
failures, and full-text search (FTS5 on SQLite, tsvector on PostgreSQL)

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 12:52:45.962167
"""
from alembic import op
import sqlalchemy as sa

# Full-text search, spelled out here so that later edits to store/fts.py
# never change what this revision did.
SQLITE_FTS = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, "
    "content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, "
    "content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
)
SQLITE_FTS_DROP = ("DROP TABLE IF EXISTS quotes_fts", "DROP TABLE IF EXISTS documents_fts")
PG_FTS = (
    "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('russian', left(coalesce(title, '') || ' ' || text, 300000))) STORED",
    "CREATE INDEX ix_documents_tsv ON documents USING gin (tsv)",
    "ALTER TABLE quotes ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('russian', left(text, 300000))) STORED",
    "CREATE INDEX ix_quotes_tsv ON quotes USING gin (tsv)",
)
PG_FTS_DROP = ("DROP INDEX IF EXISTS ix_quotes_tsv", "ALTER TABLE quotes DROP COLUMN IF EXISTS tsv",
               "DROP INDEX IF EXISTS ix_documents_tsv",
               "ALTER TABLE documents DROP COLUMN IF EXISTS tsv")


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=40), nullable=True),
    sa.Column('author', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('duplicate_of', sa.String(length=64), nullable=True),
    sa.Column('signature', sa.LargeBinary(), nullable=True),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index('ix_documents_duplicate_of', ['duplicate_of'], unique=False)
        batch_op.create_index('ix_documents_published', ['published'], unique=False)

    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('merge_key', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=8), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_folded', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('sector', sa.String(length=8), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('merge_key')
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index('ix_entities_country', ['country'], unique=False)
        batch_op.create_index('ix_entities_name_folded', ['name_folded'], unique=False)

    op.create_table('failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('amounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('value_num', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=8), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('amounts', schema=None) as batch_op:
        batch_op.create_index('ix_amounts_document', ['document_id'], unique=False)

    op.create_table('doc_entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('local_id', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=8), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('sector', sa.String(length=8), nullable=True),
    sa.Column('aliases', sa.Text(), nullable=False),
    sa.Column('aliases_folded', sa.Text(), nullable=False),
    sa.Column('roles', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'ord')
    )
    with op.batch_alter_table('doc_entities', schema=None) as batch_op:
        batch_op.create_index('ix_doc_entities_entity', ['entity_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('trigger_text', sa.Text(), nullable=False),
    sa.Column('trigger_start', sa.Integer(), nullable=False),
    sa.Column('trigger_end', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=32), nullable=True),
    sa.Column('contexts', sa.Text(), nullable=False),
    sa.Column('quad', sa.String(length=32), nullable=True),
    sa.Column('date', sa.String(length=40), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('source_country', sa.String(length=3), nullable=True),
    sa.Column('source_sector', sa.String(length=8), nullable=True),
    sa.Column('target', sa.Text(), nullable=True),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('target_country', sa.String(length=3), nullable=True),
    sa.Column('target_sector', sa.String(length=8), nullable=True),
    sa.Column('location', sa.Text(), nullable=True),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['location_id'], ['entities.id'], ),
    sa.ForeignKeyConstraint(['source_id'], ['entities.id'], ),
    sa.ForeignKeyConstraint(['target_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_document', ['document_id'], unique=False)
        batch_op.create_index('ix_events_dyad', ['source_country', 'target_country', 'type'], unique=False)
        batch_op.create_index('ix_events_source_id', ['source_id'], unique=False)
        batch_op.create_index('ix_events_target', ['target_country'], unique=False)
        batch_op.create_index('ix_events_target_id', ['target_id'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('has_speaker', sa.Integer(), nullable=False),
    sa.Column('speaker_local', sa.Text(), nullable=True),
    sa.Column('speaker_name', sa.Text(), nullable=True),
    sa.Column('speaker_folded', sa.Text(), nullable=True),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('cue_text', sa.Text(), nullable=True),
    sa.Column('cue_start', sa.Integer(), nullable=True),
    sa.Column('cue_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index('ix_quotes_document', ['document_id'], unique=False)
        batch_op.create_index('ix_quotes_speaker', ['speaker_id'], unique=False)
        batch_op.create_index('ix_quotes_speaker_folded', ['speaker_folded'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_entity_id', sa.Integer(), nullable=False),
    sa.Column('ord', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['doc_entity_id'], ['doc_entities.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index('ix_mentions_doc_entity', ['doc_entity_id'], unique=False)

    ddl = SQLITE_FTS if op.get_bind().dialect.name == "sqlite" else PG_FTS
    for statement in ddl:
        op.execute(statement)


def downgrade() -> None:
    drop = SQLITE_FTS_DROP if op.get_bind().dialect.name == "sqlite" else PG_FTS_DROP
    for statement in drop:
        op.execute(statement)
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index('ix_mentions_doc_entity')

    op.drop_table('mentions')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index('ix_quotes_speaker_folded')
        batch_op.drop_index('ix_quotes_speaker')
        batch_op.drop_index('ix_quotes_document')

    op.drop_table('quotes')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_target_id')
        batch_op.drop_index('ix_events_target')
        batch_op.drop_index('ix_events_source_id')
        batch_op.drop_index('ix_events_dyad')
        batch_op.drop_index('ix_events_document')

    op.drop_table('events')
    with op.batch_alter_table('doc_entities', schema=None) as batch_op:
        batch_op.drop_index('ix_doc_entities_entity')

    op.drop_table('doc_entities')
    with op.batch_alter_table('amounts', schema=None) as batch_op:
        batch_op.drop_index('ix_amounts_document')

    op.drop_table('amounts')
    op.drop_table('failures')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index('ix_entities_name_folded')
        batch_op.drop_index('ix_entities_country')

    op.drop_table('entities')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index('ix_documents_published')
        batch_op.drop_index('ix_documents_duplicate_of')

    op.drop_table('documents')
