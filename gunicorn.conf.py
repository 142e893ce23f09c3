"""gunicorn settings. `gunicorn wsgi:app` reads this file from the directory it starts in (or
name it with `-c gunicorn.conf.py`); settings given on the command line win over it.

The access-log format is set here, and each worker's garbage collection (below).

Staff-voice respondents are promised that we do not record which phone or computer they used
or when exactly they answered, so no log line may hold what could tell respondents apart: no
client address (`%(h)s`, X-Forwarded-For), user agent or referrer, and the path without its
query string. Logging stays off unless asked for
(`--access-logfile -`).
"""

# time, method, path, protocol, status, bytes sent, milliseconds taken
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


def post_worker_init(worker):
    """What a worker loaded to serve (libraries, definitions, templates: over 200,000 objects)
    lives as long as the worker, and every full pass of Python's cycle collector walked all of
    it: 90 ms, now and then, inside someone's request (P1's slowest submissions). Frozen once the
    app is loaded, the collector leaves it out. Here, not in the app: a command (`flask ...`) or
    a test that froze the app would never free it, nor close its database connections."""
    import gc

    gc.freeze()
