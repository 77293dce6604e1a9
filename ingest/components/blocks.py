"""What the components ask of the layout's blocks: list entries and the entries they nest in."""

from __future__ import annotations

from ingest.model import Structure

__all__ = ["is_item", "parent_item"]


def is_item(structure: Structure, k: int) -> bool:
    """Whether block ``k`` is a list entry (by kind, or by the bullet it starts with)."""
    if k < 0:
        return False
    block = structure.blocks[k]
    return block.kind == "item" or structure.clean.text[block.start : block.start + 1] in "-*•·◦"


def _indent(text: str, pos: int) -> int:
    line = text.rfind("\n", 0, pos) + 1
    return len(text[line:pos].expandtabs()) - len(text[line:pos].expandtabs().lstrip())


def parent_item(structure: Structure, k: int, limit: int = 300) -> str | None:
    """The text of the list entry that entry ``k`` is nested in (``None`` if it is not):
    what a short answer under it ("Agreement.", "Approved") settles."""
    if k < 0 or not is_item(structure, k):
        return None
    text = structure.clean.text
    own = _indent(text, structure.blocks[k].start)
    for j in range(k - 1, max(-1, k - 50), -1):
        block = structure.blocks[j]
        if block.kind == "heading":
            return None
        if is_item(structure, j) and _indent(text, block.start) < own:
            end = min(block.end, structure.blocks[j + 1].start, block.start + limit)
            words = " ".join(text[block.start : end].split()).lstrip("-*•0123456789.) ")
            return words or None
    return None
