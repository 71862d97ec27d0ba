"""Fill empty English msgstrs of locale/en/LC_MESSAGES/django.po from scripts/en_translations.tsv
(one 'Vietnamese<TAB>English' pair a line), then the caller runs compilemessages.

Usage: .venv/bin/python scripts/po_fill.py  — prints the msgids still untranslated."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
TSV = Path(__file__).resolve().parent / "en_translations.tsv"


def unquote(block: str) -> str:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    return "".join(parts).encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _unfuzzy(entry: str) -> str:
    """Drop the fuzzy flag (alone, or among others such as python-format) of a filled entry."""

    def fix(m: re.Match) -> str:
        flags = [f.strip() for f in m.group(1).split(",") if f.strip() != "fuzzy"]
        return ("#, " + ", ".join(flags) + "\n") if flags else ""

    return re.sub(r"^#,(.*)\n", fix, entry, flags=re.M)


def main() -> int:
    table = {}
    for line in TSV.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            vi, en = line.split("\t", 1)
            table[vi] = en
    text = PO.read_text(encoding="utf-8")
    entries = text.split("\n\n")
    missing = []
    out = []
    for entry in entries:
        m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)$', entry.strip() + "\n", re.M)
        if not m or re.search(r"^msgid_plural", entry, re.M):
            out.append(entry)
            continue
        msgid = unquote(m.group(1))
        msgstr = unquote(m.group(2))
        if msgid and msgid in table:
            entry = entry[: m.start(2)] + quote(table[msgid]) + "\n"
            entry = _unfuzzy(entry)
        elif msgid and not msgstr:
            missing.append(msgid)
        out.append(entry.rstrip("\n"))
    PO.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    for m in missing:
        print(m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
