"""Real processes for tests: `aura serve`, `aura worker`, and private Redis/PostgreSQL servers
that a test may kill and restart without disturbing the machine's own."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.support.servers import wait_until


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _stop(process: subprocess.Popen[bytes], grace: float = 20) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


@dataclass
class AuraProcesses:
    """`aura serve` and `aura worker` processes sharing one environment."""

    env: dict[str, str]
    logs: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def _spawn(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        with (self.logs / f"{name}.log").open("ab") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "aura.cli.main", *args],
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.processes.append(process)
        return process

    def api(self, name: str = "api", port: int | None = None) -> str:
        port = port or free_port()
        self._spawn(name, "serve", "--port", str(port))
        assert wait_until(lambda: _healthy(port), timeout=90), self.log(name)
        return f"http://127.0.0.1:{port}"

    def worker(self, name: str = "worker") -> subprocess.Popen[bytes]:
        process = self._spawn(name, "worker")
        assert wait_until(
            lambda: "worker started" in self.log(name) or process.poll() is not None, timeout=30
        ), self.log(name)
        assert process.poll() is None, self.log(name)
        return process

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def all_logs(self) -> str:
        return "\n".join(
            f"==== {p.name}\n{p.read_text(errors='replace')}" for p in self.logs.glob("*.log")
        )

    def stop_all(self) -> None:
        for process in self.processes:
            _stop(process)


@contextmanager
def aura_processes(env: dict[str, str], logs: Path) -> Iterator[AuraProcesses]:
    logs.mkdir(parents=True, exist_ok=True)
    group = AuraProcesses(env={**os.environ, **env}, logs=logs)
    try:
        yield group
    finally:
        group.stop_all()


@dataclass
class RedisServer:
    port: int
    directory: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_until(self._answers, timeout=15), "redis-server did not start"

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait()

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@contextmanager
def private_redis(directory: Path) -> Iterator[RedisServer]:
    if shutil.which("redis-server") is None:
        raise RuntimeError("redis-server is not installed")
    server = RedisServer(free_port(), directory)
    server.start()
    try:
        yield server
    finally:
        if server.process is not None and server.process.poll() is None:
            server.kill()


def _postgres_bin() -> Path:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not candidates:
        raise RuntimeError("PostgreSQL server binaries are not installed")
    return candidates[-1].parent


@dataclass
class PostgresServer:
    port: int
    data: Path
    bin: Path

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/aura"

    def _as_postgres(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True)

    def ctl(self, action: str) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-w",
            "-m",
            "fast",
            "-l",
            str(self.data / "server.log"),
            action,
        )


@contextmanager
def private_postgres() -> Iterator[PostgresServer]:
    """A throw-away PostgreSQL cluster on a free port, with a database named ``aura``.

    Its directory is outside pytest's tmp_path: the server runs as ``postgres``, which
    cannot enter root's private temporary directories.
    """
    directory = Path(tempfile.mkdtemp(prefix="aura-pg-"))
    data = directory / "pgdata"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres")
        shutil.chown(data, "postgres")
    server = PostgresServer(free_port(), data, _postgres_bin())
    server._as_postgres(
        str(server.bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"
    )
    server.ctl("start")
    try:
        server._as_postgres(
            str(server.bin / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(server.port),
            "-U",
            "postgres",
            "aura",
        )
        yield server
    finally:
        with suppress(subprocess.CalledProcessError):
            server.ctl("stop")
        shutil.rmtree(directory, ignore_errors=True)
