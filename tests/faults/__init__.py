"""Fault injection: the SDK against a server that misbehaves at the socket and HTTP level.

``faultserver.FaultServer`` is a threaded raw-socket HTTP/1.1 server on
127.0.0.1, started per test and stopped (every thread joined) at teardown. It
counts every request per path and keeps its body, so a test can say how many
copies of a write arrived. A refused connection is a real port on 127.0.0.1
that is bound but not listening; only the connect timeout is simulated (an
``httpx.MockTransport`` raising ``httpx.ConnectTimeout``), so no test ever
addresses anything but 127.0.0.1.

Every case runs once with ``CognitiveMemoryLayer`` and once with
``AsyncCognitiveMemoryLayer`` (one test body, the ``kind`` fixture). Sleeps
(backoff, Retry-After, the circuit's cooldown) go through a test clock that
records and skips them; sockets and timeouts run in real time, kept short.

Cases and test counts (127 tests; x2 = both clients):

test_transport_faults.py (42)
    connection refused, read / write: retried, then CMLConnectionError ......... 2 x2 = 4
    connect timeout (mocked), read / write: retried, then CMLTimeoutError ....... 2 x2 = 4
    read timeout on a read: retried, then CMLTimeoutError ....................... 1 x2 = 2
    read timeout on a write: not retried, one copy, "read it back" .............. 1 x2 = 2
    reset before any response: read retried and succeeds / write not retried ... 2 x2 = 4
    reset in the middle of the body: read retried / write not retried ........... 2 x2 = 4
    truncated JSON on a 200, read / write: ResponseValidationError .............. 2 x2 = 4
    HTML 502 from a proxy, read (retried) / write (not): ServerError ............ 2 x2 = 4
    a trickle that never completes, in the body / in the head, read / write:
        cut by the 1.5 s deadline ............................................... 4 x2 = 8
    the same trickle without deadline=, read / write: cut at the deadline the
        timeout and retries imply ............................................... 2 x2 = 4
    keep-alive connection closed by the server while idle, then a write ......... 1 x2 = 2

test_status_faults.py (80)
    500 / 502 / 503 / 504 twice, then 200, on a read ............................ 4 x2 = 8
    503 twice, then 200, on a write (retried: three copies, all refused but one)  1 x2 = 2
    500 / 502 / 504 on a write: raised at once, one copy ........................ 3 x2 = 6
    503 on every attempt of a read: ServiceUnavailableError after the retries ... 1 x2 = 2
    429 with Retry-After seconds / HTTP date / retry-after-ms / none, read / write 8 x2 = 16
    429 with Retry-After above the cap, read / write: RateLimitError at once .... 2 x2 = 4
    401 / 403 / 404 / 422, read / write: never retried .......................... 8 x2 = 16
    2xx body missing a required field (3) or with a wrong type (8) ............. 11 x2 = 22
    2xx body with unknown extra fields, read / write: accepted .................. 2 x2 = 4

test_degradation.py (4)
    the server dies mid-run: read_safe degrades, the circuit opens (latency and
        no request while open), the server comes back on the same port, the
        circuit goes half-open after the cooldown, then closed; the logs ........ 1 x2 = 2
    each outage (server gone; server answering 503) logs exactly one warning .... 1 x2 = 2

test_real_server_outage.py (1, marked integration)
    the real API process is stopped in the middle of a sync and an async loop of
    read_safe calls and restarted on the same port: no exception, degraded
    answers, recovery, and every acknowledged write is readable afterwards ...... 1
"""
