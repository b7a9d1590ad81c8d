"""A real S3-compatible server on loopback for the artifact store's tests: moto's standalone
server (the ``moto[server]`` dev dependency), spoken to over HTTP by s3fs exactly as a bucket on
AWS or MinIO would be. Nothing is mocked inside the process: requests, multipart uploads and their
failures cross a socket."""

from __future__ import annotations

import socket
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


@contextmanager
def s3_server() -> Iterator[str]:
    """Start the server on a free loopback port; its endpoint URL until the block ends."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
