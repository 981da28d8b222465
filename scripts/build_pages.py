#!/usr/bin/env python3
"""Write the study site's generated Markdown pages and links.json to a folder.

    scripts/build_pages.py [SOURCE ...] --out DIR
    scripts/build_pages.py --check [SOURCE ...]
    scripts/build_pages.py --outline SOURCE ...

With no SOURCE, every sources/*.txt is used.  The same pages are what the
MkDocs hook (scripts/mkdocs_hook.py) adds to a build in memory.  ``--check``
reads and parses every source, reports each one's encoding and structure or
every error it has, and writes nothing; it exits 1 if any file is refused.
``--out`` writes the pages of the texts that can be shown and names the
refused ones (exit status 1), as the MkDocs build does on its home page.  ``--outline`` prints the tree the parser
recognised (ids, kinds, lines, character counts, headings), so a trainer can
check a new text before publishing it.  Bad input gives ``file:line:column: error: …``
and exit status 1; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studysite.errors import SourceError
from studysite.outline import outline, summary
from studysite.site import build_site, load_document, source_files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", help="source .txt files (default: sources/*.txt)")
    parser.add_argument("--out", type=Path, help="folder to write the pages into (required unless --check)")
    parser.add_argument("--check", action="store_true", help="validate the sources, write nothing")
    parser.add_argument("--outline", action="store_true", help="print the recognised structure, write nothing")
    parser.add_argument("--debug", action="store_true", help="show a traceback on error")
    args = parser.parse_args(argv)
    if args.out is None and not (args.check or args.outline):
        parser.error("--out DIR is required (or --check to validate only, --outline to see the structure)")
    paths = args.sources or source_files()
    try:
        if args.outline:
            status = 0
            for path in paths:
                try:
                    print("\n".join(outline(load_document(path))))
                except SourceError as err:
                    if args.debug:
                        raise
                    print(err, file=sys.stderr)
                    status = 1
            return status
        if args.check:
            return check(paths, debug=args.debug)
        site = build_site(paths, keep_going=True)
    except SourceError as err:
        if args.debug:
            raise
        print(err, file=sys.stderr)
        return 1
    for doc in site.documents:
        print(summary(doc), file=sys.stderr)
    for path, text in site.pages.items():
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (args.out / "links.json").write_text(site.catalog_json(), encoding="utf-8")
    print(f"wrote {len(site.pages)} pages and links.json to {args.out}", file=sys.stderr)
    for refusal in site.refused:
        print(refusal, file=sys.stderr)
    return 1 if site.refused else 0


def check(paths: list, *, debug: bool) -> int:
    """Every source on its own, so one run reports every bad file; then the site as a whole."""
    failed = False
    for path in paths:
        try:
            print(summary(load_document(path)), file=sys.stderr)
        except SourceError as err:
            if debug:
                raise
            print(err, file=sys.stderr)
            failed = True
    if failed:
        return 1
    build_site(paths)  # what only the set of documents can show: two files with one URL prefix
    return 0


if __name__ == "__main__":
    sys.exit(main())
