"""gunicorn settings. `gunicorn wsgi:app` reads this file from the directory it starts in (or
name it with `-c gunicorn.conf.py`); settings given on the command line win over it.

Only the access-log format is set here. Staff-voice respondents are promised that we do not
record which phone or computer they used or when exactly they answered, so no log line may hold
what could tell respondents apart: no client address (`%(h)s`, X-Forwarded-For), user agent or
referrer, and the path without its query string. Logging stays off unless asked for
(`--access-logfile -`).
"""

# time, method, path, protocol, status, bytes sent, milliseconds taken
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
