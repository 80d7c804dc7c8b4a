"""The parameters of the video creates, declared once, for tools built on the SDK.

``generate_video``'s and ``generate_avatar_iv_video``'s parameters (name, type,
default, help text) are declared in one place; the CLI builds its flags and its
JOBS-file columns from them, and so can any other front end::

    from heygen_async.params import video_params

    for param in video_params():
        print(param.name, param.doc)

``build_video_request`` / ``build_avatar_iv_request`` turn such keyword values
into a checked request model (``InvalidRequestError`` naming the field).
"""

from ._params import AVATAR_IV_SUBJECT, VIDEO_SUBJECT, Param, avatar_iv_params, video_params
from ._video_requests import build_avatar_iv_request, build_video_request

__all__ = [
    "AVATAR_IV_SUBJECT",
    "VIDEO_SUBJECT",
    "Param",
    "avatar_iv_params",
    "build_avatar_iv_request",
    "build_video_request",
    "video_params",
]
