"""E-mail transport from the environment: the console by default, SMTP when EMAIL_HOST is set
(here a tiny SMTP server on 127.0.0.1 receives the message for real)."""

from __future__ import annotations

import os
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEND = (
    "from django.core.mail import send_mail; "
    "send_mail('Chủ đề thử', 'Nội dung thử', None, ['nhan@example.vn'])"
)


def run_shell(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    clean.update({"DEBUG": "1", **env})
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SEND],
        capture_output=True,
        text=True,
        env=clean,
        cwd=ROOT,
        timeout=60,
    )


class SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for one message: EHLO, MAIL, RCPT, DATA, QUIT."""

    received: list[bytes] = []

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 test ESMTP")
        while line := self.rfile.readline():
            cmd = line.strip().upper()
            if cmd.startswith((b"EHLO", b"HELO")):
                self.reply("250 test")
            elif cmd == b"DATA":
                self.reply("354 go on")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk
                SMTPHandler.received.append(data)
                self.reply("250 queued")
            elif cmd == b"QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


def test_console_backend_by_default():
    result = run_shell()
    assert result.returncode == 0, result.stderr
    assert "To: nhan@example.vn" in result.stdout


def test_smtp_when_email_host_is_set():
    server = socketserver.TCPServer(("127.0.0.1", 0), SMTPHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = run_shell(
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(server.server_address[1]),
            DEFAULT_FROM_EMAIL="cchc@tinh.gov.vn",
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    assert "To: nhan@example.vn" not in result.stdout  # not printed: sent
    assert len(SMTPHandler.received) == 1
    message = SMTPHandler.received[0].decode()
    assert "From: cchc@tinh.gov.vn" in message and "To: nhan@example.vn" in message
