#!/usr/bin/env python3
"""Rewrites a gold file (IOB2 `token<TAB>tag`, or CoNLL-2003 columns) in Title
Case, as headlines are written, or in capitals, as datelines and wire headlines
are; tags, lines and document boundaries stay as they are, so the result is
scored like the original (`ner eval --data OUT`, or evalner.py with the same
--docs file).

    scripts/case-dev.py title|upper IN OUT

Title Case capitalises the first letter of every word, short ones too ("War
With Hamas Will Persist"), but not clitics ("Israel's", "Don't"). Only the
first column (the token) changes.
"""
import sys

CLITICS = {"'s", "'re", "'m", "'ve", "'ll", "'d", "n't", "'"}


def title(token):
    if token.lower() in CLITICS or token.startswith("-") or not token[:1].isalpha():
        return token
    return token[:1].upper() + token[1:]


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("title", "upper"):
        sys.exit(__doc__)
    mode, src, dst = sys.argv[1:]
    change = title if mode == "title" else str.upper
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for line in fin:
            body = line.rstrip("\n")
            if not body.strip() or body.startswith("-DOCSTART-"):
                fout.write(line)
                continue
            sep = "\t" if "\t" in body else " "
            token, rest = body.split(sep, 1)
            fout.write(change(token) + sep + rest + "\n")


if __name__ == "__main__":
    main()
