"""A small SMTP server on 127.0.0.1 that keeps every message it accepts (no TLS, no login):
the outside world of the e-mail channel in tests."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage


@dataclass
class Mailbox:
    host: str = "127.0.0.1"
    port: int = 0
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    mailbox: Mailbox


class _Session(socketserver.StreamRequestHandler):
    server: _Server

    def _say(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self._say("220 test.local ESMTP")
        sender, recipients = "", []
        while raw := self.rfile.readline():
            command = raw.decode("ascii", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self._say("250-test.local")
                self._say("250 8BITMIME")
            elif verb == "HELO" or verb in ("NOOP", "RSET"):
                sender, recipients = ("", []) if verb == "RSET" else (sender, recipients)
                self._say("250 OK")
            elif verb == "MAIL":
                sender = command.split(":", 1)[1].strip().strip("<>").split(">")[0]
                self._say("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                self._say("250 OK")
            elif verb == "DATA":
                self._say("354 End data with <CR><LF>.<CR><LF>")
                data = bytearray()
                while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    data += line[1:] if line.startswith(b"..") else line
                message = message_from_bytes(bytes(data), policy=policy.default)
                assert isinstance(message, EmailMessage)
                self.server.mailbox.messages.append(message)
                self.server.mailbox.envelopes.append((sender, recipients))
                sender, recipients = "", []
                self._say("250 OK: queued")
            elif verb == "QUIT":
                self._say("221 Bye")
                return
            else:
                self._say("502 Command not implemented")


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    mailbox = Mailbox()
    server = _Server(("127.0.0.1", 0), _Session)
    server.mailbox = mailbox
    mailbox.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield mailbox
    finally:
        server.shutdown()
        server.server_close()
