"""YAML → plain Python data, keeping where every key and value stands in the file.

PyYAML's own loaders keep the last of two equal keys silently, expand aliases without
bound and can build arbitrary objects. Here the file is composed into nodes by the safe
loader, then walked by hand: duplicate keys, non-standard tags, merge keys and alias
bombs become problems with a line and column instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from atgt_cli.labels import t

Path = tuple[str | int, ...]
MAX_NODES = 100_000  # a plan has a few thousand; a "billion laughs" file has billions
MAX_DEPTH = 64

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALARS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


class _Loader(yaml.SafeLoader):
    """The safe loader without implicit timestamps: dates stay text, parsed by atgt."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class attribute
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based; 0 when the problem has no place in the file
    col: int
    path: str
    message: str


def path_text(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass
class Document:
    data: Any = None
    # Where each value (and each mapping key) starts: path → (line, col), 1-based.
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The position of path, or of its nearest ancestor present in the file."""
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _TooBig(Exception):
    def __init__(self, node: yaml.Node, path: Path, message: str) -> None:
        self.node, self.path, self.message = node, path, message


def read_yaml(text: str) -> Document:
    doc = Document()
    loader = None
    try:
        loader = _Loader(text)
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        detail = " ".join(str(s) for s in (exc.context, exc.problem) if s)
        doc.problems.append(Problem(line, col, "", t("yaml.syntax", detail=detail)))
        return doc
    except RecursionError:
        # PyYAML composes nested collections recursively: a few hundred levels of [[[…]]]
        # overflow the stack before _walk can count them.
        mark = loader.get_mark() if loader is not None else None
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        doc.problems.append(Problem(line, col, "", t("yaml.too_deep", limit=MAX_DEPTH)))
        return doc
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        line, col = _reader_position(text, exc)
        detail = str(exc).splitlines()[0]
        doc.problems.append(Problem(line, col, "", t("yaml.syntax", detail=detail)))
        return doc
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        doc.problems.append(Problem(1, 1, "", t("yaml.empty")))
        return doc
    counter = [0]
    try:
        doc.data = _walk(loader, root, (), doc, counter)
    except _TooBig as exc:
        line, col = _pos(exc.node)
        doc.problems.append(Problem(line, col, path_text(exc.path), exc.message))
        doc.data = None
    return doc


def _reader_position(text: str, exc: yaml.YAMLError) -> tuple[int, int]:
    offset = getattr(exc, "position", None)
    if not isinstance(offset, int):
        return 0, 0
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _walk(loader: _Loader, node: yaml.Node, path: Path, doc: Document, counter: list[int]) -> Any:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise _TooBig(node, path, t("yaml.too_big", limit=MAX_NODES))
    if len(path) > MAX_DEPTH:
        raise _TooBig(node, path[:3], t("yaml.too_deep", limit=MAX_DEPTH))
    doc.values[path] = _pos(node)

    def problem(message: str) -> None:
        line, col = _pos(node)
        doc.problems.append(Problem(line, col, path_text(path), message))

    if isinstance(node, yaml.ScalarNode):
        if node.tag not in _SCALARS:
            problem(t("yaml.tag", tag=node.tag))
            return None
        try:
            return loader.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            problem(t("yaml.bad_scalar", detail=str(exc).splitlines()[0]))
            return None
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            problem(t("yaml.tag", tag=node.tag))
            return None
        return [
            _walk(loader, child, (*path, i), doc, counter) for i, child in enumerate(node.value)
        ]
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            problem(t("yaml.tag", tag=node.tag))
            return None
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _pos(key_node)
                doc.problems.append(Problem(line, col, path_text(path), t("yaml.key_type")))
                continue
            key = str(key_node.value)
            if key_node.tag == "tag:yaml.org,2002:merge":
                line, col = _pos(key_node)
                doc.problems.append(Problem(line, col, path_text(path), t("yaml.merge")))
                continue
            child = (*path, key)
            if key in out:
                line, col = _pos(key_node)
                first = doc.keys[child][0]
                message = t("yaml.duplicate_key", key=key, line=first)
                doc.problems.append(Problem(line, col, path_text(child), message))
                continue
            doc.keys[child] = _pos(key_node)
            out[key] = _walk(loader, value_node, child, doc, counter)
        return out
    problem(t("yaml.tag", tag=node.tag))  # pragma: no cover - PyYAML has no other node kinds
    return None
