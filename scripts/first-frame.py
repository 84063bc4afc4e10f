#!/usr/bin/env python3
"""Start → first frame, careguide against fzf on the same records.

    scripts/first-frame.py [RUNS]
    scripts/first-frame.py [RUNS] DIR
    (needs `cargo build --release --bins --example perf` and fzf)

Without DIR (the embedded data): forks each program on a fresh 120x40 pty,
answers cursor position and mode queries, and times from the fork until a marker of
the first complete frame appears in the output (careguide: its status
line's key hints; fzf: its "N/N" counter).

With DIR (a data directory, e.g. target/bench-data/100000): both programs
run in one tmux pane of 120x40, started with `respawn-pane`, and the pane is
polled with `capture-pane` until the first screen that shows the program
(careguide: the panes' borders, the loading frame; fzf: its prompt and
counter), then until the records are there (careguide: "Hospitals N"; fzf:
"N/N"). The first screen is polled for without a pause, the records every
10 ms after it (a poll without a pause takes a core a loading careguide
needs); a poll costs a few ms, the same for both. fzf reads the
facilities' searchable text, one line each (`perf lines DIR`).

Median of RUNS interleaved runs.
"""
import fcntl, os, pty, re, select, shutil, signal, statistics, struct, subprocess, sys, termios, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "careguide")


def run(argv, marker, stdin_path=None, timeout=5.0):
    pid, fd = pty.fork()
    if pid == 0:
        if stdin_path:
            os.dup2(os.open(stdin_path, os.O_RDONLY), 0)
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    start = time.perf_counter()
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen, found = b"", None
    while time.perf_counter() - start < timeout:
        r, _, _ = select.select([fd], [], [], 0.05)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        seen += chunk
        # Answer what a terminal answers: each cursor position query, and
        # each mode query (DECRQM, fzf asks about bracketed paste and
        # waits up to 500 ms for the reply).
        for _ in range(chunk.count(b"\x1b[6n")):
            os.write(fd, b"\x1b[1;1R")
        for mode in re.findall(rb"\x1b\[\?(\d+)\$p", chunk):
            os.write(fd, b"\x1b[?" + mode + b";2$y")
        if marker in seen:
            found = time.perf_counter() - start
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return found


def tmux(*args):
    return subprocess.run(["tmux", "-L", "careguide-first-frame", *args],
                          capture_output=True, text=True)


def run_in_tmux(command, first, ready, timeout=30.0):
    """Seconds from `respawn-pane` to the first screen where `first`, then
    `ready`, holds (polled without a pause until `first`, then every 10 ms)."""
    start = time.perf_counter()
    tmux("respawn-pane", "-k", "-t", "0", command)
    seen_first = None
    while time.perf_counter() - start < timeout:
        screen = tmux("capture-pane", "-p", "-t", "0").stdout
        now = time.perf_counter() - start
        if seen_first is None and first(screen):
            seen_first = now
        if seen_first is not None and ready(screen):
            return seen_first, now
        if seen_first is not None:
            # Polling without a pause would take a core from the program
            # (a loading careguide uses both of a 2-core machine's).
            time.sleep(0.01)
    return seen_first, None


def directory(runs, data):
    perf = os.path.join(ROOT, "target", "release", "examples", "perf")
    path = os.path.join(ROOT, "target", "first-frame-dir-lines.txt")
    with open(path, "w") as f:
        subprocess.run([perf, "lines", data], stdout=f, check=True)
    with open(path) as f:
        n = sum(1 for _ in f)
    tmux("kill-server")
    tmux("-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", "sleep 1000")
    personal = os.path.join(ROOT, "target", "first-frame-no-personal-files")
    ours_cmd = f"env CAREGUIDE_PERSONAL={personal} TERM=tmux-256color {BIN} --data {data}; sleep 1000"
    fzf_cmd = f"fzf --layout=reverse < {path}; sleep 1000"
    counter = re.compile(r"\b(\d+)/(\d+)\b")
    results = {"careguide": ([], []), "fzf": ([], [])}
    try:
        for _ in range(runs):
            first, ready = run_in_tmux(
                ours_cmd,
                lambda s: "Contact card" in s,
                lambda s: f"/{n} " in s and "Hospitals" in s)
            if first is not None:
                results["careguide"][0].append(first * 1e3)
            if ready is not None:
                results["careguide"][1].append(ready * 1e3)
            first, ready = run_in_tmux(
                fzf_cmd,
                lambda s: counter.search(s) is not None,
                lambda s: f"{n}/{n}" in s)
            if first is not None:
                results["fzf"][0].append(first * 1e3)
            if ready is not None:
                results["fzf"][1].append(ready * 1e3)
    finally:
        tmux("kill-server")
    print(f"{n} facilities from {data}, tmux 120x40, {runs} interleaved runs")
    for name, (first, ready) in results.items():
        line = f"{name:10} start → first frame: "
        line += f"median {statistics.median(first):7.1f} ms (min {min(first):7.1f})" if first else "not seen"
        line += "; → records shown: "
        line += f"median {statistics.median(ready):7.1f} ms (min {min(ready):7.1f})" if ready else "not seen"
        print(line)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    if not os.path.exists(BIN) or shutil.which("fzf") is None:
        sys.exit("needs `cargo build --release --bins --example perf` and fzf (apt-get install fzf)")
    if len(sys.argv) > 2:
        if shutil.which("tmux") is None:
            sys.exit("needs tmux (apt-get install tmux)")
        return directory(runs, os.path.abspath(sys.argv[2]))
    # The same records for fzf: the embedded facilities, one line each.
    perf = os.path.join(ROOT, "target", "release", "examples", "perf")
    out = subprocess.run([perf, "lines", "embedded"], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    path = os.path.join(ROOT, "target", "first-frame-lines.txt")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    n = len(lines)
    ours, theirs = [], []
    for _ in range(runs):
        t = run([BIN], b"help")
        if t is not None:
            ours.append(t * 1e3)
        t = run(["fzf", "--layout=reverse"], f"{n}/{n}".encode(), stdin_path=path)
        if t is not None:
            theirs.append(t * 1e3)
    for name, xs in (("careguide (embedded data)", ours), (f"fzf ({n} lines)", theirs)):
        if xs:
            print(f"{name:28} exec → first frame: median {statistics.median(xs):6.1f} ms, "
                  f"min {min(xs):6.1f} ms over {len(xs)} runs")
        else:
            print(f"{name:28} no frame seen")


if __name__ == "__main__":
    main()
