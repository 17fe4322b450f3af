"""Many accounts' sends and receipts in Parquet, assessed past memory, side
by side: the sms-sla DataFusion pipeline (engines/datafusion, example
`pipeline`) within a memory limit against DuckDB running the same rule in
SQL on the same files within the same limit, in one run; then the pipeline on a local Ballista cluster with
one executor and with two.

Usage, from the project's checkout, with a venv that has duckdb:
    VENV/bin/python benches/peers/engine.py [MESSAGES] [ACCOUNTS] [MEMORY_MIB] [DIR]
With BALLISTA=0 in the environment the Ballista runs are left out.

It builds (release) the examples `pipeline` and `sample`, writes the
sample (as `sms-sla sample` does) into DIR (a temporary
folder by default, removed at the end; an existing DIR with the files is
reused), then times each side once: wall-clock seconds of the whole job,
reading included, and the child's peak resident memory (getrusage).

DuckDB's SQL is the crate's rule (D19-D22): rows the library rejects
(unknown status, no serial number) are left out; an empty serial number
is none, and a failure without a code is a failure with the code
`(no code)` (D23); one message per serial number, and per refused submission without
one; a delivery wins, else the latest failure (ties: the greatest code);
with no receipt a refused send is a failure by its code and an accepted one
unconfirmed; the send instant places the message, else its earliest
receipt. It ends with counts per account, SLA-zone day and outcome code;
the pipeline ends with one assessment per account. Both count the same
messages, which the script checks.
"""
import os, resource, shutil, socket, subprocess, sys, tempfile, time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
accounts = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
memory_mib = int(sys.argv[3]) if len(sys.argv) > 3 else 4096
given_dir = sys.argv[4] if len(sys.argv) > 4 else None
proj = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
work = given_dir or tempfile.mkdtemp(prefix="engine-")
release = os.path.join(proj, "target", "release")


def timed(argv, **kw):
    """Wall seconds, stdout and peak RSS of one run of argv (its own process)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, **kw)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{argv[0]} failed with status {status}")
    return took, out, usage.ru_maxrss * 1024


try:
    ballista = os.environ.get("BALLISTA", "1") != "0"
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "sms-sla-cli", "--features", "datafusion",
                    "-p", "sms-sla-datafusion", "--example", "pipeline", "--example", "sample"]
                   + (["--features", "sms-sla-datafusion/ballista", "--bins"] if ballista else []),
                   check=True, cwd=proj)
    if not os.path.exists(os.path.join(work, "sends.parquet")):
        start = time.perf_counter()
        subprocess.run([os.path.join(release, "examples", "sample"), str(accounts), str(n), work, "parquet"],
                       check=True)
        print(f"sample written in {time.perf_counter() - start:.1f} s")
    size = sum(os.path.getsize(os.path.join(work, f)) for f in ("sends.parquet", "receipts.parquet"))
    print(f"{n} messages over {accounts} accounts, {size / 1e6:.0f} MB of Parquet; memory limit {memory_mib} MiB")

    ours_s, ours_out, ours_rss = timed([os.path.join(release, "examples", "pipeline"), work,
                                        "--memory-mib", str(memory_mib), "--partitions", "2"])
    summary = ours_out.strip().splitlines()[-1]
    messages = int(summary.split(" messages")[0].split(", ")[-1])
    print(f"sms-sla on DataFusion (2 partitions): {ours_s:8.1f} s  peak RSS {ours_rss / 2**20:7.0f} MiB  {summary}")

    sql = f"""
    set threads = 2;
    set memory_limit = '{memory_mib}MiB';
    set temp_directory = '{work}/duckdb-spill';
    set enable_progress_bar = false;
    set preserve_insertion_order = false;
    with sends as (
        select account, nullif(serial, '') serial, requested_at t, request_id, position, code
        from '{work}/sends.parquet'
        where nullif(serial, '') is not null or code <> 'Ok'
    ),
    receipts as (
        select account, nullif(serial, '') serial, received_at t, status,
               coalesce(nullif(trim(code), ''), '(no code)') code
        from '{work}/receipts.parquet'
        where nullif(serial, '') is not null and status in ('SUCCESS', 'FAIL')
    ),
    told as (
        select account, serial, bool_or(status = 'SUCCESS') delivered,
               arg_max(code, (t, code)) filter (where status = 'FAIL') last_failure, min(t) first_t
        from receipts group by all
    ),
    sent as (
        select account, serial, min(t) t, max(code) filter (where code <> 'Ok') refused
        from sends where serial is not null group by all
    ),
    messages as (
        select coalesce(s.account, told.account) account, coalesce(s.t, told.first_t) t,
               case when told.delivered then 'DELIVRD'
                    when told.last_failure is not null then told.last_failure
                    when s.refused is not null then s.refused
                    else 'UNCONFIRMED' end outcome
        from sent s full outer join told on s.account = told.account and s.serial = told.serial
        union all
        select account, t, code from (select distinct account, request_id, position, t, code from sends where serial is null)
    )
    select account, cast(t + interval 8 hour as date) d, outcome, count(*) from messages group by all
    """
    peer = r'''
import sys, time, duckdb
con = duckdb.connect()
rows = con.execute(sys.argv[1]).fetchall()
print(sum(r[3] for r in rows))
'''
    duck_s, duck_out, duck_rss = timed([sys.executable, "-c", peer, sql])
    duck_messages = int(duck_out.split()[0])
    print(f"DuckDB (2 threads):                   {duck_s:8.1f} s  peak RSS {duck_rss / 2**20:7.0f} MiB  "
          f"{duck_messages} messages")
    assert duck_messages == messages, (duck_messages, messages)
    print(f"sms-sla takes {ours_s / duck_s:.2f}x DuckDB's time ({duck_s / ours_s:.2f}x as fast)")

    if not ballista:
        raise SystemExit(0)
    scheduler = os.path.join(release, "sms-sla-scheduler")
    executor = os.path.join(release, "sms-sla-executor")
    def free_port():
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]
    times = {}
    for executors in (1, 2):
        port = free_port()
        procs = [subprocess.Popen([scheduler, "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        time.sleep(1)
        for k in range(executors):
            wd = os.path.join(work, f"executor-{k}")
            os.makedirs(wd, exist_ok=True)
            procs.append(subprocess.Popen([executor, "--port", str(free_port()), "--grpc-port", str(free_port()),
                                           "--scheduler-port", str(port), "--slots", "1",
                                           "--memory-limit", str((memory_mib << 20) // executors),
                                           "--work-dir", wd],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(3)
        try:
            secs, out, _ = timed([os.path.join(release, "examples", "pipeline"), work,
                                  "--ballista", f"df://127.0.0.1:{port}"])
        finally:
            for p in procs:
                p.kill()
                p.wait()
        line = out.strip().splitlines()[-1]
        assert f"{messages} messages" in line, line
        times[executors] = secs
        print(f"Ballista, {executors} executor{'s' if executors > 1 else ''} of one task slot: {secs:8.1f} s  {line}")
    print(f"two executors take {times[2] / times[1]:.2f}x one executor's time")
finally:
    if given_dir is None:
        shutil.rmtree(work, ignore_errors=True)
