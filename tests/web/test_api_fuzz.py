"""schemathesis fuzzes every API call from the service's own OpenAPI document, as each role: never a 500, and every
error in the one error shape.

By default the same 10 inputs per call every run (a gate that cannot fail by chance); to hunt for more, run it with
``ALLYPLAN_FUZZ_EXAMPLES=200 ALLYPLAN_FUZZ_RANDOM=1``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from allyplan.web import create_app
from tests.web.conftest import PASSWORD, USERS, secret_scenario

EXAMPLES = int(os.environ.get("ALLYPLAN_FUZZ_EXAMPLES", "10"))
RANDOM = os.environ.get("ALLYPLAN_FUZZ_RANDOM") == "1"


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    app = create_app(str(db), secret="fuzz")
    for name, (role, party) in USERS.items():
        app.state.accounts.add(name, role, PASSWORD, party)
    app.state.service.store.import_path(secret_scenario(tmp_path_factory.mktemp("s")), who="coord")
    app.state.tokens = {n: app.state.accounts.new_token(n) for n in USERS}
    yield app
    app.state.service.engine.dispose()


def one_error_shape(ctx: Any, response: Any, case: Any) -> bool | None:
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}, body
        assert body["error"]["message"], body
    return None


def test_no_500_from_any_api_call(fuzz_app: Any) -> None:
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", fuzz_app)
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 30
    for op in operations:
        @given(case=op.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None,
                  derandomize=not RANDOM)  # by default the same inputs every run: a gate that cannot fail by chance
        def fuzz(case: Any) -> None:
            for who in ("view", "de", "coord"):  # the coordinator last: its changes do not hide the others' answers
                case.call_and_validate(headers={"Authorization": f"Bearer {fuzz_app.state.tokens[who]}"},
                                       checks=[checks.not_a_server_error, one_error_shape])

        fuzz()
