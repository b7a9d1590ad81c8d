"""A throwaway PostgreSQL cluster for tests and benchmarks when no server URL is given.

The cluster lives in a temporary folder, listens on a free loopback port, runs with
durability off (it is thrown away) and is stopped and deleted on exit. PostgreSQL refuses
to run as root, so as root it runs as the ``postgres`` system user.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def find_bin_dir() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian keeps it off PATH)."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    if candidates:
        return candidates[-1].parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_cluster_user(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@dataclass(frozen=True)
class Cluster:
    """A running throwaway cluster: its asyncpg URL, and the means to restart it (fault tests)."""

    url: str
    data: Path
    log: Path
    bin_dir: Path

    def restart(self) -> None:
        """Stop the server (fast: connections are dropped, as in a real restart) and start it
        again with the same options, waiting until it accepts connections."""
        pg_ctl = [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-m", "fast", "-w"]
        subprocess.run(_as_cluster_user([*pg_ctl, "restart"]), check=True, capture_output=True)


@contextlib.contextmanager
def throwaway_cluster(database: str = "tunix_rt") -> Iterator[str]:
    """Start a cluster, create ``database``, yield its asyncpg URL, stop and delete it."""
    with running_cluster(database) as cluster:
        yield cluster.url


@contextlib.contextmanager
def running_cluster(database: str = "tunix_rt") -> Iterator[Cluster]:
    """Start a cluster, create ``database``, yield it, stop and delete it."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (no pg_ctl found); apt-get install postgresql")
    root = Path(tempfile.mkdtemp(prefix="tunix-rt-pg-"))
    data = root / "data"
    user = "postgres" if os.geteuid() == 0 else None
    if user:
        shutil.chown(root, user)
        root.chmod(0o700)
    port = _free_port()
    log = root / "server.log"
    try:
        subprocess.run(
            _as_cluster_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]),
            check=True,
            capture_output=True,
        )
        options = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        subprocess.run(
            _as_cluster_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]),
            check=True,
            capture_output=True,
        )
        subprocess.run(
            _as_cluster_user(
                [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", database]
            ),
            check=True,
            capture_output=True,
        )
        yield Cluster(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/{database}", data, log, bin_dir)
    except subprocess.CalledProcessError as exc:
        server_log = log.read_text() if log.exists() else ""
        raise RuntimeError(f"could not start PostgreSQL: {exc.stderr.decode()}\n{server_log}") from exc
    finally:
        subprocess.run(
            _as_cluster_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)
