"""`make widget`: check the embed script (syntax, with node when available) and print its
gzipped size; fail above the budget of 15 KB. The script is hand-written and served as is."""

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent / "assets" / "embed.js"
BUDGET_BYTES = 15 * 1024


def gzipped_size(path=SCRIPT):
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def main():
    node = shutil.which("node")
    if node:
        subprocess.run([node, "--check", str(SCRIPT)], check=True)  # noqa: S603 (our file)
    size = gzipped_size()
    print(f"widget script {SCRIPT.name}: {SCRIPT.stat().st_size} bytes, "
          f"{size} bytes gzipped (budget {BUDGET_BYTES})")
    if size > BUDGET_BYTES:
        print("widget script is over its 15 KB gzipped budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
