"""Peak memory of a process tree, sampled from another process.

    python -m bench.memory ROOT_PID [--exclude PID ...] [--interval 0.05]

Samples the tree under ROOT_PID (itself and the excluded pids' subtrees left out) until its
standard input closes, then prints one JSON object: the peak of the summed RSS, the peak of
the summed PSS (shared pages counted once across the tree: the memory the tree really
holds), and the PSS by process kind at that peak. Run apart from the measured process, it
takes no time from that process's own threads (it still shares the machine's cores, and
reads each process's memory map every sample).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
from typing import Any

from bench import cgroup


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def _descendants(root: int, excluded: set[int]) -> list[int]:
    tree, found, pending = _children(), [], [root]
    while pending:
        pid = pending.pop()
        if pid in excluded:
            continue
        found.append(pid)
        pending.extend(tree.get(pid, []))
    return found


def _label(pid: int) -> str:
    """``python``, ``chromium renderer``… for the breakdown at the peak."""
    try:
        with open(f"/proc/{pid}/cmdline") as cmdline:
            words = cmdline.read().replace("\0", " ").split()
    except OSError:
        return "?"
    kind = next((word.split("=", 1)[1] for word in words if word.startswith("--type=")), "")
    sub = next(
        (word.split("=", 1)[1] for word in words if word.startswith("--utility-sub-type=")), ""
    )
    name = os.path.basename(words[0]) if words else "?"
    return " ".join(part for part in (name, kind, sub.rsplit(".", 1)[-1]) if part)


def _memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; zeros if it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            values = dict(line.split(":", 1) for line in rollup if ":" in line)
    except OSError:
        return 0, 0
    return int(values.get("Rss", "0 kB").split()[0]), int(values.get("Pss", "0 kB").split()[0])


def sample(root: int, excluded: set[int], interval: float, stop: threading.Event) -> dict[str, Any]:
    peak_rss = peak_pss = samples = 0
    breakdown: dict[str, float] = {}
    group = cgroup.current()  # with bench/browser.py --cgroup
    group_peaks = {"anon": 0, "anon_and_mapped": 0}
    while not stop.is_set():
        if group is not None:
            # What the worker's group cannot give back without swap, and that plus the
            # files its processes have mapped (the rest of its page cache is reclaimable).
            now = group.stat_bytes()
            group_peaks["anon"] = max(group_peaks["anon"], now["anon"] // 1024)
            mapped = now["anon"] + now["mapped_file"]
            group_peaks["anon_and_mapped"] = max(group_peaks["anon_and_mapped"], mapped // 1024)
        rss = pss = 0
        kinds: dict[str, float] = {}
        for pid in _descendants(root, excluded):
            one_rss, one_pss = _memory_kib(pid)
            if not one_rss:
                continue  # gone between the listing and the reading
            rss, pss = rss + one_rss, pss + one_pss
            label = _label(pid)
            kinds[label] = round(kinds.get(label, 0) + one_pss / 1024, 1)
        samples += 1
        peak_rss = max(peak_rss, rss)
        if pss > peak_pss:
            peak_pss, breakdown = pss, kinds
        stop.wait(interval)
    return {
        "peak_rss_kib": peak_rss,
        "peak_pss_kib": peak_pss,
        "breakdown_mib": breakdown,
        "samples": samples,
        "cgroup_peaks_kib": group_peaks if group is not None else None,
    }


class MemorySampler:
    """``with MemorySampler(excluded) as memory:`` samples this process's tree meanwhile."""

    def __init__(self, excluded: set[int], interval: float = 0.05) -> None:
        self.excluded, self.interval = excluded, interval
        self.peak_rss_kib = self.peak_pss_kib = self.samples = 0
        #: PSS in MiB by process kind at the PSS peak.
        self.breakdown: dict[str, float] = {}
        #: With a cgroup (bench/cgroup.py): the peaks of its anonymous memory, and of that
        #: plus its mapped files, in KiB.
        self.cgroup_peaks_kib: dict[str, int] | None = None
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> MemorySampler:
        command = [sys.executable, "-m", "bench.memory", str(os.getpid())]
        command += [f"--exclude={pid}" for pid in self.excluded]
        command += [f"--interval={self.interval}"]
        outside = cgroup.outside()
        if outside is not None:
            # Out of the measured worker's memory cgroup before the interpreter starts.
            leave_then_run = 'echo $$ > "$0/cgroup.procs" && exec "$@"'
            command = ["sh", "-c", leave_then_run, str(outside), *command]
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=root
        )
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        process = self._process
        assert process is not None
        try:
            output, _ = process.communicate("", timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            if exc_type is None:
                raise RuntimeError("the memory sampler did not stop") from None
            return
        if exc_type is not None:
            return  # the measured code's own failure is the one to see
        if process.returncode != 0:
            raise RuntimeError(f"the memory sampler failed (exit status {process.returncode})")
        found = json.loads(output)
        self.peak_rss_kib, self.peak_pss_kib = found["peak_rss_kib"], found["peak_pss_kib"]
        self.breakdown, self.samples = found["breakdown_mib"], found["samples"]
        self.cgroup_peaks_kib = found["cgroup_peaks_kib"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("root", type=int)
    parser.add_argument("--exclude", type=int, action="append", default=[])
    parser.add_argument("--interval", type=float, default=0.05)
    arguments = parser.parse_args()
    stop = threading.Event()
    result: dict[str, Any] = {}
    excluded = {*arguments.exclude, os.getpid()}
    worker = threading.Thread(
        target=lambda: result.update(sample(arguments.root, excluded, arguments.interval, stop))
    )
    worker.start()
    sys.stdin.read()  # until the measuring process closes it
    stop.set()
    worker.join()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
