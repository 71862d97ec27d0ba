"""Waiting for a real Celery worker, without timing anything: the one sleep-and-poll loop of
the suite (`wait_until`) and a gate that holds the worker's tasks (`tasks_held`)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from celery.signals import task_prerun


def wait_until[T](
    predicate: Callable[[], T],
    *,
    timeout: float = 60.0,
    message: str | Callable[[], str],
    interval: float = 0.2,
) -> T:
    """Call `predicate` until it returns a truthy value and return that value; fail the test
    with `message` when `timeout` seconds pass first. `message` may be a callable, evaluated
    at the failure (to report the last state)."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() >= deadline:
            pytest.fail(f"after {timeout:g} s: {message() if callable(message) else message}")
        time.sleep(interval)


@contextmanager
def tasks_held(timeout: float = 60.0) -> Iterator[None]:
    """Inside the block, every task the worker starts waits before it runs (at most `timeout`
    seconds) until the block ends: what the code under test does meanwhile provably does not
    wait for the task. An eager (in-request) run would wait here too, and the test would see
    an unfinished job only after the timeout, i.e. not at all."""
    gate = threading.Event()

    def hold(**_kwargs: object) -> None:
        gate.wait(timeout)

    task_prerun.connect(hold, weak=False)
    try:
        yield
    finally:
        gate.set()
        task_prerun.disconnect(hold)
