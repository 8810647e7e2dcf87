"""README's production command, run as written: production settings on the test
database and Redis, a page over HTTP and a websocket over the network.

The command is read from README.md ("Serving in production"), so the two cannot drift;
the address it listens on comes from gunicorn's own GUNICORN_CMD_ARGS, not from an
edit of the command.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shlex
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(__file__).resolve().parents[2]


def documented_command() -> str:
    """The first `gunicorn …` command of README's "Serving in production" section."""
    readme = (BASE_DIR / "README.md").read_text()
    section = readme.split("## Serving in production", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"`(gunicorn [^`]+)`", section.replace("\n  ", " "))
    assert commands, "README's 'Serving in production' names no gunicorn command"
    return commands[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory) -> Path:
    """`manage.py collectstatic` into a temporary STATIC_ROOT, as a deployment does
    (whitenoise's manifest storage needs it)."""
    root = tmp_path_factory.mktemp("static")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="false",
        SECRET_KEY="production-server-test-" + "x" * 40,
        STATIC_ROOT=str(root),
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    return root


@pytest.fixture
def production_env(static_root) -> dict[str, str]:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "GUNICORN"))}
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="false",
        SECRET_KEY="production-server-test-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"postgres://{auth}@{host}/{db['NAME']}",
        REDIS_URL=settings.REDIS_URL,
        SECURE_SSL_REDIRECT="false",
        SERVE_MEDIA="false",
        EMAIL_URL="smtp://127.0.0.1:2525",
        WAGTAILADMIN_BASE_URL="https://example.org",
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
    )
    return env


@pytest.fixture
def server(production_env, tmp_path):
    """The documented command, started in its own process group, stopped at the end."""
    port = _free_port()
    env = {**production_env, "GUNICORN_CMD_ARGS": f"--bind 127.0.0.1:{port} --timeout 60"}
    log = tmp_path / "server.log"
    process = subprocess.Popen(
        shlex.split(documented_command()),
        cwd=BASE_DIR,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url + "/boutique/", timeout=5).close()
            break
        except urllib.error.HTTPError:
            break  # it answers; the test looks at what
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the server did not start:\n{log.read_text()[-4000:]}")
            time.sleep(0.3)
    yield url, port, log
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- a websocket client over a plain socket (RFC 6455, enough for one exchange) ----------


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("closed by the server")
        data += chunk
    return data


def _read_frame(sock: socket.socket) -> tuple[int, bytes]:
    first, second = _recv_exact(sock, 2)
    length = second & 0x7F
    if length == 126:
        (length,) = struct.unpack("!H", _recv_exact(sock, 2))
    elif length == 127:
        (length,) = struct.unpack("!Q", _recv_exact(sock, 8))
    return first & 0x0F, _recv_exact(sock, length)


def _send_frame(sock: socket.socket, opcode: int, payload: bytes) -> None:
    mask = os.urandom(4)
    assert len(payload) < 126
    header = bytes([0x80 | opcode, 0x80 | len(payload)]) + mask
    sock.sendall(header + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def _open_websocket(port: int, path: str, origin: str) -> tuple[socket.socket, bytes]:
    sock = socket.create_connection(("127.0.0.1", port), timeout=15)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n"
        ).encode()
    )
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(1)
        if not chunk:
            break
        head += chunk
    return sock, head


def test_documented_command_serves_pages_and_websockets(server):
    url, port, log = server

    with urllib.request.urlopen(url + "/boutique/", timeout=15) as response:
        assert response.status == 200, log.read_text()[-4000:]
        page = response.read().decode()
    static = re.search(r'(/static/[^"\']+\.css)', page)
    assert static, "the page links no stylesheet"
    with urllib.request.urlopen(url + static.group(1), timeout=15) as response:
        assert response.status == 200

    sock, head = _open_websocket(port, "/ws/presence/", origin=url)
    try:
        assert head.startswith(b"HTTP/1.1 101"), head.decode(errors="replace")
        opcode, payload = _read_frame(sock)
        assert opcode == 0x1
        assert json.loads(payload)["type"] == "presence"
        _send_frame(sock, 0x1, json.dumps({"type": "ping"}).encode())
        while True:
            opcode, payload = _read_frame(sock)
            if opcode == 0x1 and json.loads(payload) == {"type": "pong"}:
                break
        _send_frame(sock, 0x8, struct.pack("!H", 1000))
    finally:
        sock.close()

    # Channels' origin check holds behind this server too.
    sock, head = _open_websocket(port, "/ws/presence/", origin="https://evil.example")
    sock.close()
    assert not head.startswith(b"HTTP/1.1 101")
