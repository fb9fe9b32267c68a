"""The cgroups that cap a whole sandbox (its processes, its memory and RAM-backed files), where
this user may make them (as root), and their counters of the times a limit was enforced."""

import os
import signal
import time
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")  # v1: a folder per controller below it; v2: the root itself
CGROUP_LIMITS = {"pids": ("pids.max",), "memory": ("memory.max", "memory.limit_in_bytes")}
# Where a cgroup counts the times its limit was enforced: refused forks, processes killed for
# memory (v1 and v2 files), as "name count" lines.
CGROUP_EVENTS = {"pids": (("pids.events", "max"),),
                 "memory": (("memory.events", "oom_kill"), ("memory.oom_control", "oom_kill"))}


def new_cgroup(controller: str, name: str, limit: int) -> Path | None:
    """A new cgroup that caps `controller` ("pids" or "memory") at `limit`, where this user may
    make one: cgroup v1 has a hierarchy per controller, v2 one for all."""
    for base in (CGROUP_ROOT / controller, CGROUP_ROOT):
        if not ((base / "cgroup.procs").exists() and os.access(base, os.W_OK)):
            continue
        group = base / name
        try:
            group.mkdir(exist_ok=True)
            for limit_file in CGROUP_LIMITS[controller]:
                if (group / limit_file).exists():
                    (group / limit_file).write_text(str(limit))
                    return group
            group.rmdir()
        except OSError:
            pass
    return None


def cgroups_available() -> bool:
    """Whether this process may make the cgroups that cap a sandbox's processes and memory."""
    return os.getuid() == 0 and any((base / "cgroup.procs").exists() and os.access(base, os.W_OK)
                                    for base in (CGROUP_ROOT / "memory", CGROUP_ROOT))


def limit_hits(groups: list[Path]) -> dict[str, int]:
    """How many times each controller's limit was enforced in `groups` so far."""
    hits = {}
    for controller, files in CGROUP_EVENTS.items():
        for group in groups:
            for name, key in files:
                try:
                    lines = (group / name).read_text().splitlines()
                except OSError:
                    continue
                counts = [int(line.split()[1]) for line in lines if line.split()[:1] == [key]]
                hits[controller] = hits.get(controller, 0) + sum(counts)
    return hits


def remove_cgroup(group: Path) -> None:
    """Kill what is left in a kernel's cgroup (children it started) and remove the cgroup."""
    for _ in range(50):
        try:
            for pid in (group / "cgroup.procs").read_text().split():
                os.kill(int(pid), signal.SIGKILL)
            group.rmdir()
            return
        except FileNotFoundError:
            return  # v2: the same group served both controllers, and is gone
        except OSError:
            time.sleep(0.1)  # processes still exiting
