#!/usr/bin/env python3
"""Pack a built site into one zip to hand out: unzipped anywhere, <name>/index.html opens.

    scripts/make_zip.py SITE_DIR ZIP_FILE

Entries are sorted and dated from SOURCE_DATE_EPOCH (default 1980-01-01), so the
same site always gives the same bytes.
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

README = """学习文库（离线版）

打开方法：解压后，双击本文件夹中的 index.html，用浏览器阅读。
不需要网络，也不需要安装任何软件；搜索同样可用。
"""


def make_zip(site: Path, target: Path) -> Path:
    folder = target.stem
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        add("打开方法.txt", README.encode("utf-8"))
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            add(path.relative_to(site).as_posix(), path.read_bytes())
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(make_zip(Path(sys.argv[1]), Path(sys.argv[2])))
