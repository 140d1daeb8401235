"""Runs every benchmark and rewrites bench/RESULTS.md with their tables (``make bench``)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ("start_to_sign_in.py", "sign_in_to_first_page.py", "first_page.py", "batch_apply.py", "inbox_list.py",
           "workbook_read.py", "upload_stall.py", "window_stall.py", "page_stall.py", "outbox_sync.py", "message_list.py", "draft_keystroke.py", "calendar_import.py",
           "event_latency.py")
# The page's head when RESULTS.md has none yet; once written, its head (the lessons "What the
# figures taught so far", kept by hand) is carried over from the file itself, so it lives in one place.
INTRO = """# Benchmarks

Each figure is a median over repeated runs, next to a baseline measured in the same run (the
machine is shared and noisy, so the ratio is the figure to compare). Regenerate with `make bench`
or run one script as shown under its table.

What the figures taught so far:
"""


def _current() -> str:
    return (HERE / "RESULTS.md").read_text(encoding="utf-8") if (HERE / "RESULTS.md").exists() else ""


def _intro() -> str:
    """Everything above the first table's heading, as the file has it (INTRO for a new file)."""
    current = _current()
    return current.split("\n### ", 1)[0].rstrip() if "\n### " in current else INTRO.rstrip()


def _load_section() -> str:
    """``make load``'s section as its last run wrote it (load/run.py keeps it between its markers)."""
    current = _current()
    begin, end = "<!-- load:begin -->", "<!-- load:end -->"
    if begin not in current or end not in current:
        return ""
    return begin + current.split(begin, 1)[1].split(end, 1)[0] + end


def main() -> int:
    sections = [_intro()]
    for script in SCRIPTS:
        result = subprocess.run([sys.executable, str(HERE / script)], capture_output=True, text=True,
                                cwd=HERE.parent)
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return result.returncode
        sections.append(result.stdout.strip())
        print(result.stdout)
    sections.append(_load_section())
    (HERE / "RESULTS.md").write_text("\n\n".join(s for s in sections if s) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
