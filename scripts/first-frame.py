#!/usr/bin/env python3
"""Exec → first frame, in a pty: careguide (embedded data) against fzf on
the same records. Forks each program on a fresh 120x40 pty, answers cursor
position queries, and times from the fork until a marker of the first
complete frame appears in the output (careguide: its status line's key
hints; fzf: its "N/N" counter). Median of RUNS interleaved runs.

    scripts/first-frame.py [RUNS]
    (needs `cargo build --release --bins --example perf` and fzf)
"""
import fcntl, os, pty, select, shutil, signal, statistics, struct, subprocess, sys, termios, time

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
        if b"\x1b[6n" in chunk:
            os.write(fd, b"\x1b[1;1R")
        if marker in seen:
            found = time.perf_counter() - start
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return found


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    if not os.path.exists(BIN) or shutil.which("fzf") is None:
        sys.exit("needs `cargo build --release --bins --example perf` and fzf (apt-get install fzf)")
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
