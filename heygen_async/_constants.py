"""Every tunable number of the SDK, in one place.

Change a default here and the whole client follows; nothing else in the package
hard-codes a timeout, a retry count or a size.
"""

from __future__ import annotations

import httpx

DEFAULT_BASE_URL = "https://api.heygen.com"
DEFAULT_UPLOAD_URL = "https://upload.heygen.com"

ENV_API_KEY = "HEYGEN_API_KEY"
ENV_BASE_URL = "HEYGEN_BASE_URL"
ENV_UPLOAD_URL = "HEYGEN_UPLOAD_URL"
ENV_LOG = "HEYGEN_LOG"
ENV_API_VERSION = "HEYGEN_API_VERSION"

# The HeyGen API version a client speaks unless told otherwise.
DEFAULT_API_VERSION = "v3"

# Per-request timeouts. Reads are quick; a generation POST can take ~30 s at p99
# on HeyGen's side; uploads and downloads move whole files.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
GENERATE_TIMEOUT = httpx.Timeout(120.0, connect=10.0)
TRANSFER_TIMEOUT = httpx.Timeout(600.0, connect=10.0)

# Retries (design.md section 4).
DEFAULT_MAX_RETRIES = 2
RETRY_BASE_DELAY = 0.5
RETRY_MAX_DELAY = 8.0
RETRY_AFTER_CAP = 60.0
# Added on top of a Retry-After floor so that clients do not all wake at one second.
RETRY_AFTER_JITTER = 1.0
# A create held at v3's job limit waits at least this long between tries (with or
# without a Retry-After), so a zero Retry-After cannot make it hammer.
JOB_LIMIT_MIN_DELAY = 1.0
# A create held at the job limit by a workflow that waits for it (generate_many,
# the _and_wait twins) carries its Idempotency-Key, so a retry is free: it rides
# out at least this many transient failures in a row (5xx, dropped connections,
# timeouts), so that a run of thousands loses no job to faults; max_retries if larger.
HELD_CREATE_MAX_RETRIES = 8
RETRYABLE_STATUS_CODES = frozenset({408, 429, 500, 502, 503, 504})
# A create answered 409 request_in_progress (its idempotency key is still being
# processed) is sent again this many times at most, with growing jittered delays.
IN_PROGRESS_MAX_RETRIES = 8

# Concurrency and the connection pool, sized for bulk fan-out.
DEFAULT_MAX_CONCURRENT_REQUESTS = 32
POOL_MAX_CONNECTIONS = 100
POOL_MAX_KEEPALIVE = 50

# Polling (PollPolicy defaults).
POLL_FIRST_DELAY = 5.0
POLL_INITIAL_INTERVAL = 5.0
POLL_MULTIPLIER = 1.3
POLL_MAX_INTERVAL = 30.0
POLL_JITTER = 0.2
POLL_TIMEOUT = 1800.0
POLL_MAX_FAILURES = 10
# Waits due within this many seconds of each other share one bulk status read
# (at most this fraction of the interval of the wait that reads for them).
POLL_COALESCE_WINDOW = 15.0
POLL_COALESCE_FRACTION = 0.5
# A video this client created less than this many seconds ago that HeyGen's status
# reads do not know yet (a read right after a create may lag) is still waited for:
# each such check counts as a failed one. Later, or for an id the wait was given,
# not_found (confirmed by the single read) ends the wait with NotFoundError.
NOT_FOUND_GRACE = 30.0

# Uploads. v3 takes files up to 32 MB in one multipart POST; larger ones go
# through a presigned direct upload.
UPLOAD_CHUNK_SIZE = 256 * 1024
DIRECT_UPLOAD_THRESHOLD = 32 * 1024 * 1024
UPLOAD_FROM_URL_MAX_BYTES = 100 * 1024 * 1024

# Downloads (download_video): attempts of one download after an interrupted
# transfer or a short body, and fresh URLs fetched after a 403/404/410.
DOWNLOAD_MAX_ATTEMPTS = 5
DOWNLOAD_MAX_URL_REFRESHES = 2

# v3's bulk status read takes at most this many video ids.
V3_STATUS_BATCH_SIZE = 100

# A bulk run on v2 looks for a crashed job's video among this many newest videos.
SETTLEMENT_SCAN_LIMIT = 1000

# Listings: items asked for per page (HeyGen's maximum).
PAGE_SIZE = 100

# How much of an error body an exception keeps.
ERROR_BODY_EXCERPT = 500

# Hardening (docs/security.md).
# The most an API answer may hold, counted in decoded bytes (after gzip & co): a
# larger one raises APIResponseError instead of filling memory.
MAX_RESPONSE_BYTES = 16 * 1024 * 1024
# Redirects a media or upload-source fetch (never an API call) follows at most.
MEDIA_MAX_REDIRECTS = 5
# A media body must bring at least this many bytes per read-timeout window, so a
# host trickling a byte at a time cannot hold a download (or a fetch) forever.
MEDIA_MIN_BYTES_PER_WINDOW = 16 * 1024
# Pieces of the API key this long or longer are redacted wherever they appear.
REDACT_MIN_PIECE = 8
# How much of a server's message an exception keeps.
ERROR_MESSAGE_MAX = 1000
# On the event loop's clock a wait's last status check starts this long (at most a
# tenth of the timeout) before its deadline, so that it can answer within it.
WAIT_LAST_CHECK_ALLOWANCE = 1.0
# A "#RRGGBB" colour (or #RGB, #RRGGBBAA): the colour background's pattern, which
# ``_validation`` recognises in pydantic's errors without importing the models.
HEX_COLOUR_PATTERN = r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$"
# Failed jobs whose bulk entry's reason (HeyGen's code and message) a client keeps
# for their own reads, which may lack it (the newest ones; jobs/_failed_entries.py).
FAILED_ENTRIES_KEPT = 1000
# The longest script one voice speaks, in characters: HeyGen's usage limits for v3
# (the old v2 docs said 1,500; v2 accounts get the same limit today). A longer one
# is refused before sending, where HeyGen would answer 400.
SCRIPT_MAX_CHARS = 5000
# How much of a bad value an InvalidRequestError shows (a whole script or a long
# list would bury the message, and lands in logs).
SHOWN_VALUE_CHARS = 80
