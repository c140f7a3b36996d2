"""Rebuild codes: a short string printed on every sheet from which `tutor worksheet --from-code`
rebuilds that sheet exactly.

A code carries the canonical spec (title, seed, number of versions, date, instructions, the
sections with their topics' generator versions, and the sheet options that differ from the
defaults) and the version number, as compact JSON, deflated with a fixed preset dictionary
(ZDICT: frozen once codes are printed: a new dictionary is a new FORMAT), then written in
base32 (A-Z, 2-7: QR alphanumeric mode, no confusable case) with a 16-bit checksum, in groups of
five letters. Reading it ignores case, spaces and hyphens; a mistyped letter fails the checksum.

When a spec's free text makes the code longer than MAX_CODE_CHARS, the code leaves out the
instructions, then custom section titles, then shortens the title, and its header says which
(`Decoded.left_out`), so a rebuild from it says what it could not restore.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from dataclasses import asdict, dataclass, fields
from typing import Any

from tutor.render.worksheet import SheetOptions

FORMAT = 1
MAX_CODE_CHARS = 360  # letters, without the group hyphens: a QR code of version 11 at most
TITLE_CUT = 40
GROUP = 5
LEFT_OUT = (
    (1, "the instructions"),
    (2, "the section titles"),
    (4, "the end of the title"),
)
ZDICT = "".join(
    (
        # words of titles and section titles teachers are likely to write
        "Week 1: derivatives Week 2: multivariate calculus Week 3: the multivariate chain rule ",
        "Week 4: Taylor series Week 5: optimisation Week 6: regression practice worksheet test ",
        "quiz homework revision Show your working. Give exact answers",
        # the payload's keys and option values
        '"o":{"answer_height":"answer_space":"blank""none""columns":2,"detail":"brief""full"',
        '"key":false,"paper":"letter","solutions":"appendix""inline""none"},"s":"t":"',
        '"d":"2026-"2027-"2028-"i":"n":1,"v":1,"x":[["',
        # topic keys (those of 2026; later ones still work, a few bytes longer)
        "first-principles power-sum product-rule quotient-rule exp-log trig-inverse ",
        "log-differentiation partial-derivatives mixed-partials directional-derivative jacobian ",
        "hessian total-derivative chain-matrix backprop-neuron backprop-two-layers taylor ",
        "maclaurin taylor-about-a taylor-two-variables linearisation stationary-points ",
        "lagrange-multipliers newton-raphson ",
        "chi-squared line-fit weighted-line-fit fit-gradient-step gradient-descent gradient ",
        'chain-rule",1,"e",1],["',
        '",1,"m",1],["',
        '",2,"h",1],["',
    )
).encode()


@dataclass(frozen=True)
class Decoded:
    payload: dict[str, Any]  # the canonical spec and the version (see `payload`)
    left_out: tuple[str, ...]  # what the code could not carry, in words


def payload(spec_fields: dict[str, Any], options: SheetOptions, version: int) -> dict[str, Any]:
    """The canonical form: `spec_fields` has t (title), s (seed), n (versions), d (date),
    i (instructions) and x (sections: [topic, count, difficulty letter, generator version,
    optional title]); options only where they differ from the defaults."""
    out = {key: value for key, value in spec_fields.items() if value not in ("", None)}
    defaults = asdict(SheetOptions())
    changed = {k: v for k, v in asdict(options).items() if v != defaults[k]}
    if changed:
        out["o"] = changed
    out["v"] = version
    return out


def _pack(data: dict[str, Any], flags: int) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, ZDICT)
    body = bytes([FORMAT << 4 | flags]) + deflate.compress(text.encode()) + deflate.flush()
    raw = body + hashlib.sha256(body).digest()[:2]
    return base64.b32encode(raw).decode().rstrip("=")


def encode(data: dict[str, Any]) -> str:
    """The code for a payload, shortened (and flagged) when its free text makes it too long."""
    flags, data = 0, dict(data)
    code = _pack(data, flags)
    for flag, _ in LEFT_OUT:
        if len(code) <= MAX_CODE_CHARS:
            break
        shorter, changed = _leave_out(data, flag)
        if changed and len(_pack(shorter, flags | flag)) < len(code):
            data, flags = shorter, flags | flag
            code = _pack(data, flags)
    return group(code)


def _leave_out(data: dict[str, Any], flag: int) -> tuple[dict[str, Any], bool]:
    data = dict(data)
    if flag == 1:
        return data, data.pop("i", None) is not None
    if flag == 2:
        sections = [row[:4] for row in data["x"]]
        changed = sections != data["x"]
        data["x"] = sections
        return data, changed
    if len(data.get("t", "")) > TITLE_CUT:
        data["t"] = data["t"][: TITLE_CUT - 1] + "…"
        return data, True
    return data, False


def group(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise(code: str) -> str:
    """The code as printed (upper case, groups of five), from whatever a person typed."""
    return group(_letters(code))


def _letters(code: str) -> str:
    letters = "".join(code.split()).replace("-", "").upper()
    if not letters:
        raise ValueError("rebuild code: the code is empty")
    bad = sorted({c for c in letters if c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"})
    if bad:
        raise ValueError(f"rebuild code: {bad[0]!r} is not one of the code's letters (A-Z, 2-7)")
    return letters


def decode(code: str) -> Decoded:
    """The payload a code carries; a one-line ValueError for a mistyped or foreign code."""
    letters = _letters(code)
    try:
        raw = base64.b32decode(letters + "=" * (-len(letters) % 8))
    except ValueError:
        raise ValueError(
            "rebuild code: the code has the wrong length (a letter missing?)"
        ) from None
    body, check = raw[:-2], raw[-2:]
    if len(body) < 2 or hashlib.sha256(body).digest()[:2] != check:
        raise ValueError("rebuild code: the checksum does not match (a mistyped letter?)")
    if body[0] >> 4 != FORMAT:
        raise ValueError(f"rebuild code: format {body[0] >> 4} is not one this tutor reads")
    try:
        inflate = zlib.decompressobj(-15, ZDICT)
        data = json.loads((inflate.decompress(body[1:]) + inflate.flush()).decode())
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("rebuild code: the code does not hold a worksheet") from None
    if not isinstance(data, dict):
        raise ValueError("rebuild code: the code does not hold a worksheet")
    flags = body[0] & 0x0F
    return Decoded(data, tuple(words for flag, words in LEFT_OUT if flags & flag))


def options_from(data: dict[str, Any]) -> SheetOptions:
    """The sheet options a payload carries (defaults for those it leaves out)."""
    changed = data.get("o", {})
    known = {f.name for f in fields(SheetOptions)}
    if not isinstance(changed, dict) or set(changed) - known:
        raise ValueError("rebuild code: the code's options are not ones this tutor knows")
    return SheetOptions(**changed)
