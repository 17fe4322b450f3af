"""Reconciling Tencent data by serial number, side by side: the crate's
`MessageLog` (examples/reconcile.rs) against DuckDB running the same rule in
SQL on the same files, in one run.

Usage, from the project's checkout, with a venv that has duckdb:
    VENV/bin/python benches/peers/reconcile.py [MESSAGES]

The files (a SendSms log of MESSAGES messages in calls of 100, and the
callback receipts as NDJSON with 5% delivered twice and 1% a failure then a
delivery) are generated into a temporary directory by
`cargo run --release --example reconcile -- generate`; nothing is kept.

DuckDB's rule is the crate's (D19-D21): one row per serial number; a
delivery wins, else the latest failure; with no receipt a refused send is a
failure and an accepted one unconfirmed; the send instant places the
message, else the earliest receipt; refused sends without a serial number
are messages of their own. Both sides end with counts per SLA-zone day and
outcome. Times are wall-clock seconds of the whole job (reading included),
best of the given runs; peak memory is the child's maximum resident set.
"""
import os, shutil, subprocess, sys, tempfile, time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
proj = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
work = tempfile.mkdtemp(prefix="reconcile-")
try:
    subprocess.run(["cargo", "build", "-q", "--release", "--example", "reconcile"], check=True, cwd=proj)
    binary = os.path.join(proj, "target/release/examples/reconcile")
    subprocess.run([binary, "generate", str(n), work], check=True)
    size = sum(os.path.getsize(os.path.join(work, f)) for f in os.listdir(work))

    def timed(argv):
        best, out = None, ""
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run(argv, capture_output=True, text=True, check=True)
            took = time.perf_counter() - start
            best, out = (took, done.stdout) if best is None or took < best else (best, out)
        return best, out

    ours_s, ours_out = timed([binary, "run", work])

    sql = f"""
    set threads = {{threads}};
    set enable_progress_bar = false;
    with sends as (
        select s.SerialNo serial, s.Code code, s.PhoneNumber phone, c.sent_at::timestamptz sent, c.ord, u.i
        from (select row_number() over () ord, sent_at, response from read_json('{work}/sends.ndjson', format='newline_delimited')) c,
             unnest(c.response.Response.SendStatusSet) with ordinality as u(s, i)
    ),
    receipts as (
        select sid, report_status st, errmsg,
               strptime(user_receive_time, '%Y-%m-%d %H:%M:%S')::timestamp - interval 8 hour t
        from read_json('{work}/callbacks.ndjson', format='newline_delimited',
                       columns={{sid: 'VARCHAR', report_status: 'VARCHAR', errmsg: 'VARCHAR', user_receive_time: 'VARCHAR'}})
    ),
    told as (
        select sid, bool_or(st = 'SUCCESS') delivered, arg_max(errmsg, (t, errmsg)) last_failure, min(t) first_t
        from receipts group by sid
    ),
    sent as (
        select serial, min(sent) sent, max(code) code from sends where serial <> '' group by serial
    ),
    messages as (
        select coalesce(s.sent, told.first_t::timestamptz) sent,
               case when told.delivered then 'DELIVRD'
                    when told.sid is not null then told.last_failure
                    when s.code <> 'Ok' then s.code
                    else 'UNCONFIRMED' end outcome
        from sent s full outer join told on s.serial = told.sid
        union all
        select sent, code from (select distinct sent, ord, i, phone, code from sends where serial = '')
    )
    select cast(sent + interval 8 hour as date) d, outcome, count(*) from messages group by all
    """
    peer = r'''
import sys, time, duckdb
sql, threads, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
best = None
for _ in range(runs):
    con = duckdb.connect()
    start = time.perf_counter()
    rows = con.execute(sql.replace("{threads}", str(threads))).fetchall()
    took = time.perf_counter() - start
    best = took if best is None or took < best else best
import resource
print(best, sum(r[2] for r in rows), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
'''
    results = {}
    for threads in (1, 2):
        out = subprocess.run([sys.executable, "-c", peer, sql, str(threads), str(runs)],
                             capture_output=True, text=True, check=True).stdout.split()
        results[threads] = (float(out[0]), int(out[1]), int(out[2]))
    messages = next(int(l.split()[0]) for l in ours_out.splitlines() if l.endswith("rejected"))
    print(f"{n} messages, {size / 1e6:.0f} MB of input")
    print(ours_out.strip())
    peak = next(int(l.split()[1]) for l in ours_out.splitlines() if l.startswith("peak_bytes_per_message"))
    print(f"sms-sla (1 core):   {ours_s:8.2f} s  {messages / ours_s / 1e6:6.2f} M messages/s  "
          f"peak {peak} bytes/message above the process's start")
    for threads, (secs, count, rss) in results.items():
        assert count == messages, (count, messages)
        print(f"duckdb ({threads} thread{'s' if threads > 1 else ''}): {secs:8.2f} s  "
              f"{count / secs / 1e6:6.2f} M messages/s  peak {rss / messages:.0f} bytes/message (whole process)  "
              f"sms-sla is {secs / ours_s:.2f}x as fast")
finally:
    shutil.rmtree(work, ignore_errors=True)
