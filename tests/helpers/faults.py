"""Faults for the fault tests: a real worker process to kill, a broker that refuses, a broker
that accepts and never answers (a stalled Redis)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (connections are refused)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@contextmanager
def stalled_server() -> Iterator[int]:
    """A TCP server on 127.0.0.1 that accepts connections and never answers: what a stopped
    (SIGSTOP) Redis looks like to a client. Yields its port."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    server.settimeout(0.2)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _addr = server.accept()
            except OSError:
                continue
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(2)
        for conn in held:
            conn.close()
        server.close()


@contextmanager
def broker_at(url: str) -> Iterator[None]:
    """Publish through the broker at `url` inside the block (the app's producer pools are
    rebuilt on the way in and out)."""
    from cchc_portal.celery import app

    def use(target: str) -> None:
        from kombu import pools

        app.conf.broker_url = target
        pools.reset()  # closes every pooled connection and forgets the pools
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_url
    use(url)
    try:
        yield
    finally:
        use(previous)


class WorkerProcess:
    """`celery -A cchc_portal worker` with a prefork pool of one process, in a subprocess, on
    its own queue, against the test database."""

    def __init__(self, *, database: str, redis_url: str, media: Path, log: Path) -> None:
        self.queue = f"cchc-fault-{os.getpid()}-{time.monotonic_ns()}"
        self.media = media
        self.log = log
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="cchc_portal.settings",
            DATABASE_URL=database,
            REDIS_URL=redis_url,
            MEDIA_ROOT=str(media),
            DEBUG="1",
            CCHC_JOB_HEARTBEAT_SECONDS="1",
        )
        celery = Path(sys.executable).with_name("celery")
        self._log_file = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                str(celery),
                "-A",
                "cchc_portal",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--queues",
                self.queue,
                "--hostname",
                f"{self.queue}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.output():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        pytest.fail(f"the worker did not start:\n{self.output()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self._log_file.close()
