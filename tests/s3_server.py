"""A real S3-compatible server on loopback for the artifact store's tests: moto's standalone
server (the ``moto[server]`` dev dependency) in a process of its own, spoken to over HTTP by
s3fs exactly as a bucket on AWS or MinIO would be. Nothing is mocked inside the test process:
requests, multipart uploads and their failures cross a socket, and the server's work does not
compete with the test's workers for its interpreter."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}
"""What the server accepts (any key), set in the environment as a deployment would."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _accepts(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def s3_server() -> Iterator[str]:
    """Start the server on a free loopback port; its endpoint URL until the block ends."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120  # bounds a hang, not a speed
        while not _accepts(port):
            assert server.poll() is None, f"moto's server exited with {server.returncode}"
            assert time.monotonic() < deadline, "moto's server did not start listening"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)
