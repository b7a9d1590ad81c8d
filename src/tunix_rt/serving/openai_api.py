"""An OpenAI-compatible API for one served model: ``GET /v1/models``, ``POST /v1/completions``
and ``POST /v1/chat/completions``, answered whole or streamed as server-sent events.

Any OpenAI client works against it (``base_url="http://127.0.0.1:8001/v1"``). Generation is the
project's own (``evaluation.generate``, one thread: ``engine.py``), so with ``temperature: 0``
a completion is exactly what evaluation generates for the same prompt. A chat request is
rendered as the model was trained (``generate.render_messages``: its chat template, else the
project's prompt template, with its system prompt); a completion's prompt is used as given.

Tokens and scopes are the main server's (``deps.authorize``, on the same database): once any
token exists every request needs one, ``GET`` needs ``read`` and generating (``POST``) needs
``write``, since it spends the machine; with none, only this machine is answered. An OpenAI
client must send some API key: on such an open loopback server a key that is no token (vLLM's
``EMPTY``) is taken as none. Every error is OpenAI's shape,
``{"error": {"message", "type", "param", "code"}}``, with 400 for any invalid input.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import orjson
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sse_starlette import EventSourceResponse
from starlette.exceptions import HTTPException

from tunix_rt import db
from tunix_rt.app import BodyLimitMiddleware
from tunix_rt.browser_guard import BrowserGuardMiddleware, allowed_hosts, check_body_type
from tunix_rt.deps import AppState, StateDep, authorize, is_loopback_client
from tunix_rt.errors import TunixError
from tunix_rt.evaluation.generate import Generation
from tunix_rt.metrics import Metrics
from tunix_rt.serving.engine import Ask, Done, Engine, Piece
from tunix_rt.serving.schema import ChatRequest, CompletionRequest, Sampled
from tunix_rt.settings import Settings

log = logging.getLogger(__name__)

COMPLETION_MAX_TOKENS = 16
"""A completion's ``max_tokens`` when the request gives none (OpenAI's default)."""
ERROR_TYPES = {
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    429: "rate_limit_error",
    500: "server_error",
    501: "server_error",
    507: "server_error",
}
"""OpenAI's error ``type`` by status; any other 4xx is an ``invalid_request_error``."""
_UNION_MEMBER = re.compile(r"(list|dict)\[.*\]|constrained-\w+|str|int|float|bool")
"""Names pydantic puts in an error's location for the member of a union that failed."""


