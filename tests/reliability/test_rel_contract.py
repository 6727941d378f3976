"""API contract: schemathesis generates requests for every operation of
`/openapi.json` of a real `svodka serve` over a store of real articles
(writes sent with the token), valid ones and invalid ones: no answer is a
5xx, and every answer matches the schema (status code, content type,
headers, body). Driven through hypothesis directly (schemathesis' pytest
plugin does not load under this pytest), one operation after another, so
every failing operation is reported."""
from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from live_server import serving

TOKEN = "contract-token-4d1e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Examples per operation and mode; bounded so the test stays near a minute.
EXAMPLES = {GenerationMode.POSITIVE: 20, GenerationMode.NEGATIVE: 8}


@pytest.fixture(scope="module")
def live(filled_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("contract") / "c.db"
    shutil.copy(filled_template, path)
    with serving(f"sqlite:///{path}", env={"SVODKA_TOKEN": TOKEN}) as (_, base):
        yield base


def _exercise(operation, mode, base: str) -> None:
    @settings(max_examples=EXAMPLES[mode], deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode, headers=AUTH))
    def run(case):
        # A schema-valid text may still fail the ingest checks of POST
        # /api/documents (not Russian, too short, `published` no date),
        # which JSON Schema cannot state: its 422 is documented, not a bug.
        excluded = ([positive_data_acceptance]
                    if (operation.method.upper(), operation.path) == ("POST", "/api/documents")
                    else [])
        response = case.call_and_validate(base_url=base, timeout=60, excluded_checks=excluded)
        assert response.status_code < 500, (case.method, case.formatted_path)
    run()


def test_every_operation_answers_per_its_schema_and_never_5xx(live):
    schema = schemathesis.openapi.from_url(f"{live}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    paths = {op.path for op in operations}
    assert {"/api/documents", "/api/documents/{key}", "/api/quotes", "/api/events",
            "/api/analyze"} <= paths
    failures = []
    for op in operations:
        for mode in EXAMPLES:
            try:
                _exercise(op, mode, live)
            except Exception as e:      # collect: report every failing operation
                failures.append(f"{op.method.upper()} {op.path} ({mode.value}): "
                                f"{str(e).strip()[:1500]}")
    assert not failures, "\n\n".join(failures)
