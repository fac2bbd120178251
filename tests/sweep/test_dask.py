"""The Dask engine on a LocalCluster (processes, two workers, loopback, no dashboard): the same results as in
this process, and a worker killed mid-sweep loses nothing."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from allyplan.sweep import default_spec, prepare_sweep, run_sweep
from allyplan.sweep.runner import SweepProgress
from tests.sweep.test_runner import same

distributed = pytest.importorskip("distributed")

LIMIT_S = 240  # the whole test, cluster start and stop included


@pytest.fixture
def deadline() -> Iterator[None]:
    def expired(*_: Any) -> None:
        raise TimeoutError(f"the Dask test took more than {LIMIT_S} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(LIMIT_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_a_worker_killed_mid_sweep_loses_nothing(example, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  deadline: None) -> None:
    s, plan = example
    opts: dict[str, Any] = {"samples": 20, "seed": 2, "fixed": plan, "chunk_size": 1, "sensitivity_samples": 20}
    ref = prepare_sweep(tmp_path / "ref", s, default_spec(), **opts)
    assert run_sweep(ref, workers=1).complete
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        pids: dict[str, int] = client.run(os.getpid)
        killed: list[str] = []

        def kill_one(p: SweepProgress) -> None:
            if p.done >= 1 and not killed:
                busy = [w for w, keys in client.processing().items() if keys]
                if busy:
                    killed.append(busy[0])
                    os.kill(pids[busy[0]], signal.SIGKILL)

        setup = prepare_sweep(tmp_path / "dask", s, default_spec(), **opts)
        res = run_sweep(setup, scheduler=cluster.scheduler_address, progress=kill_one)
    assert killed, "no worker was busy after the first chunk: the test killed nothing"
    assert res.complete and res.done == 20
    same(tmp_path / "ref", tmp_path / "dask")


def test_local_cluster_scheduler_gives_the_same_results(example, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        deadline: None) -> None:
    s, p = example
    a = prepare_sweep(tmp_path / "a", s, default_spec(), samples=20, seed=9, fixed=p, chunk_size=10,
                      sensitivity_samples=10)
    run_sweep(a, workers=1)
    b = prepare_sweep(tmp_path / "b", s, default_spec(), samples=20, seed=9, fixed=p, chunk_size=10,
                      sensitivity_samples=10)
    res = run_sweep(b, scheduler="local:2")
    assert res.complete and res.engine == "dask local:2"
    same(tmp_path / "a", tmp_path / "b")
