"""The complete program that a ``facade-internals`` fragment is part of.

A fragment marked ``<!-- fragment: facade-internals -->`` runs in place of the
``# fragment`` line, with the adapters of ``heygen_async/_sync/_facade.py`` and
``AsyncHeyGenClient`` imported: it shows how ``HeyGenClient`` is written. The
program then checks that the class the fragment defines adapts as the real one.
"""

import inspect

from heygen_async import AsyncHeyGenClient
from heygen_async import HeyGenClient as _Real
from heygen_async._sync._facade import _blocking, _deriving, _iterating, _reading

# fragment

for _name, _member in vars(globals().get("HeyGenClient", _Real)).items():
    if not _name.startswith("_") and callable(_member):
        assert inspect.signature(_member) == inspect.signature(getattr(_Real, _name)), _name
del AsyncHeyGenClient, _blocking, _deriving, _iterating, _reading
