"""The request bodies of the OpenAI-compatible routes, as OpenAI's API documents them, less what
this server cannot honour: a parameter it does not know (``logprobs``, penalties, tools) is
refused by name (400) rather than silently ignored, so a client never believes it got what it
asked for. Answers are built as plain dicts in ``openai_api.py``, in OpenAI's shapes.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_STOP = 4
"""Stop sequences one request may give (OpenAI's limit)."""

StopSequence = Annotated[str, StringConstraints(min_length=1, max_length=256)]


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    include_usage: bool = Field(False, description="Send a last chunk with the usage of the whole request.")


class Sampled(BaseModel):
    """What both routes take: the model, how many tokens, how to sample, when to stop."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(min_length=1, description="The served model's id (GET /v1/models).")
    max_tokens: int | None = Field(None, ge=1, description="Most tokens generated per choice.")
    temperature: float = Field(1.0, ge=0.0, le=2.0, description="0 is greedy; above 0 samples.")
    top_p: float = Field(1.0, gt=0.0, le=1.0, description="Nucleus sampling mass.")
    n: int = Field(1, ge=1, description="Choices per prompt.")
    stop: StopSequence | Annotated[list[StopSequence], Field(max_length=MAX_STOP)] | None = Field(
        None, description="Up to 4 sequences that end a choice (left out of its text)."
    )
    seed: int | None = Field(None, ge=0, le=2**63 - 1, description="Seed of sampling; random when unset.")
    stream: bool = Field(False, description="Answer as server-sent events, piece by piece.")
    stream_options: StreamOptions | None = Field(None, description="Options of a streamed answer.")
    user: str | None = Field(None, description="The end user, as OpenAI takes it; recorded nowhere.")

    @property
    def stops(self) -> list[str]:
        if self.stop is None:
            return []
        return [self.stop] if isinstance(self.stop, str) else list(self.stop)


class CompletionRequest(Sampled):
    """``POST /v1/completions``: text in, the model's continuation out (no template applied)."""

    prompt: str | Annotated[list[Annotated[str, StringConstraints(min_length=1)]], Field(min_length=1)] = Field(
        description="A prompt, or a list of prompts (each gets n choices)."
    )

    @property
    def prompts(self) -> list[str]:
        return [self.prompt] if isinstance(self.prompt, str) else list(self.prompt)


class TextPart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["text"]
    text: str


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["system", "developer", "user", "assistant"] = Field(
        description="developer is taken as system, as OpenAI's newer models name it."
    )
    content: str | list[TextPart] = Field(description="Text, or text parts (joined).")
    name: str | None = Field(None, description="Accepted and not used.")

    @property
    def text(self) -> str:
        return self.content if isinstance(self.content, str) else "".join(part.text for part in self.content)


class ChatRequest(Sampled):
    """``POST /v1/chat/completions``: a conversation in, rendered with the model's chat template
    (or the project's prompt template), the assistant's next message out."""

    messages: list[Message] = Field(min_length=1, description="The conversation so far.")
    max_completion_tokens: int | None = Field(None, ge=1, description="OpenAI's newer name for max_tokens.")

    @property
    def turns(self) -> list[dict[str, str]]:
        return [
            {"role": "system" if message.role == "developer" else message.role, "content": message.text}
            for message in self.messages
        ]
