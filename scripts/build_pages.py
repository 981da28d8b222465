#!/usr/bin/env python3
"""Write the study site's generated Markdown pages and links.json to a folder.

    scripts/build_pages.py [SOURCE ...] --out DIR

With no SOURCE, every sources/*.txt is used.  The same pages are what the
MkDocs hook (scripts/mkdocs_hook.py) adds to a build in memory.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from studysite.errors import SourceError  # noqa: E402
from studysite.site import build_site, source_files  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", help="source .txt files (default: sources/*.txt)")
    parser.add_argument("--out", type=Path, help="folder to write the pages into")
    parser.add_argument("--debug", action="store_true", help="show a traceback on error")
    args = parser.parse_args(argv)
    if args.out is None:
        parser.error("--out DIR is required")
    try:
        site = build_site(args.sources or source_files())
    except SourceError as err:
        if args.debug:
            raise
        print(err, file=sys.stderr)
        return 1
    for path, text in site.pages.items():
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (args.out / "links.json").write_text(site.catalog_json(), encoding="utf-8")
    print(f"wrote {len(site.pages)} pages and links.json to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
