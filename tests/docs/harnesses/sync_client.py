"""The complete program that a ``sync-client`` fragment is part of.

A fragment marked ``<!-- fragment: sync-client -->`` runs in place of the
``# fragment`` line, at module level of a plain (no event loop) script, with
``AVATAR_ID``, ``VOICE_ID`` and ``video_ids`` (three submitted videos) defined.
The fragment brings its own imports and clients.
"""

from heygen_async import HeyGenClient

with HeyGenClient() as _setup:
    AVATAR_ID = _setup.list_avatars()[0].avatar_id
    VOICE_ID = _setup.list_voices()[0].voice_id
    video_ids = [_setup.generate_video(s, AVATAR_ID, VOICE_ID).video_id for s in "abc"]

# fragment
