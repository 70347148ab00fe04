"""A worker's memory as the kernel charges it: a memory cgroup of the benchmark's own.

A container's memory limit, ``docker stats`` and Kubernetes all count a worker this way:
every page its processes use, shared ones once, including the page cache of the files they
read (the Chromium binary, Python's libraries) when they are the first to read them. So
that none is already charged elsewhere, the benchmark drops the kernel's caches before it
enters its group; the processes that serve the sites and sample memory leave the group
before they allocate anything.

Needs root and a writable memory controller: cgroup v1 (``memory.max_usage_in_bytes``) or
v2 (``memory.peak``).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
#: Set in the benchmark's environment once it runs inside its group: the group, and the one
#: it came from (where helper processes go).
INSIDE = "AURA_BENCH_CGROUP"
OUTSIDE = "AURA_BENCH_CGROUP_OUTSIDE"
MIB = 1024 * 1024


@dataclass(frozen=True)
class MemoryCgroup:
    path: Path
    v2: bool

    @classmethod
    def of_this_process(cls) -> MemoryCgroup:
        """The memory cgroup this process is in, v1's memory controller before v2's."""
        v2_path = None
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            if "memory" in controllers.split(","):
                return cls(ROOT / "memory" / path.lstrip("/"), v2=False)
            if controllers == "":
                v2_path = path
        if v2_path is not None and "memory" in (ROOT / "cgroup.controllers").read_text():
            return cls(ROOT / v2_path.lstrip("/"), v2=True)
        raise RuntimeError("no memory cgroup controller is mounted")

    def child(self, name: str, limit_mb: int | None = None) -> MemoryCgroup:
        group = MemoryCgroup(self.path / name, self.v2)
        group.path.mkdir()
        if limit_mb is not None:
            (group.path / group._limit_file).write_text(str(limit_mb * MIB))
        return group

    @property
    def _limit_file(self) -> str:
        return "memory.max" if self.v2 else "memory.limit_in_bytes"

    def limit_mb(self) -> int | None:
        """The group's hard limit, None when it has none ("max", or v1's huge default)."""
        value = (self.path / self._limit_file).read_text().strip()
        if value == "max" or int(value) >= 2**62:
            return None
        return int(value) // MIB

    def enter(self, pid: int) -> None:
        (self.path / "cgroup.procs").write_text(str(pid))

    def peak_bytes(self) -> int:
        name = "memory.peak" if self.v2 else "memory.max_usage_in_bytes"
        return int((self.path / name).read_text())

    def stat_bytes(self) -> dict[str, int]:
        """Anonymous memory, page cache and the part of it mapped by processes, now."""
        values = dict(line.split() for line in (self.path / "memory.stat").read_text().splitlines())
        names = (
            {"anon": "anon", "cache": "file", "mapped_file": "file_mapped"}
            if self.v2
            else {"anon": "total_rss", "cache": "total_cache", "mapped_file": "total_mapped_file"}
        )
        return {key: int(values.get(name, 0)) for key, name in names.items()}

    def times_at_limit(self) -> int:
        """How often the group's usage hit its limit (the kernel then reclaimed memory)."""
        if self.v2:
            events = dict(
                line.split() for line in (self.path / "memory.events").read_text().splitlines()
            )
            return int(events.get("max", 0))
        return int((self.path / "memory.failcnt").read_text())

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            self.path.rmdir()


def run_inside_new_group(limit_mb: int | None) -> None:
    """Re-execute this program inside a new memory cgroup, after dropping the kernel's
    caches; returns only when already inside (the re-executed program)."""
    if os.environ.get(INSIDE):
        return
    outside = MemoryCgroup.of_this_process()
    group = outside.child(f"aura-bench-{os.getpid()}", limit_mb)
    subprocess.run(["sync"], check=True)
    Path("/proc/sys/vm/drop_caches").write_text("3")
    group.enter(os.getpid())
    os.environ[INSIDE], os.environ[OUTSIDE] = str(group.path), str(outside.path)
    os.execv(sys.executable, [sys.executable, *sys.argv])


def current() -> MemoryCgroup | None:
    """The benchmark's own group, when it runs in one."""
    inside = os.environ.get(INSIDE)
    if not inside:
        return None
    return MemoryCgroup(Path(inside), v2=not inside.startswith(str(ROOT / "memory")))


def outside() -> Path | None:
    """The group the benchmark came from, while it runs in a group of its own."""
    path = os.environ.get(OUTSIDE)
    return Path(path) if path and os.environ.get(INSIDE) else None


def leave() -> None:
    """Move this process out of the benchmark's group (the helpers do so before they
    allocate anything; the benchmark before it runs Lighthouse)."""
    origin = outside()
    if origin is not None:
        (origin / "cgroup.procs").write_text(str(os.getpid()))


def leave_for_good() -> None:
    """Leave the benchmark's group and remove it, once its processes have ended (the
    kernel moves what is still charged to it upwards)."""
    group = current()
    if group is None:
        return
    leave()
    os.environ.pop(INSIDE, None)
    group.remove()
