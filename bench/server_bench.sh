#!/usr/bin/env bash
# kioskctl serve under slow clients (issue 11 defect 3): poll latency of 10 kiosks and a desk without and with 200
# sockets that send one header byte a second, and the server's threads and memory. Prints figures, not pass/fail.
#   bench/server_bench.sh [KIOSKCTL] [SLOW_SOCKETS] [SECONDS]
# KIOSKCTL defaults to build/kioskctl; give another build's to compare (e.g. one from before the move off cpp-httplib).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kioskctl=${1:-$root/build/kioskctl}
slow=${2:-200}
seconds=${3:-10}
tmp=$(mktemp -d)
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

"$kioskctl" import "$root/schedules/raict-2026.csv" --db "$tmp/organizer.db" >/dev/null
"$kioskctl" keygen --out "$tmp/keys" >/dev/null
"$kioskctl" publish --db "$tmp/organizer.db" --key "$tmp/keys/publisher.key" --out "$tmp/www" >/dev/null
token=0123456789abcdef0123456789abcdef
"$kioskctl" serve --dir "$tmp/www" --people "$tmp/people.db" --token "$token" --port 0 >"$tmp/serve.out" \
  2>/dev/null &
server=$!
for _ in $(seq 100); do grep -q "check-in hub" "$tmp/serve.out" 2>/dev/null && break; sleep 0.05; done
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve.out" | head -1 | sed 's/.*://')

python3 - "$port" "$server" "$slow" "$seconds" "$token" <<'EOF'
import socket, sys, threading, time

port, pid, slow, seconds, token = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]

def proc_status():
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return f"threads {fields['Threads']}, RSS {int(fields['VmRSS'].split()[0]) / 1024:.1f} MiB"

def request(path, headers=""):
    """One GET over a new connection; seconds taken, or None when it failed or took over 2 s (a kiosk's poll)."""
    start = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.settimeout(max(0.01, 2 - (time.monotonic() - start)))
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: kiosk\r\n{headers}Connection: close\r\n\r\n".encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
                if time.monotonic() - start > 2:
                    return None
            if not data.startswith(b"HTTP/1.1 200"):
                return None
    except OSError:
        return None
    return time.monotonic() - start

def polls(label):
    results, lock = [], threading.Lock()
    end = time.monotonic() + seconds
    def client(path, headers):
        while time.monotonic() < end:
            took = request(path, headers)
            with lock:
                results.append(took)
            time.sleep(0.2)
    threads = [threading.Thread(target=client, args=("/manifest", "")) for _ in range(10)]
    threads.append(threading.Thread(target=client,
                                    args=("/checkin/v1/events?after=0", f"Authorization: Bearer {token}\r\n")))
    for t in threads: t.start()
    for t in threads: t.join()
    ok = sorted(r for r in results if r is not None)
    failed = len(results) - len(ok)
    if ok:
        p50, p95 = ok[len(ok) // 2] * 1000, ok[min(len(ok) - 1, int(len(ok) * 0.95))] * 1000
        print(f"{label}: {len(results)} requests (10 kiosks' manifest polls + a desk's event pulls), {failed} failed "
              f"or over 2 s; p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {ok[-1] * 1000:.1f} ms")
    else:
        print(f"{label}: {len(results)} requests, all {failed} failed or over 2 s")
    return ok[len(ok) // 2] if ok else None

print(f"server at rest: {proc_status()}")
quiet = polls("without slow sockets")

stop = False
sockets, cut = [None] * slow, [0]
header = b"GET /manifest HTTP/1.1\r\nHost: kiosk\r\nX-Padding: aaaaaaaaaaaaaaaa\r\n\r\n"
def attacker():
    sent = [0] * slow
    while not stop:
        for i in range(slow):
            s = sockets[i]
            if s is not None:
                try:
                    s.send(header[sent[i] % (len(header) - 1):][:1])
                    sent[i] += 1
                    s.setblocking(False)
                    try:
                        if s.recv(1) == b"":
                            raise OSError("closed")
                    except BlockingIOError:
                        pass
                    s.setblocking(True)
                except OSError:
                    s.close(); sockets[i] = None; cut[0] += 1
            if sockets[i] is None:
                try:
                    s = socket.socket(); s.bind((f"127.0.0.{2 + i % 8}", 0)); s.settimeout(1)
                    s.connect(("127.0.0.1", port)); sockets[i] = s; sent[i] = 0
                except OSError:
                    pass
        time.sleep(1)
attack = threading.Thread(target=attacker)
attack.start()
time.sleep(2)
print(f"with {slow} slow sockets (one header byte a second, from 8 addresses): {proc_status()}, "
      f"{sum(s is not None for s in sockets)} connected")
loaded = polls(f"with {slow} slow sockets")
print(f"after: {proc_status()}; slow sockets cut by the server: {cut[0]}")
if quiet and loaded:
    print(f"p50 latency with / without slow sockets: {loaded / quiet:.2f}x")
stop = True
attack.join()
EOF
