"""Every tunable default of the fake HeyGen server, in one place.

``FakeHeyGen``'s keyword arguments, the pytest fixture and the command line all
start from these numbers; nothing else in ``heygen_async.testing`` hard-codes a
duration, a share or a size.
"""

from __future__ import annotations

# --- Time ----------------------------------------------------------------------
# Fake ("HeyGen") seconds per second of the injected clock. 1.0 = real time;
# 600 makes a 10-minute render finish in one real second.
TIME_SCALE = 1.0
# The pytest fixture: renders of 30 s..2 min (fake) take 30-120 ms at this scale.
FIXTURE_TIME_SCALE = 1000.0
FIXTURE_RENDER_SECONDS = (30.0, 120.0)
FIXTURE_SEED = 0

# --- Renders -------------------------------------------------------------------
# Render time (submission slot -> terminal state), in fake seconds, drawn
# log-uniformly: HeyGen renders commonly take minutes, sometimes 20+.
RENDER_SECONDS_MIN = 30.0
RENDER_SECONDS_MAX = 20 * 60.0
# How long a video sits in ``pending`` after it gets a render slot, before
# ``processing`` (part of the render time above, not added to it).
PENDING_SECONDS = 5.0
# Renders in flight per account; extra videos wait in ``waiting``. HeyGen's
# legacy plans: Free 1, Pro 3, Scale 6; Pay-As-You-Go 10.
MAX_CONCURRENT_RENDERS: int | None = 10
# The ``Retry-After`` (seconds) of a v3 create refused at that limit. None: the
# exact time until a render slot frees (rounded up, at least 1 s), which makes one
# retry always land; HeyGen promises no such thing, so tests of bulk behaviour set
# a fixed number (``FakeHeyGen(job_limit_retry_after=1)``).
JOB_LIMIT_RETRY_AFTER: float | None = None
PLAN_CONCURRENCY: dict[str, int] = {"free": 1, "pro": 3, "scale": 6, "payg": 10}
# Share of videos that fail at random (besides the deterministic "[fail]" marker).
FAILURE_RATE = 0.0
# Output length estimate for text scripts: characters spoken per second.
SPOKEN_CHARS_PER_SECOND = 15.0
AUDIO_INPUT_SECONDS = 10.0

# --- Downloads -----------------------------------------------------------------
# Signed media URLs expire after 7 days (fake time), like HeyGen's.
URL_TTL_SECONDS = 7 * 24 * 3600.0
# Size of the generated MP4 served at ``video_url``.
VIDEO_FILE_BYTES = 8 * 1024

# --- Auth ----------------------------------------------------------------------
# The key ``FakeHeyGen.client()`` uses when the fake accepts any key.
# Shares no 8-character piece with ordinary words (the SDK redacts pieces of keys).
DEFAULT_API_KEY = "fk-7Qz4Wm2Xv9Lp3Rt8"

# --- Validation limits (heygen-api.md sections 1-2, 5) --------------------------
MAX_SCENES = 50
DIMENSION_MIN = 128
DIMENSION_MAX = 4096
SPEED_MIN, SPEED_MAX = 0.5, 1.5
PITCH_MIN, PITCH_MAX = -50, 50
SILENCE_MIN, SILENCE_MAX = 1.0, 100.0
SCALE_MIN, SCALE_MAX = 0.0, 5.0
MAX_SCRIPT_CHARS = 5000
UPLOAD_MAX_BYTES = 100 * 1024 * 1024
# Bigger request bodies get a proxy's HTML 413.
JSON_BODY_MAX_BYTES = 10 * 1024 * 1024
UPLOAD_CONTENT_TYPES: dict[str, str] = {
    "image/jpeg": "image",
    "image/png": "image",
    "video/mp4": "video",
    "video/webm": "video",
    "audio/mpeg": "audio",
}

# --- Paging --------------------------------------------------------------------
PAGE_LIMIT_MAX = 100
PAGE_LIMIT_DEFAULT = 100

# --- v3 (heygen-v3.md) -----------------------------------------------------------
# Idempotency-Key answers are replayed for 24 hours (fake time).
IDEMPOTENCY_RETENTION_SECONDS = 24 * 3600.0
# Page sizes: (min, max, default) per listing.
V3_VIDEOS_LIMITS = (1, 100, 10)
V3_LOOKS_LIMITS = (1, 50, 20)
V3_VOICES_LIMITS = (1, 100, 20)
V3_ASSETS_LIMITS = (1, 100, 20)
V3_STATUSES_MAX_IDS = 100
# POST /v3/videos/batches: at most this many videos (heygen-v3.md 4.2).
V3_BATCH_MAX_VIDEOS = 100
V3_MAX_SCRIPT_CHARS = 5000
V3_MAX_IMAGE_SCENE_SECONDS = 300.0
V3_VOLUME_MIN, V3_VOLUME_MAX = 0.0, 1.0
# POST /v3/assets takes up to 32 MB; bigger files go through a direct upload.
V3_UPLOAD_MAX_BYTES = 32 * 1024 * 1024
# What a direct upload may announce, and how long its upload URL lives (fake s).
DIRECT_UPLOAD_MAX_BYTES = 5 * 1024 * 1024 * 1024
DIRECT_UPLOAD_URL_TTL_SECONDS = 3600.0
# Where presigned upload URLs point when the fake is reached in-process (over
# loopback they point at the loopback server itself).
STORAGE_ORIGIN = "https://storage.fake-heygen.test"
VIDEO_PAGE_ORIGIN = "https://app.heygen.com"
# GET /v3/users/me
ACCOUNT_USERNAME = "fake-user"
ACCOUNT_EMAIL = "fake-user@example.com"
ACCOUNT_DISPLAY_NAME = "Fake User"
ACCOUNT_SPACE_ID = "fake-space"
ACCOUNT_WALLET_USD = 100.0

# --- Faults --------------------------------------------------------------------
# Where a truncated download stops, as a share of the file.
TRUNCATE_AT = 0.5
