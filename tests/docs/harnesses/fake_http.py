"""The complete program that a ``fake-http`` fragment is part of.

A fragment marked ``<!-- fragment: fake-http -->`` runs in place of the
``# fragment`` line: inside ``main()``, with a ``FakeHeyGen`` named ``fake``, an
``httpx.AsyncClient`` named ``http`` wired to it in-process (API key set), a
valid v3 create ``body``, and ``Fault`` imported.
"""

import anyio
import httpx

from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, Fault

fake = FakeHeyGen(seed=1)
body = {
    "type": "avatar",
    "avatar_id": SAMPLE_AVATAR_ID,
    "voice_id": SAMPLE_VOICE_ID,
    "script": "Hello!",
}


async def main() -> None:
    async with httpx.AsyncClient(
        transport=fake.transport(),
        base_url="https://api.heygen.com",
        headers={"X-Api-Key": "fake-key"},
    ) as http:
        # fragment
        del http


assert Fault  # for the fragment
anyio.run(main)
