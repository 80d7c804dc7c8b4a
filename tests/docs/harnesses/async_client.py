"""The complete program that an ``async-client`` fragment is part of.

A fragment marked ``<!-- fragment: async-client -->`` in the docs runs in place
of the ``# fragment`` line: inside ``main()``, with an open ``AsyncHeyGenClient``
named ``client`` (key and URLs from the environment), an avatar and a voice
(``avatar_id``, ``voice_id``), a few ``scripts`` and a submitted ``video_id``.
"""

import asyncio

from heygen_async import AsyncHeyGenClient


async def main() -> None:
    async with AsyncHeyGenClient() as client:
        avatar_id = (await client.list_avatars())[0].avatar_id
        voice_id = (await client.list_voices())[0].voice_id
        scripts = ["Hello!", "Welcome back!", "See you soon!"]
        video_id = (await client.generate_video("Hi!", avatar_id, voice_id)).video_id
        # fragment
        del avatar_id, voice_id, scripts, video_id


asyncio.run(main())
