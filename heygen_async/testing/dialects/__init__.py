"""The fake's API dialects: one package per HeyGen API version.

- ``legacy``: v1/v2 (``/v1/...``, ``/v2/...``, upload.heygen.com), heygen-api.md;
- ``v3``: ``/v3/...``, heygen-v3.md.

A dialect owns its routes, wire format and request validation; the state lives
in the shared ``Account``, so both dialects see the same videos and assets.
"""