class OpenAIError(Exception):
    """A refusal to answer in OpenAI's error shape."""

    def __init__(self, status: int, message: str, *, param: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.param, self.code = status, message, param, code


def error_response(
    status: int, message: str, *, param: str | None = None, code: str | None = None, headers: Any = None
) -> JSONResponse:
    kind = ERROR_TYPES.get(status, "invalid_request_error" if status < 500 else "server_error")
    body = {"error": {"message": message, "type": kind, "param": param, "code": code}}
    return JSONResponse(body, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(OpenAIError)
    async def _refused(_request: Request, exc: OpenAIError) -> JSONResponse:
        return error_response(exc.status, exc.message, param=exc.param, code=exc.code)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        # a value in a union (stop: a string or a list) fails each member; a member of another
        # type says only "not a string", so the member the value has the type of speaks first
        first = next((error for error in errors if not error["type"].endswith("_type")), errors[0])
        loc = [str(part) for part in first["loc"] if not _UNION_MEMBER.fullmatch(str(part))]
        param = ".".join(loc[1:] if loc[:1] == ["body"] else loc) or None
        if first["type"] == "extra_forbidden":
            message = f"'{param}' is not supported by this server"
        elif first["type"] == "json_invalid":
            message, param = "the body is not valid JSON", None
        else:
            message = f"{param}: {first['msg']}" if param else first["msg"]
        return error_response(400, message, param=param, code=first["type"])

    @app.exception_handler(HTTPException)
    async def _http(_request: Request, exc: HTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(TunixError)
    async def _domain(_request: Request, exc: TunixError) -> JSONResponse:
        return error_response(exc.status, exc.detail, headers=exc.headers())

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "the server failed; the error is in its log")


async def authorize_client(request: Request, state: StateDep) -> None:
    """``deps.authorize``, except that a bearer key on an open server (no token exists) from
    this machine is ignored: OpenAI clients always send one, and it can name no token here."""
    if not await state.auth_required() and is_loopback_client(request):
        return
    await authorize(request, state)


def _usage(prompt_tokens: int, outputs: Sequence[Generation]) -> dict[str, int]:
    completion = sum(output.tokens for output in outputs)
    return {"prompt_tokens": prompt_tokens, "completion_tokens": completion, "total_tokens": prompt_tokens + completion}


def _finish(output: Generation) -> str:
    """``length`` when the token budget cut the output off, else ``stop`` (EOS, the template's
    closing answer tag, or a stop sequence)."""
    return "length" if output.truncated else "stop"


def _sse(value: Any) -> dict[str, str]:
    return {"data": orjson.dumps(value).decode()}


class Server:
    """The routes' shared answers: the limits, the checks of a request, the rendering of prompts."""

    def __init__(self, engine: Engine, *, max_tokens: int, max_choices: int) -> None:
        self.engine = engine
        self.max_tokens = max_tokens
        self.max_choices = max_choices
        self.created = int(time.time())

    def model_card(self) -> dict[str, Any]:
        return {"id": self.engine.name, "object": "model", "created": self.created, "owned_by": "tunix-rt"}

    def ask(self, body: Sampled, rows: Sequence[str], max_tokens: int | None, prompt_param: str) -> Ask:
        """The request's generation settings, or a 400/404 naming what is wrong with it."""
        if body.model != self.engine.name:
            raise OpenAIError(
                404,
                f"the model '{body.model}' is not served here; this server serves '{self.engine.name}'",
                param="model",
                code="model_not_found",
            )
        budget = self.max_tokens if max_tokens is None else max_tokens
        if budget > self.max_tokens:
            raise OpenAIError(
                400,
                f"max_tokens is {budget}; this server generates at most {self.max_tokens} (its --max-tokens)",
                param="max_tokens",
                code="max_tokens_too_large",
            )
        if len(rows) > self.max_choices:
            raise OpenAIError(
                400,
                f"the request asks for {len(rows)} choices (prompts x n); this server answers at most "
                f"{self.max_choices} (its --max-choices)",
                param="n",
                code="too_many_choices",
            )
        positions = self.engine.loaded.max_positions
        longest = max(self.engine.count(row) for row in set(rows))
        if positions is not None and longest >= positions:
            raise OpenAIError(
                400,
                f"the prompt is {longest} tokens; this model reads at most {positions}, answer included",
                param=prompt_param,
                code="context_length_exceeded",
            )
        return Ask(budget, body.temperature, body.top_p, body.seed, body.stops)

    def prompt_tokens(self, prompts: Sequence[str]) -> int:
        return sum(self.engine.count(prompt) for prompt in prompts)

    def answer(
        self,
        kind: str,
        prefix: str,
        outputs: Sequence[Generation],
        prompts: Sequence[str],
        content: Callable[[Generation], dict[str, Any]],
    ) -> dict[str, Any]:
        """A whole (not streamed) answer of ``kind``: each output as a choice, whose text
        ``content`` places, with its finish reason; the usage of the request."""
        choices = [
            {"index": index, **content(output), "finish_reason": _finish(output), "logprobs": None}
            for index, output in enumerate(outputs)
        ]
        return {
            "id": f"{prefix}-{uuid.uuid4().hex}",
            "object": kind,
            "created": int(time.time()),
            "model": self.engine.name,
            "choices": choices,
            "usage": _usage(self.prompt_tokens(prompts), outputs),
        }


def _server(request: Request) -> Server:
    server: Server = request.app.state.server
    return server


def _events(server: Server, body: Sampled, prompts: Sequence[str], ask: Ask, *, chat: bool) -> EventSourceResponse:
    """The streamed answer: a chunk per piece of text (a chat choice opens with its role), a
    last chunk per choice with its finish reason, the usage when asked, then ``[DONE]``."""
    rows = [prompt for prompt in prompts for _ in range(body.n)]
    head = {
        "id": f"{'chatcmpl' if chat else 'cmpl'}-{uuid.uuid4().hex}",
        "object": "chat.completion.chunk" if chat else "text_completion",
        "created": int(time.time()),
        "model": server.engine.name,
    }

    def chunk(index: int, text: str | None, finish: str | None) -> dict[str, Any]:
        if chat:
            delta = {} if text is None else {"content": text}
            choice = {"index": index, "delta": delta, "finish_reason": finish, "logprobs": None}
        else:
            choice = {"index": index, "text": text or "", "finish_reason": finish, "logprobs": None}
        return {**head, "choices": [choice]}

    async def events() -> AsyncIterator[dict[str, str]]:
        outputs: list[Generation] = []
        opened: set[int] = set()
        async for item in server.engine.stream(rows, ask):
            if chat and item.index not in opened:
                opened.add(item.index)
                opening = chunk(item.index, "", None)
                opening["choices"][0]["delta"] = {"role": "assistant", "content": ""}
                yield _sse(opening)
            if isinstance(item, Piece):
                yield _sse(chunk(item.index, item.text, None))
            elif isinstance(item, Done):
                outputs.append(item.output)
                yield _sse(chunk(item.index, None, _finish(item.output)))
        if body.stream_options is not None and body.stream_options.include_usage:
            yield _sse({**head, "choices": [], "usage": _usage(server.prompt_tokens(prompts), outputs)})
        yield {"data": "[DONE]"}

    return EventSourceResponse(events())


router = APIRouter(prefix="/v1", tags=["openai"])


@router.get("/models")
async def list_models(request: Request) -> dict[str, Any]:
    """The one model this server serves."""
    return {"object": "list", "data": [_server(request).model_card()]}


@router.get("/models/{model_id:path}")
async def get_model(model_id: str, request: Request) -> dict[str, Any]:
    """The served model by its id; 404 for any other id."""
    server = _server(request)
    if model_id != server.engine.name:
        raise OpenAIError(404, f"the model '{model_id}' is not served here", param="model", code="model_not_found")
    return server.model_card()


@router.post("/completions", response_model=None)
async def completions(body: CompletionRequest, request: Request) -> dict[str, Any] | Response:
    """Continue each prompt as given (no template), ``n`` choices each."""
    server = _server(request)
    prompts = body.prompts
    rows = [prompt for prompt in prompts for _ in range(body.n)]
    ask = server.ask(body, rows, body.max_tokens or COMPLETION_MAX_TOKENS, "prompt")
    if body.stream:
        return _events(server, body, prompts, ask, chat=False)
    outputs = await server.engine.complete(rows, ask)
    return server.answer("text_completion", "cmpl", outputs, prompts, lambda output: {"text": output.text})


@router.post("/chat/completions", response_model=None)
async def chat_completions(body: ChatRequest, request: Request) -> dict[str, Any] | Response:
    """The assistant's next message in the conversation, ``n`` choices."""
    server = _server(request)
    prompt = server.engine.chat_prompt(body.turns)
    rows = [prompt] * body.n
    ask = server.ask(body, rows, body.max_completion_tokens or body.max_tokens, "messages")
    if body.stream:
        return _events(server, body, [prompt], ask, chat=True)
    outputs = await server.engine.complete(rows, ask)
    return server.answer(
        "chat.completion",
        "chatcmpl",
        outputs,
        [prompt],
        lambda output: {"message": {"role": "assistant", "content": output.text}},
    )


def create_app(
    engine: Engine, settings: Settings, *, max_tokens: int, max_choices: int, migrate: bool = True
) -> FastAPI:
    """The API for ``engine``'s model, authorising against ``settings``' database and tokens."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with db.open_database(settings.resolved_database_url, migrate=migrate) as database:
            app.state.tunix = AppState.on(settings, database, Metrics())
            try:
                yield
            finally:
                await app.state.tunix.token_use.drain()
                engine.close()

    app = FastAPI(title="tunix-rt OpenAI-compatible API", lifespan=lifespan, docs_url="/docs", redoc_url=None)
    app.state.server = Server(engine, max_tokens=max_tokens, max_choices=max_choices)
    _install_error_handlers(app)
    app.include_router(router, dependencies=[Depends(authorize_client), Depends(check_body_type)])

    @app.get("/health")
    async def health() -> dict[str, str]:
        """Liveness, open without a token so probes work."""
        return {"status": "ok", "model": engine.name}

    app.add_middleware(BodyLimitMiddleware, default_limit=settings.max_body_bytes, limits_by_path={})
    app.add_middleware(
        BrowserGuardMiddleware,
        hosts=allowed_hosts(settings.host, settings.allowed_hosts),
        trusted_origins=settings.cors_origins,
    )
    return app
