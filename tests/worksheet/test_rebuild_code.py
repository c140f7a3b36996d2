"""Rebuild codes: compact, checked, tolerant of how people type them; --from-code rebuilds."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from conftest import DATE, file_of, make_job, pdf_text

from tutor.cli import main
from tutor.render.worksheet import SheetOptions
from tutor.worksheet.code import MAX_CODE_CHARS, decode, encode, normalise, options_from, payload
from tutor.worksheet.options import spec_fields, spec_from_fields


def code_for(job, version=1):
    return encode(payload(spec_fields(job.spec), job.sheet, version))


def test_round_trip_of_spec_and_options():
    job = make_job(versions=3, columns=2, paper="letter", solutions="appendix", instructions="Go")
    code = code_for(job, 2)
    assert re.fullmatch(r"[A-Z2-7]{1,5}(-[A-Z2-7]{1,5})*", code)
    decoded = decode(code)
    assert decoded.left_out == () and decoded.payload["v"] == 2
    assert spec_from_fields(decoded.payload) == job.spec
    assert options_from(decoded.payload) == job.sheet
    assert decoded.payload["d"] == DATE


def test_defaults_make_short_codes():
    code = code_for(make_job(topics=["chain-rule"], count=5))
    assert len(code.replace("-", "")) < 100
    assert "o" not in decode(code).payload  # default options are not carried


def test_typing_tolerance_and_checksum():
    code = code_for(make_job())
    assert decode(code.lower().replace("-", " ")).payload == decode(code).payload
    assert normalise(code.lower().replace("-", "")) == code
    letters = code.replace("-", "")
    wrong = letters[:10] + ("A" if letters[10] != "A" else "B") + letters[11:]
    with pytest.raises(ValueError, match="checksum"):
        decode(wrong)
    with pytest.raises(ValueError, match="letters"):
        decode(letters[:5] + "0" + letters[6:])
    with pytest.raises(ValueError, match="empty"):
        decode(" - ")


def test_long_free_text_is_left_out_and_said():
    instructions = " ".join(f"word{i}" for i in range(200))
    job = make_job(instructions=instructions, title="T " * 60)
    code = code_for(job)
    assert len(code.replace("-", "")) <= MAX_CODE_CHARS
    decoded = decode(code)
    assert "the instructions" in decoded.left_out
    assert "i" not in decoded.payload


def _forged(data: bytes) -> str:
    """A code with a valid checksum around any bytes (what a hostile code could carry)."""
    import zlib

    from tutor.worksheet.code import ZDICT

    deflate = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, ZDICT)
    body = bytes([0x10]) + deflate.compress(data) + deflate.flush()
    raw = body + hashlib.sha256(body).digest()[:2]
    return base64.b32encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "data,message",
    [
        (b"[1, 2]", "does not hold"),
        (b'{"t": "x"}', "not complete"),
        (b'{"t":"x","s":1,"n":2,"v":3,"d":"","x":[["chain-rule",1,"m",1]]}', "out of range"),
        (b'{"t":"x","s":1,"n":1,"v":1,"d":"","x":[["chain-rule",999999,"m",1]]}', "count"),
        (b'{"t":"x","s":1,"n":1,"v":1,"d":"","x":[["nope",1,"m",1]]}', "unknown topic"),
        (b'{"t":"x","s":1,"n":1,"v":1,"d":"","x":[["chain-rule",1,"m",99]]}', "version 99"),
    ],
)
def test_forged_codes_are_refused_in_one_line(data, message):
    from tutor.worksheet.code import decode as read

    with pytest.raises(ValueError, match=message) as error:
        spec_from_fields(read(_forged(data)).payload)
    assert "\n" not in str(error.value)


def test_unknown_options_in_a_code_are_refused():
    data = b'{"t":"x","s":1,"n":1,"v":1,"d":"","o":{"evil":1},"x":[["chain-rule",1,"m",1]]}'
    with pytest.raises(ValueError, match="options"):
        options_from(decode(_forged(data)).payload)
    assert options_from({}) == SheetOptions()


def test_from_code_rebuilds_the_same_sheet(builds, tmp_path, capsys):
    original = builds(versions=2, count=2, topics=["power-sum", "gradient"], solutions="none")
    job = make_job(versions=2, count=2, topics=["power-sum", "gradient"], solutions="none")
    code = code_for(job, 2)
    assert code in pdf_text(file_of(original, "worksheet", label="B")).replace("\n", "")
    status = main(["worksheet", "--from-code", code.lower(), "--out", str(tmp_path), "--jobs", "1"])
    out, err = capsys.readouterr()
    assert status == 0 and err == ""
    rebuilt = [line for line in out.splitlines() if line]
    assert sorted(p.rsplit("-", 1)[1] for p in rebuilt) == [
        "key.pdf",
        "worksheet.pdf",
    ]
    for part in ("worksheet", "key"):
        mine = tmp_path / file_of(original, part, label="B").name
        assert mine.read_bytes() == file_of(original, part, label="B").read_bytes()


def test_from_code_refuses_content_flags(capsys):
    code = code_for(make_job())
    assert main(["worksheet", "--from-code", code, "--count", "3"]) == 2
    assert "--from-code takes only" in capsys.readouterr().err
    assert main(["worksheet", "--from-code", "AAAA-BBBB"]) == 2
    assert "rebuild code" in capsys.readouterr().err
