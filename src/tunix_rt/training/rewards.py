"""GRPO reward functions: pure and batched, ``(completions, **columns) -> list[float]``.

Both backends call a reward function with the same arguments (``score``), whatever their trainer
hands over (TRL adds its state and logging hooks, Tunix only what the batch carries):

* ``completions``: the generated texts, ``list[str]``;
* ``prompts``: for each completion, the conversation it answers (the system and user messages,
  ``[{"role": ..., "content": ...}, ...]``), as the dataset renders it before the chat template;
* the dataset's columns, one value per completion: ``answer``, the expected final answer;
* ``step``: the optimizer step being trained, from 1;
* ``template``: the run's render template, and the spec's ``options``, bound by ``bind``.

A function takes the ones it uses by name and absorbs the rest with ``**_``, so format,
correctness and evaluation read the same tags and a new argument breaks no function.

>>> t = RenderTemplate()
>>> format_reward(["<reasoning>2+2=4</reasoning><answer>4</answer>", "4"], template=t)
[1.0, 0.0]
>>> correctness_reward(["<reasoning>x</reasoning><answer>4</answer>", "<answer>5</answer>"], answer=["4", "4"])
[1.0, 0.0]

Which rewards a run may name is decided by the server, never by the client (a client naming
``os:system`` must not get it imported and called with options of its choosing): the built-in
ones below; those installed packages register under the entry point group ``tunix_rt.rewards``
(``[project.entry-points."tunix_rt.rewards"] my_reward = "my_package.rewards:my_reward"``); and the
public top-level functions of the ``.py`` files in the reward folders (``rewards/`` in the data
home and ``TUNIX_RT_REWARD_DIRS``), named ``file:function``. Anything else is refused at submit
with the list of what is available (``refuse_unknown``), and again where the run would load it.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.errors import Invalid
from tunix_rt.evaluation.answers import check_output

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "tunix_rt.rewards"
Completion = str | Sequence[Mapping[str, Any]]
Conversation = Sequence[Mapping[str, Any]]
RewardFunction = Callable[..., list[float]]


def score(
    function: RewardFunction,
    completions: Sequence[Completion],
    prompts: Sequence[Conversation],
    columns: Mapping[str, Sequence[Any]],
    step: int,
) -> tuple[list[str], list[float]]:
    """The completions' texts and their scores by ``function``, called with the arguments the
    module docstring lists, the same on both backends.

    >>> score(length_reward, ["abc"], [[{"role": "user", "content": "?"}]], {"answer": ["3"]}, 1)
    (['abc'], [1.0])
    """
    texts = [completion_text(completion) for completion in completions]
    conversations = [[dict(message) for message in prompt] for prompt in prompts]
    arguments = {name: list(values) for name, values in columns.items()}
    return texts, [float(value) for value in function(texts, prompts=conversations, step=step, **arguments)]


def column_names(example: Mapping[str, Any]) -> list[str]:
    """The columns of a training example a reward function receives: all but the prompt (given
    as ``prompts``) and the reference completion (the answer to the question being scored)."""
    return [name for name in example if name not in ("prompt", "completion")]


def completion_text(completion: Completion) -> str:
    """The text of a completion: itself, or the content of its messages (conversational data)."""
    if isinstance(completion, str):
        return completion
    return "".join(str(message.get("content", "")) for message in completion)


def format_reward(
    completions: Sequence[Completion], *, template: RenderTemplate | None = None, **_: Any
) -> list[float]:
    """1.0 when the text is reasoning then answer, each tag once, in order, nothing after the
    answer; 0.5 when only the answer tags are present and well-formed; else 0.0.

    >>> format_reward(["<answer>4</answer>"])
    [0.5]
    """
    t = template or RenderTemplate()
    full = re.compile(
        rf"\s*{re.escape(t.reasoning_open)}(?:(?!{re.escape(t.reasoning_open)}).)*?{re.escape(t.reasoning_close)}"
        rf"\s*{re.escape(t.separator)}\s*{re.escape(t.answer_open)}(?:(?!{re.escape(t.answer_open)}).)*?"
        rf"{re.escape(t.answer_close)}\s*",
        re.DOTALL,
    )
    scores = []
    for completion in completions:
        text = completion_text(completion)
        if full.fullmatch(text) and text.count(t.answer_open) == 1:
            scores.append(1.0)
        elif text.count(t.answer_open) == 1 and text.count(t.answer_close) == 1 and t.extract_answer(text) is not None:
            scores.append(0.5)
        else:
            scores.append(0.0)
    return scores


def correctness_reward(
    completions: Sequence[Completion],
    *,
    answer: Sequence[str],
    template: RenderTemplate | None = None,
    **_: Any,
) -> list[float]:
    """1.0 when the tagged answer equals the expected one (the evaluation's strict check), 0.5
    when only the lenient check passes, else 0.0 (an unclosed reasoning span included: the same
    reading as evaluation's, ``check_output``); math-verify is skipped to keep the loop fast.

    >>> correctness_reward(["<answer>0.5</answer>"], answer=["1/2"])
    [0.5]
    """
    t = template or RenderTemplate()
    scores = []
    for completion, expected in zip(completions, answer, strict=True):
        verdict = check_output(completion_text(completion), expected, t, symbolic=False)
        scores.append(1.0 if verdict.strict else 0.5 if verdict.lenient else 0.0)
    return scores


def length_reward(completions: Sequence[Completion], *, max_chars: int = 400, **_: Any) -> list[float]:
    """1.0 up to ``max_chars`` characters, falling linearly to 0.0 at twice that: shapes toward
    reasoning that stays short.

    >>> length_reward(["x" * 10, "x" * 600, "x" * 900], max_chars=400)
    [1.0, 0.5, 0.0]
    """
    scores = []
    for completion in completions:
        over = max(0, len(completion_text(completion)) - max_chars)
        scores.append(max(0.0, 1.0 - over / max_chars))
    return scores


BUILTIN_REWARDS: dict[str, RewardFunction] = {
    "format": format_reward,
    "correctness": correctness_reward,
    "length": length_reward,
}


def _entry_points() -> dict[str, importlib.metadata.EntryPoint]:
    return {entry.name: entry for entry in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)}


def _folder_rewards(folders: Sequence[Path]) -> dict[str, Path]:
    """``file:function`` -> file, for each public top-level function of each ``.py`` file in
    ``folders`` (the first folder wins a name). Read with ``ast``, so listing and checking names
    at submit never runs the files' code in the server."""
    found: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.py")) if folder.is_dir() else []:
            try:
                tree = ast.parse(path.read_bytes(), filename=str(path))
            except (OSError, SyntaxError, ValueError) as exc:
                log.warning("reward file %s is skipped: %s", path, exc)
                continue
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                    found.setdefault(f"{path.stem}:{node.name}", path)
    return found


def available(folders: Sequence[Path]) -> list[str]:
    """Every reward name a run may use: built-in, entry points, and the reward folders' functions."""
    return sorted({*BUILTIN_REWARDS, *_entry_points(), *_folder_rewards(folders)})


def refuse_unknown(names: Sequence[str], folders: Sequence[Path], loc: Sequence[str | int]) -> None:
    """Refuse (422) the names that are not available, each blamed at ``loc + [index, "name"]``,
    listing the available ones in the problem's ``available``."""
    known = available(folders)
    unknown = [(index, name) for index, name in enumerate(names) if name not in known]
    if unknown:
        listed = ", ".join(known)
        raise Invalid(
            f"unknown reward(s) {', '.join(repr(name) for _, name in unknown)}; available: {listed}",
            errors=[
                {"loc": [*loc, index, "name"], "msg": f"unknown reward; available: {listed}", "type": "unknown_reward"}
                for index, _ in unknown
            ],
            available=known,
        )


def resolve(name: str, folders: Sequence[Path]) -> RewardFunction:
    """The reward function a name stands for (see the module docstring); unknown is 422."""
    if name in BUILTIN_REWARDS:
        return BUILTIN_REWARDS[name]
    entry = _entry_points().get(name)
    path = _folder_rewards(folders).get(name)
    if entry is not None:
        function = entry.load()
    elif path is not None:
        spec = importlib.util.spec_from_file_location(f"tunix_rt_reward_{path.stem}", path)
        if spec is None or spec.loader is None:
            raise Invalid(f"reward file {path} cannot be loaded")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        function = getattr(module, name.partition(":")[2])
    else:
        raise Invalid(f"unknown reward '{name}'; available: {', '.join(available(folders))}")
    if not callable(function):
        raise Invalid(f"reward '{name}' is not callable")
    return function  # type: ignore[no-any-return]


def bind(name: str, options: Mapping[str, Any], template: RenderTemplate, folders: Sequence[Path]) -> RewardFunction:
    """The reward with the run's template and its options bound; TRL logs it under the
    function's own name (``rewards/format_reward/mean``)."""
    return partial(resolve(name, folders), **{"template": template, **options})
