"""The complete program that a ``celery-task`` fragment is part of.

A fragment marked ``<!-- fragment: celery-task -->`` runs in place of the
``# fragment`` line: ``app`` stands in for a Celery application (its ``task``
decorator registers the function, as Celery's does, and leaves it callable), with
``AVATAR_ID`` and ``VOICE_ID`` defined. Then the program calls every task the
fragment registered, as a worker would, and prints what each returned.
"""

from collections.abc import Callable
from typing import Any

from heygen_async import HeyGenClient


class _App:
    """The part of ``celery.Celery`` the example uses."""

    def __init__(self) -> None:
        self.tasks: list[Callable[..., Any]] = []

    def task(self, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def register(function: Callable[..., Any]) -> Callable[..., Any]:
            self.tasks.append(function)
            return function

        return register


app = _App()
with HeyGenClient() as _setup:
    AVATAR_ID = _setup.list_avatars()[0].avatar_id
    VOICE_ID = _setup.list_voices()[0].voice_id

# fragment

assert app.tasks, "the fragment registers a task"
for registered in app.tasks:
    print(registered.__name__, "->", registered("Hello from a worker!"))
