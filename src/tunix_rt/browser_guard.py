"""Refusals that keep a web page the user visits from using their browser against this server.

A server on loopback without tokens trusts whoever reaches it, and a browser on the same machine
reaches it on behalf of any site: by DNS rebinding (a hostile name resolving to 127.0.0.1 makes
the page same-origin with the server, so it may also read the answers) and by cross-site
requests that need no CORS preflight (a form post; a fetch with a safelisted Content-Type such
as text/plain). Three checks close those ways in:

* the ``Host`` header must name this server (``host_allowed``): 421 otherwise;
* a request that changes data and carries a foreign ``Origin`` is refused: 403;
* a body's ``Content-Type`` must be one its route declares (``check_body_type``): 415
  otherwise, so a JSON route never parses text/plain; and the one safelisted type a route
  takes, a multipart upload, also needs a header no cross-site form can send
  (``Authorization`` or ``X-Requested-With``) or a same-origin ``Origin``: 403 otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from email.message import Message
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.routing import APIRoute
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from tunix_rt.problems import problem

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
SAFELISTED_TYPES = frozenset({"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"})
"""Content types a cross-site page may send without a CORS preflight."""
PROOF_HEADERS = ("authorization", "x-requested-with")
"""Headers a cross-site form cannot send and a cross-site script cannot send without a preflight."""


def host_name(host: str) -> str:
    """The name part of a ``Host`` header or an address, lower case, IPv6 in brackets.

    >>> host_name("LocalHost:8000"), host_name("[::1]:8000"), host_name("::1"), host_name("10.0.0.2")
    ('localhost', '[::1]', '[::1]', '10.0.0.2')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1]
    if host.count(":") > 1:
        return f"[{host}]"
    return host.partition(":")[0]


def allowed_hosts(bind_host: str, extra: list[str]) -> frozenset[str] | None:
    """The host names the server answers to; None when ``extra`` holds ``*`` (any)."""
    if "*" in extra:
        return None
    return frozenset(host_name(name) for name in (bind_host, *LOOPBACK_NAMES, *extra))


def same_origin(origin: str, host: str) -> bool:
    """Whether an ``Origin`` names the host and port the request was sent to."""
    return urlsplit(origin).netloc.lower() == host.strip().lower()


def media_type(content_type: str | None) -> str | None:
    """The media type of a ``Content-Type`` header without its parameters, lower case."""
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    return message.get_content_type()


class BrowserGuardMiddleware:
    """Answers 421 to a ``Host`` not in the allowlist and 403 to a request that changes data
    from a foreign ``Origin`` (neither this server's nor one of ``trusted_origins``, the CORS
    origins), before anything is routed or read."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None, trusted_origins: list[str]) -> None:
        self.app = app
        self.hosts = hosts
        self.trusted_origins = frozenset(origin.rstrip("/").lower() for origin in trusted_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if self.hosts is not None and host_name(host) not in self.hosts:
            detail = (
                f"this server does not answer to Host '{host}'; "
                "add the name to TUNIX_RT_ALLOWED_HOSTS if it is this server's"
            )
            await problem(421, "Misdirected request", detail)(scope, receive, send)
            return
        origin = headers.get("origin")
        if (
            scope["method"] not in SAFE_METHODS
            and origin is not None
            and not same_origin(origin, host)
            and origin.lower() not in self.trusted_origins
        ):
            detail = f"a {scope['method']} from origin '{origin}' is refused; trusted origins are TUNIX_RT_CORS_ORIGINS"
            await problem(403, "Forbidden", detail)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def declared_body_types(route: object) -> frozenset[str]:
    """The content types a route takes: JSON for a route with a body model, else those its
    ``openapi_extra`` request body lists (routes that read the raw body declare it there)."""
    if not isinstance(route, APIRoute):
        return frozenset()
    types = set()
    if route.body_field is not None:
        types.add("application/json")
    request_body: Mapping[str, object] = (route.openapi_extra or {}).get("requestBody", {})
    content = request_body.get("content", {})
    if isinstance(content, Mapping):
        types.update(str(key) for key in content)
    return frozenset(types)


def _has_body(headers: Headers) -> bool:
    return headers.get("content-length", "0") != "0" or "transfer-encoding" in headers


async def check_body_type(request: Request) -> None:
    """A request that changes data sends its body as a type the route declares (415), and a
    safelisted type only with proof it is not a cross-site form (403). A route without a body,
    and a body-less request, pass: the route itself says if a body was required."""
    if request.method in SAFE_METHODS:
        return
    accepted = declared_body_types(request.scope.get("route"))
    headers = request.headers
    media = media_type(headers.get("content-type"))
    if not accepted or (media is None and not _has_body(headers)):
        return
    if media not in accepted:
        sent = f"'{media}'" if media else "a body without Content-Type"
        raise HTTPException(415, f"this route takes {' or '.join(sorted(accepted))}, not {sent}")
    if media in SAFELISTED_TYPES and not any(name in headers for name in PROOF_HEADERS):
        origin = headers.get("origin")
        if origin is None or not same_origin(origin, headers.get("host", "")):
            raise HTTPException(
                403,
                f"a {media} upload needs an Authorization or X-Requested-With header, or this server's own "
                "Origin, so that a cross-site form cannot send one",
            )
